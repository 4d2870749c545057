/* names.h - the template contract: every value and section templates may use */
#ifndef NAMES_H
#define NAMES_H

#include <stddef.h>

#include "tmpl.h"

/* name, is a section, is raw HTML, what it holds */
#define NAMES \
	X(SITE_TITLE, 0, 0, "site title (site.conf)") \
	X(SITE_DESCRIPTION, 0, 0, "site description (site.conf)") \
	X(LANG, 0, 0, "page language (site.conf)") \
	X(ROOT, 0, 0, "relative path to the site root: empty or ../") \
	X(PAGE_TITLE, 0, 0, "the page's title") \
	X(PAGE_DESCRIPTION, 0, 0, "the page's meta description") \
	X(HAS_CANONICAL, 1, 0, "shown when base_url is set") \
	X(CANONICAL_URL, 0, 0, "absolute URL of the page") \
	X(HAS_FEEDBACK, 1, 0, "shown when feedback_url is set") \
	X(FEEDBACK_URL, 0, 0, "feedback_url (site.conf), may be empty") \
	X(HAS_FOOTER, 1, 0, "shown when footer is set") \
	X(FOOTER, 0, 0, "footer text (site.conf)") \
	X(HAS_BUILD_DATE, 1, 0, "shown when SOURCE_DATE_EPOCH is set") \
	X(BUILD_DATE, 0, 0, "YYYY-MM-DD from SOURCE_DATE_EPOCH") \
	X(VERSION, 0, 0, "portpages version") \
	X(SOURCE_FILE, 0, 0, "the registry file the data came from") \
	X(SOURCE_KIND, 0, 0, "what kind of file that is") \
	X(HAS_SOURCE_DATE, 1, 0, "shown when the registry carries dates") \
	X(SOURCE_DATE, 0, 0, "newest date in the registry") \
	X(CRUMB, 1, 0, "breadcrumb links above the current page") \
	X(CRUMB_URL, 0, 0, "CRUMB: link, relative") \
	X(CRUMB_TEXT, 0, 0, "CRUMB: text") \
	X(BODY, 0, 1, "layouts: the page's rendered sections (HTML)") \
	X(PORT, 0, 0, "the port number") \
	X(IS_ZERO, 1, 0, "port 0") \
	X(IS_SYSTEM, 1, 0, "port in 0-1023") \
	X(IS_USER, 1, 0, "port in 1024-49151") \
	X(IS_DYNAMIC, 1, 0, "port in 49152-65535") \
	X(IS_RANGE_FIRST, 1, 0, "first port of its range") \
	X(IS_RANGE_LAST, 1, 0, "last port of its range") \
	X(RANGE, 1, 0, "index pages: one per IANA range") \
	X(RANGE_ID, 0, 0, "system, user or dynamic") \
	X(RANGE_NAME, 0, 0, "well-known, registered or dynamic") \
	X(RANGE_TITLE, 0, 0, "Well-known ports, Registered ports, ...") \
	X(RANGE_RFC_NAME, 0, 0, "RFC 6335's name: System Ports, ...") \
	X(RANGE_LO, 0, 0, "first port of the range") \
	X(RANGE_HI, 0, 0, "last port of the range") \
	X(RANGE_SIZE, 0, 0, "ports in the range") \
	X(OS, 1, 0, "one per operating system") \
	X(OS_NAME, 0, 0, "OS: its name") \
	X(OS_LO, 0, 0, "OS: first default ephemeral port") \
	X(OS_HI, 0, 0, "OS: last default ephemeral port") \
	X(OS_SETTING, 0, 0, "OS: where the range is set") \
	X(OS_IN, 1, 0, "OS: the port is in its default ephemeral range") \
	X(OS_OUT, 1, 0, "OS: the port is not") \
	X(EPHEMERAL_LINUX, 1, 0, "in Linux's default ephemeral range") \
	X(NOT_EPHEMERAL_LINUX, 1, 0, "not in Linux's default ephemeral range") \
	X(EPHEMERAL_ANY, 1, 0, "in some OS's default ephemeral range") \
	X(EPHEMERAL_NONE, 1, 0, "in no OS's default ephemeral range") \
	X(EPHEMERAL_OSES, 0, 0, "the OSes whose default range holds it") \
	X(STATUS, 1, 0, "one per protocol: TCP, UDP, and SCTP, DCCP if listed") \
	X(STATUS_PROTO, 0, 0, "STATUS: TCP, UDP, SCTP or DCCP") \
	X(STATUS_TEXT, 0, 0, "STATUS: assigned, reserved or unassigned") \
	X(ASSIGNED, 1, 0, "some protocol is assigned") \
	X(NOT_ASSIGNED, 1, 0, "no protocol is assigned") \
	X(RESERVED, 1, 0, "reserved and not assigned") \
	X(HAS_SERVICE, 1, 0, "the port has a service name") \
	X(PRIMARY_SERVICE, 0, 0, "the first service name") \
	X(SERVICE_NAMES, 0, 0, "every service name at the port, comma-separated") \
	X(ASSIGNMENT, 1, 0, "one per registry entry at the port") \
	X(A_HAS_SERVICE, 1, 0, "ASSIGNMENT: has a service name") \
	X(A_SERVICE, 0, 0, "ASSIGNMENT: service name") \
	X(A_NO_SERVICE, 1, 0, "ASSIGNMENT: has no service name") \
	X(A_STATUS, 0, 0, "ASSIGNMENT: assigned, reserved or unassigned") \
	X(A_PROTOCOLS, 0, 0, "ASSIGNMENT: tcp/udp/...") \
	X(A_HAS_PROTOCOLS, 1, 0, "ASSIGNMENT: protocols given") \
	X(A_NO_PROTOCOLS, 1, 0, "ASSIGNMENT: no protocol given") \
	X(A_HAS_DESCRIPTION, 1, 0, "ASSIGNMENT: has a description") \
	X(A_DESCRIPTION, 0, 0, "ASSIGNMENT: description") \
	X(A_IS_RANGE, 1, 0, "ASSIGNMENT: covers a range of ports") \
	X(A_RANGE_LO, 0, 0, "ASSIGNMENT: first port") \
	X(A_RANGE_HI, 0, 0, "ASSIGNMENT: last port") \
	X(A_HAS_ALIASES, 1, 0, "ASSIGNMENT: has aliases") \
	X(A_ALIASES, 0, 0, "ASSIGNMENT: aliases") \
	X(A_HAS_ASSIGNEE, 1, 0, "ASSIGNMENT: has an assignee") \
	X(A_ASSIGNEE, 0, 0, "ASSIGNMENT: assignee") \
	X(A_HAS_CONTACT, 1, 0, "ASSIGNMENT: has a contact") \
	X(A_CONTACT, 0, 0, "ASSIGNMENT: contact") \
	X(A_HAS_REFS, 1, 0, "ASSIGNMENT: has references") \
	X(A_REF, 1, 0, "A_HAS_REFS: one per reference") \
	X(REF_TEXT, 0, 0, "A_REF: the reference as written") \
	X(REF_LINK, 1, 0, "A_REF: has a link") \
	X(REF_URL, 0, 0, "A_REF: the link") \
	X(REF_PLAIN, 1, 0, "A_REF: has no link") \
	X(A_HAS_NOTES, 1, 0, "ASSIGNMENT: has assignment notes") \
	X(A_NOTES, 0, 0, "ASSIGNMENT: assignment notes") \
	X(A_HAS_UNAUTHORIZED, 1, 0, "ASSIGNMENT: unauthorized use reported") \
	X(A_UNAUTHORIZED, 0, 0, "ASSIGNMENT: what was reported") \
	X(A_HAS_REGISTERED, 1, 0, "ASSIGNMENT: has a registration date") \
	X(A_REGISTERED, 0, 0, "ASSIGNMENT: registration date") \
	X(A_HAS_MODIFIED, 1, 0, "ASSIGNMENT: has a modification date") \
	X(A_MODIFIED, 0, 0, "ASSIGNMENT: modification date") \
	X(A_HAS_CODE, 1, 0, "ASSIGNMENT: has a service code") \
	X(A_CODE, 0, 0, "ASSIGNMENT: service code") \
	X(HAS_NOTE, 1, 0, "the port has a curated note") \
	X(NOTE, 0, 1, "layouts: the curated note (HTML)") \
	X(HAS_NOTE_TITLE, 1, 0, "the note has a title") \
	X(NOTE_TITLE, 0, 0, "the note's title") \
	X(HAS_RISK, 1, 0, "the note gives a risk level") \
	X(NOTE_RISK, 0, 0, "low, medium, high or critical") \
	X(TAG, 1, 0, "one per tag of the note") \
	X(TAG_NAME, 0, 0, "TAG: the tag") \
	X(HAS_PREV, 1, 0, "there is a previous port") \
	X(PREV_PORT, 0, 0, "the previous port") \
	X(HAS_NEXT, 1, 0, "there is a next port") \
	X(NEXT_PORT, 0, 0, "the next port") \
	X(BLOCK, 1, 0, "index pages: one per block of 256 ports") \
	X(BLOCK_LO, 0, 0, "first port of the block") \
	X(BLOCK_HI, 0, 0, "last port of the block") \
	X(BLOCK_ASSIGNED, 0, 0, "BLOCK: ports with an assignment") \
	X(HAS_OTHER, 1, 0, "the same services are on other ports") \
	X(OTHER, 1, 0, "one per other port of the same service") \
	X(OTHER_PORT, 0, 0, "OTHER: the port") \
	X(OTHER_SERVICE, 0, 0, "OTHER: the service name") \
	X(COMMON, 1, 0, "home page: one per port with a curated note") \
	X(C_PORT, 0, 0, "COMMON: the port") \
	X(C_TITLE, 0, 0, "COMMON: the note's title") \
	X(ROW, 1, 0, "block page: one per port") \
	X(R_PORT, 0, 0, "ROW: the port") \
	X(R_NAMES, 0, 0, "ROW: service names") \
	X(R_DESC, 0, 0, "ROW: description or status") \
	X(R_HAS_NOTE, 1, 0, "ROW: the port has a note") \
	X(R_NOTE_TITLE, 0, 0, "ROW: the note's title") \
	X(HAS_PREV_BLOCK, 1, 0, "block page: there is a previous block") \
	X(PREV_BLOCK_LO, 0, 0, "first port of the previous block") \
	X(HAS_NEXT_BLOCK, 1, 0, "block page: there is a next block") \
	X(NEXT_BLOCK_LO, 0, 0, "first port of the next block") \
	X(LETTER, 1, 0, "service index: one per letter page") \
	X(LETTER_NAME, 0, 0, "LETTER: A ... Z or 0-9") \
	X(LETTER_FILE, 0, 0, "LETTER: a ... z or 0-9") \
	X(LETTER_CURRENT, 1, 0, "LETTER: the page being shown") \
	X(CURRENT_LETTER, 0, 0, "service index: this page's letter") \
	X(SERVICE, 1, 0, "service index: one per service name") \
	X(S_NAME, 0, 0, "SERVICE: the name") \
	X(S_DESC, 0, 0, "SERVICE: description") \
	X(S_PORT, 1, 0, "SERVICE: one per port or range") \
	X(SP_PORT, 0, 0, "S_PORT: first port") \
	X(SP_LABEL, 0, 0, "S_PORT: port or range, e.g. 6000-6063") \
	X(SP_PROTOCOLS, 0, 0, "S_PORT: protocols") \
	X(S_NOPORT, 1, 0, "SERVICE: a service name without a port") \
	X(NOPORT_COUNT, 0, 0, "service names without a port")

enum {
#define X(n, s, r, d) N_##n,
	NAMES
#undef X
	N_COUNT
};

/* The names, in enum order: N_COUNT of them. */
const struct tmpl_name *names_all(size_t *n);

#endif
