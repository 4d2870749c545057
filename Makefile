# Makefile - portpages: build, render, test, benchmark, install (GNU make)

VERSION = 0.1.0
PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
DATADIR = $(PREFIX)/share/portpages
MANDIR = $(PREFIX)/share/man/man1

CC ?= cc
CXX ?= c++
PKG_CONFIG ?= pkg-config
CFLAGS ?= -O2 -g
CXXFLAGS ?= -O2 -g
# -Werror only where we choose (make check, and CI, which sets CI=true): a
# newer compiler's new warning must not break a user's or a packager's build.
WERROR ?= $(if $(filter true,$(CI)),-Werror)
WARN = -Wall -Wextra -pedantic -Wstrict-prototypes $(WERROR)
# Brotli is optional: built with libbrotli-dev (make deps installs it),
# --precompress writes FILE.br beside FILE.gz.
BROTLI := $(shell $(PKG_CONFIG) --exists libbrotlienc 2>/dev/null && echo libbrotlienc)
DEFS = -D_GNU_SOURCE -DVERSION='"$(VERSION)"' -DDATADIR='"$(DATADIR)"' \
       $(if $(BROTLI),-DHAVE_BROTLI)
# libcsv ships no pkg-config file.
PKGS = libcmark libctemplate inih libmicrohttpd jansson sqlite3 zlib libxxhash $(BROTLI)
# Link-time optimization: a page's hot path crosses modules (dict, cache,
# subst, buf), and inlining across them takes 6% off its instructions.
# LTO= turns it off.
LTO ?= -flto=auto
ALL_CFLAGS = -std=c11 $(WARN) $(DEFS) $(shell $(PKG_CONFIG) --cflags libcmark inih libmicrohttpd jansson sqlite3 zlib libxxhash $(BROTLI)) $(CFLAGS) $(LTO)
ALL_CXXFLAGS = -std=c++17 -Wall -Wextra -pedantic $(WERROR) $(shell $(PKG_CONFIG) --cflags libctemplate) $(CXXFLAGS)
LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS)) -lcsv -lpthread

# Every module but main: a new page kind is a new src/page_NAME.c.
SRCS = $(filter-out src/main.c,$(sort $(wildcard src/*.c)))
OBJS = $(SRCS:.c=.o) src/ctpl.o
HDRS = $(wildcard src/*.h)
DEPFLAGS = -MMD -MP

# make site: which registry to render (default: the generator's own search).
REGISTRY ?=
REGISTRY_ARG = $(if $(REGISTRY),-r $(REGISTRY))
SITE_INPUTS = $(shell find templates content -type f 2>/dev/null) $(REGISTRY) \
              $(wildcard content/registry.csv)

.PHONY: all site test check expected unit bench bench-feedback bench-deps deps install \
        uninstall clean clean-bench registry serve deb favicon zim zim-test FORCE

all: portpages

portpages: src/main.o $(OBJS)
	$(CXX) $(LTO) $(LDFLAGS) -o $@ src/main.o $(OBJS) $(LIBS)

# Objects depend on the headers they include (-MMD writes src/*.d) and on
# the flags they were compiled with (PREFIX and WERROR among them).
FLAGS_STAMP = src/.flags
FLAGS_NOW = $(CC) $(ALL_CFLAGS) $(CXX) $(ALL_CXXFLAGS)
$(FLAGS_STAMP): FORCE
	@echo '$(FLAGS_NOW)' | cmp -s - $@ || echo '$(FLAGS_NOW)' >$@

src/%.o: src/%.c $(FLAGS_STAMP)
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

src/ctpl.o: src/ctpl.cc $(FLAGS_STAMP)
	$(CXX) $(ALL_CXXFLAGS) $(DEPFLAGS) -c -o $@ $<

-include $(wildcard src/*.d)

# The generator runs again only when it or its inputs changed.
site: site/.make-stamp
site/.make-stamp: portpages $(SITE_INPUTS)
	./portpages $(REGISTRY_ARG)
	touch $@

# Installs every build and test dependency on Debian 12 (and wrk, for the
# answers benchmark).
deps:
	apt-get -o DPkg::Lock::Timeout=600 update
	DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends \
	  build-essential pkg-config libcmark-dev libctemplate-dev libcsv-dev \
	  libinih-dev libmicrohttpd-dev libjansson-dev libsqlite3-dev \
	  zlib1g-dev libxxhash-dev libbrotli-dev libcmocka-dev libwireshark-data netbase sqlite3 curl wrk \
	  chromium default-jre-headless python3 clang libclang-rt-14-dev nmap-common \
	  valgrind mandoc groff-base dpkg-dev ca-certificates zim-tools \
	  kiwix-tools iso-codes
	command -v npm >/dev/null || DEBIAN_FRONTEND=noninteractive \
	  apt-get install -y --no-install-recommends nodejs npm
	cd tests/browser && npm ci --no-audit --no-fund

# Every suite (under 6 minutes on 2 cores); make check is the quick one
# (under 90 s): lengths, unit tests, exact pages, one whole build.
test: portpages
	tests/run.sh

check:
	$(MAKE) portpages unit WERROR=-Werror
	SUITES="style unit expected generator" tests/run.sh

# Rewrites tests/expected/out/ from the current templates and generator:
# only after a change meant to change pages (read the diff, then commit).
expected: portpages
	tests/expected/run.sh --update

# Unit tests link the generator's objects (all but main.o) with cmocka.
UNIT_SRCS = $(wildcard tests/unit/test_*.c)
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=tests/build/%)
unit: $(UNIT_BINS)
tests/build/%: tests/unit/%.c $(OBJS) $(HDRS) $(FLAGS_STAMP)
	@mkdir -p tests/build
	$(CC) $(ALL_CFLAGS) -Isrc $(shell $(PKG_CONFIG) --cflags cmocka) -o $@ $< \
	  $(OBJS) $(LIBS) $(shell $(PKG_CONFIG) --libs cmocka) -lstdc++

# site/ as one file for Kiwix and other ZIM readers (packaging/mkzim.sh).
zim: site
	packaging/mkzim.sh site portpages.zim

# Slow (about 4 minutes): the ZIM through zimcheck, kiwix-serve and Chromium.
zim-test: zim
	@r=$$(mktemp); ZIM_TEST=$(CURDIR)/portpages.zim RESULTS=$$r bash tests/e2e/zim.sh; \
	  f=$$(grep -c '^fail$$' $$r); rm -f $$r; test "$$f" -eq 0

# Renders templates/assets/favicon.svg to the committed PNG fallback (Chromium).
favicon:
	node tests/browser/favicon.mjs templates/assets/favicon.svg \
	  templates/assets/favicon.png 48

bench:
	$(MAKE) clean-bench
	$(MAKE) portpages CFLAGS=-O2 CXXFLAGS=-O2
	bench/run.sh

# Acknowledged answers a second through POST /feedback (wrk), and none lost.
bench-feedback: portpages
	bench/feedback.sh

bench-deps:
	bench/deps.sh

# Needs the internet: IANA's current registry as the default data.
registry:
	curl -fsSL -o content/registry.csv.tmp \
	  https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.csv
	mv content/registry.csv.tmp content/registry.csv

# Builds, serves at http://127.0.0.1:8000/ and reloads pages as they change.
serve: portpages
	./portpages serve $(REGISTRY_ARG)

# The binary has DATADIR built in: it must have been compiled with this PREFIX.
install: portpages
	@grep -qaF '$(DATADIR)/templates' portpages || { echo "make install:" \
	  "./portpages was built for another PREFIX; rebuild it with" \
	  "'rm -f portpages src/*.o && make PREFIX=$(PREFIX)'" >&2; exit 1; }
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(MANDIR)" "$(DESTDIR)$(DATADIR)"
	install -m 755 portpages "$(DESTDIR)$(BINDIR)/portpages"
	sed 's|/usr/local/share/portpages|$(DATADIR)|g' portpages.1 \
	  >"$(DESTDIR)$(MANDIR)/portpages.1"
	chmod 644 "$(DESTDIR)$(MANDIR)/portpages.1"
	rm -rf "$(DESTDIR)$(DATADIR)/templates" "$(DESTDIR)$(DATADIR)/content"
	cp -R templates content "$(DESTDIR)$(DATADIR)/"
	rm -f "$(DESTDIR)$(DATADIR)/content/registry.csv"
	chmod -R u+rwX,go+rX,go-w "$(DESTDIR)$(DATADIR)"

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/portpages" "$(DESTDIR)$(MANDIR)/portpages.1"
	rm -rf "$(DESTDIR)$(DATADIR)"

# A Debian package of a PREFIX=/usr build made in a scratch copy of the
# sources (./portpages stays as it is); DEBDIR=DIR puts it elsewhere.
deb:
	MAKE="$(MAKE)" packaging/mkdeb.sh "$(VERSION)" "$(or $(DEBDIR),.)"

clean-bench:
	rm -f portpages src/*.o src/*.d src/.flags

clean:
	rm -f portpages src/*.o src/*.d src/.flags portpages.zim
	rm -rf site tests/build

# Sanitizer, valgrind and fuzzing targets.
include tests/hardening.mk
