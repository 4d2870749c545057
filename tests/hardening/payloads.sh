#!/usr/bin/env bash
# tests/hardening/payloads.sh - the injection corpus, and inputs that carry it
#
#   payloads.sh list                 the payload names, one a line
#   payloads.sh get NAME             NAME's bytes
#   payloads.sh csv [NAME...]        an IANA CSV registry: each payload in
#                                    every field of rows at ports 1000+2i
#                                    (and a range, a reference, a row
#                                    without port, bad port/protocol rows)
#   payloads.sh services [NAME...]   a services(5) file: the same in names,
#                                    aliases, comments, ports and protocols
#   payloads.sh note [NAME...]       a note: each payload in the body (a
#                                    paragraph, a heading, a link, code, a
#                                    list, a table, raw HTML)
#   payloads.sh note-front NAME      a note with NAME in title and names
#   payloads.sh conf-title NAME...   site.conf: title, description, footer
#   payloads.sh conf-lang NAME       site.conf: language
#   payloads.sh conf-url NAME        site.conf: base_url and feedback_url
#   payloads.sh conf-url2 NAME       the same, after https://example.org/
# Without NAME: every payload that the format can hold as text (csv,
# services: all; note, conf-title: all but nul, badutf8 and big, which are
# rejected, see inject.sh). Output goes to standard output; payloads may
# hold NUL and invalid UTF-8, so nothing here keeps them in variables.
set -u

NAMES="script img jsurl textarea attr marker section mdlink mdbold autolink
entity nul badutf8 rlo linesep multibyte big"
CLEAN="script img jsurl textarea attr marker section mdlink mdbold autolink
entity rlo linesep multibyte"

payload() {
	case $1 in
	script) printf '<script>alert(1)</script>' ;;
	img) printf '<img src=x onerror=alert(1)>' ;;
	jsurl) printf 'javascript:alert(1)' ;;
	textarea) printf '</textarea></title></style><svg onload=alert(1)>' ;;
	attr) printf '"'"'"'><svg/onload=alert(1) x="' ;;
	marker) printf '{{PORT}}' ;;
	section) printf '{{#X}}x{{/X}}{{>head}}{{!c}}{{SITE_TITLE:none}}' ;;
	mdlink) printf '[x](javascript:alert(1)) ![i](javascript:alert(1))' ;;
	mdbold) printf '**bold** _em_ `code` # not a heading' ;;
	autolink) printf '<https://evil.example/> <javascript:alert(1)>' ;;
	entity) printf '&lt;script&gt;alert(1)&lt;/script&gt; &#x3C;img src=x onerror=alert(1)&#x3E;' ;;
	nul) printf 'a\0b<script>alert(1)</script>' ;;
	badutf8) printf '\xff\xfe<script>alert(1)</script>\xc0\xaf\xed\xa0\x80' ;;
	rlo) printf '\xe2\x80\xaegnp.exe \xe2\x81\xa6isolate\xe2\x81\xa9' ;;
	linesep) printf 'a\xe2\x80\xa8b\xe2\x80\xa9c";alert(1)//\\' ;;
	multibyte) printf 'x'; for _ in $(seq 200); do printf '\xc3\xa9'; done ;;
	big)
		# 1 MB, the script payload over and over.
		yes '<script>alert(1)</script>' | tr -d '\n' | head -c 1000000
		;;
	*) echo "payloads.sh: unknown payload $1" >&2; exit 2 ;;
	esac
}

# A CSV field holding payload NAME (quoted, quotes doubled), after prefix.
field() {
	printf '"%s' "$2"
	payload "$1" | sed 's/"/""/g'
	printf '"'
}

csv_rows() {
	local n=$1 p=$2 i
	# Every text field; the canary shows that the row reached the page.
	field "$n" "svc-$n-"
	printf ',%u,tcp' "$p"
	for i in desc assignee contact reg mod ref code unauth notes; do
		printf ','
		field "$n" "CANARY-$n-$i "
	done
	printf '\n'
	# References as site.c splits them: [text] and [url].
	printf 'ref-%s,%u,udp,references,,,,,"[RFC1][' "$n" "$p"
	payload "$n" | sed 's/"/""/g'
	printf ']",,,\n'
	printf 'ref2-%s,%u,udp,references,,,,,"[https://example.org/' "$n" "$p"
	payload "$n" | sed 's/"/""/g'
	printf ']",,,\n'
	# A range, and a service name without a port.
	field "$n" "range-$n-"
	printf ',%u-%u,tcp,' "$((p + 1))" "$((p + 1))"
	field "$n" "CANARY-$n-range "
	printf ',,,,,,,,\n'
	field "$n" "noport-$n-"
	printf ',,,'
	field "$n" "CANARY-$n-noport "
	printf ',,,,,,,,\n'
	# The payload where a port number or a protocol belongs: rows skipped.
	printf 'badport-%s,' "$n"
	field "$n" ""
	printf ',tcp,x,,,,,,,,\n'
	printf 'badproto-%s,%u,' "$n" "$p"
	field "$n" ""
	printf ',x,,,,,,,,\n'
}

services_lines() {
	local n=$1 p=$2
	# The payload as aliases and as the comment (the description).
	printf 'svc-%s %u/tcp ' "$n" "$p"
	payload "$n"
	printf ' # CANARY-%s-comment ' "$n"
	payload "$n"
	# As the name (its first word, when it has spaces).
	printf '\n'
	payload "$n"
	printf ' %u/udp alias-%s # CANARY-%s-name\n' "$p" "$n" "$n"
	# Where a port number or a protocol belongs: lines skipped.
	printf 'port-%s ' "$n"
	payload "$n"
	printf '/tcp\nproto-%s %u/' "$n" "$p"
	payload "$n"
	printf '\n'
}

note_body() {
	local n=$1
	printf '\nCANARY-%s-body ' "$n"
	payload "$n"
	printf '\n\n## Heading ' && payload "$n"
	printf '\n\n[link text ' && payload "$n" && printf '](https://example.org/)\n'
	printf '\n[a link](' && payload "$n" && printf ')\n'
	printf '\nInline `' && payload "$n" && printf '` code.\n\n```\n'
	payload "$n"
	printf '\n```\n\n- item ' && payload "$n"
	printf '\n\n| a | b |\n| - | - |\n| ' && payload "$n" && printf ' | x |\n\n'
	printf '<div>' && payload "$n" && printf '</div>\n\n> quote '
	payload "$n"
	printf '\n'
}

conf_text() {
	local n
	printf '[site]\ntitle = CANARY-title '
	for n in "$@"; do payload "$n"; done
	printf '\ndescription = CANARY-description '
	for n in "$@"; do payload "$n"; done
	printf '\nfooter = CANARY-footer '
	for n in "$@"; do payload "$n"; done
	printf '\n'
}

mode=${1:-}
[ $# -gt 0 ] && shift
if [ $# -eq 0 ]; then
	case $mode in
	csv | services) set -- $NAMES ;;
	*) set -- $CLEAN ;;
	esac
fi
case $mode in
list) echo $NAMES | tr ' ' '\n' ;;
get) payload "$1" ;;
csv)
	printf 'Service Name,Port Number,Transport Protocol,Description,Assignee,'
	printf 'Contact,Registration Date,Modification Date,Reference,Service Code,'
	printf 'Unauthorized Use Reported,Assignment Notes\n'
	printf 'ssh,22,tcp,The Secure Shell (SSH) Protocol,,,,,[RFC4251],,,\n'
	i=0
	for n in "$@"; do
		csv_rows "$n" $((1000 + 2 * i))
		i=$((i + 1))
	done
	;;
services)
	printf 'ssh 22/tcp # SSH\n'
	i=0
	for n in "$@"; do
		services_lines "$n" $((1000 + 2 * i))
		i=$((i + 1))
	done
	;;
note)
	printf -- '---\ntitle: Hostile note\ntags: web\nrisk: low\nnames: hostile\n---\n'
	for n in "$@"; do note_body "$n"; done
	;;
note-front)
	printf -- '---\ntitle: CANARY-title '
	payload "$1"
	printf '\nnames: canary-names '
	payload "$1"
	printf '\ntags: web\n---\nBody.\n'
	;;
conf-title) conf_text "$@" ;;
conf-lang)
	printf '[site]\nlanguage = '
	payload "$1"
	printf '\n'
	;;
conf-url)
	printf '[site]\nbase_url = '
	payload "$1"
	printf '\nfeedback_url = '
	payload "$1"
	printf '\n'
	;;
conf-url2)
	printf '[site]\nbase_url = https://example.org/'
	payload "$1"
	printf '\nfeedback_url = https://example.org/?q='
	payload "$1"
	printf '\n'
	;;
*)
	echo "usage: payloads.sh list|get|csv|services|note|note-front|conf-title|conf-lang|conf-url|conf-url2 [NAME...]" >&2
	exit 2
	;;
esac
