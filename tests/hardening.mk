# tests/hardening.mk - sanitizer builds and fuzzing (included by the Makefile)
#
#   make asan       ASan+UBSan build of the generator and unit tests in
#                   tests/build/asan/, then runs them (tests/hardening/asan.sh)
#   make valgrind   the generator under valgrind on a small range
#   make fuzz       builds the libFuzzer harnesses (tests/fuzz/) and runs each
#                   for FUZZ_SECONDS (default 60), then replays the regression
#                   corpus; make fuzz-replay only replays it
#   make hardening  the whole hardening suite (tests/hardening/run-suite.sh)
#
# Nothing here touches ./portpages or src/*.o: the instrumented objects are
# compiled straight from src/ into their own directories with clang.

HCC = clang
HCXX = clang++
FUZZ_SECONDS ?= 60
HARDEN_PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags libcmark inih)
HARDEN_CFLAGS = -std=c11 -g -O1 -fno-omit-frame-pointer -Wall -Wextra \
	$(DEFS) $(HARDEN_PKG_CFLAGS)
HARDEN_CXXFLAGS = -std=c++17 -g -O1 -fno-omit-frame-pointer -Wall -Wextra \
	$(shell $(PKG_CONFIG) --cflags libctemplate)
SAN_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all
HARDEN_SRCS = $(SRCS) src/main.c

ASAN_DIR = tests/build/asan
ASAN_OBJS = $(SRCS:src/%.c=$(ASAN_DIR)/%.o) $(ASAN_DIR)/ctpl.o
ASAN_UNIT = $(UNIT_SRCS:tests/unit/%.c=$(ASAN_DIR)/%)

FUZZ_DIR = tests/build/fuzz
FUZZ_OBJS = $(SRCS:src/%.c=$(FUZZ_DIR)/obj/%.o) $(FUZZ_DIR)/obj/ctpl.o
FUZZERS = fuzz_csv fuzz_services fuzz_conf fuzz_note fuzz_layout
FUZZ_BINS = $(FUZZERS:%=$(FUZZ_DIR)/%)

.PHONY: asan asan-build tsan-build valgrind fuzz fuzz-build fuzz-replay \
	hardening hardening-tools

asan-build: $(ASAN_DIR)/portpages $(ASAN_UNIT)

$(ASAN_DIR)/%.o: src/%.c $(HDRS)
	@mkdir -p $(ASAN_DIR)
	$(HCC) $(HARDEN_CFLAGS) $(SAN_FLAGS) -c -o $@ $<

$(ASAN_DIR)/ctpl.o: src/ctpl.cc src/ctpl.h src/buf.h
	@mkdir -p $(ASAN_DIR)
	$(HCXX) $(HARDEN_CXXFLAGS) $(SAN_FLAGS) -c -o $@ $<

$(ASAN_DIR)/portpages: $(ASAN_DIR)/main.o $(ASAN_OBJS)
	$(HCXX) $(SAN_FLAGS) -o $@ $(ASAN_DIR)/main.o $(ASAN_OBJS) $(LIBS)

# Linked by clang++: UBSan's C++ checks in ctpl.o need its C++ runtime.
$(ASAN_DIR)/test_%: tests/unit/test_%.c $(ASAN_OBJS) $(HDRS)
	$(HCC) $(HARDEN_CFLAGS) $(SAN_FLAGS) -Isrc \
	  $(shell $(PKG_CONFIG) --cflags cmocka) -c -o $@.o $<
	$(HCXX) $(SAN_FLAGS) -o $@ $@.o $(ASAN_OBJS) $(LIBS) \
	  $(shell $(PKG_CONFIG) --libs cmocka)

asan: asan-build
	tests/hardening/asan.sh

valgrind: portpages
	tests/hardening/valgrind.sh

# ThreadSanitizer: the worker threads of the port pages.
TSAN_DIR = tests/build/tsan
TSAN_OBJS = $(SRCS:src/%.c=$(TSAN_DIR)/%.o) $(TSAN_DIR)/ctpl.o

tsan-build: $(TSAN_DIR)/portpages

$(TSAN_DIR)/%.o: src/%.c $(HDRS)
	@mkdir -p $(TSAN_DIR)
	$(HCC) $(HARDEN_CFLAGS) -fsanitize=thread -c -o $@ $<

$(TSAN_DIR)/ctpl.o: src/ctpl.cc src/ctpl.h src/buf.h
	@mkdir -p $(TSAN_DIR)
	$(HCXX) $(HARDEN_CXXFLAGS) -fsanitize=thread -c -o $@ $<

$(TSAN_DIR)/portpages: $(TSAN_DIR)/main.o $(TSAN_OBJS)
	$(HCXX) -fsanitize=thread -o $@ $(TSAN_DIR)/main.o $(TSAN_OBJS) $(LIBS)

fuzz-build: $(FUZZ_BINS)

# Coverage feedback is left out of loops that no input steers.
FUZZ_COV = -fsanitize=fuzzer-no-link \
	-fsanitize-coverage-ignorelist=tests/fuzz/coverage-ignore.txt

$(FUZZ_DIR)/obj/%.o: src/%.c $(HDRS) tests/fuzz/coverage-ignore.txt
	@mkdir -p $(FUZZ_DIR)/obj
	$(HCC) $(HARDEN_CFLAGS) $(SAN_FLAGS) $(FUZZ_COV) -c -o $@ $<

$(FUZZ_DIR)/obj/ctpl.o: src/ctpl.cc src/ctpl.h src/buf.h
	@mkdir -p $(FUZZ_DIR)/obj
	$(HCXX) $(HARDEN_CXXFLAGS) $(SAN_FLAGS) -fsanitize=fuzzer-no-link -c \
	  -o $@ $<

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h \
	  tests/fuzz/fuzz_registry.h $(FUZZ_OBJS)
	$(HCC) $(HARDEN_CFLAGS) $(SAN_FLAGS) -fsanitize=fuzzer -Isrc -c \
	  -o $@.o $<
	$(HCXX) $(SAN_FLAGS) -fsanitize=fuzzer -o $@ $@.o $(FUZZ_OBJS) $(LIBS)

fuzz: fuzz-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) tests/fuzz/run.sh

fuzz-replay: fuzz-build
	tests/fuzz/run.sh --replay

# Small helpers of the hardening scripts (the peak-RSS reader that
# bench/run.sh uses too).
hardening-tools: tests/build/hardening/rss

tests/build/hardening/rss: bench/rss.c
	@mkdir -p tests/build/hardening
	$(CC) -std=c11 -O2 -Wall -Wextra -pedantic -Wstrict-prototypes -o $@ $<

hardening: portpages
	tests/hardening/run-suite.sh

# Built by pattern rules only: without this make would delete them after
# each build and compile them all again the next time.
.SECONDARY: $(ASAN_OBJS) $(FUZZ_OBJS) $(TSAN_OBJS) \
	$(FUZZ_BINS:%=%.o) $(ASAN_UNIT:%=%.o)
