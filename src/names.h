/* names.h - the template contract: every value and section templates may use */
#ifndef NAMES_H
#define NAMES_H

#include <stddef.h>
#include <stdio.h>

#include "tmpl.h"

/*
 * name, is a section, is raw HTML, where the generator sets it, what it
 * holds. Where: "page" (the top level of every page), a layout's name
 * (the top level of the pages of layouts/NAME.html; sections/ are part of
 * "port"), or a section it is set inside. A template may use a name only
 * where one of these holds; elsewhere it would always be empty.
 */
#define NAMES \
	X(SITE_TITLE, 0, 0, "page", "site title (site.conf)") \
	X(SITE_DESCRIPTION, 0, 0, "page", "site description (site.conf)") \
	X(LANG, 0, 0, "page", "page language (site.conf)") \
	X(ROOT, 0, 0, "page", "relative path to the site root: empty or ../") \
	X(PAGE_TITLE, 0, 0, "page", "the page's title") \
	X(PAGE_DESCRIPTION, 0, 0, "page", "the page's meta description") \
	X(HAS_CANONICAL, 1, 0, "page", "shown when base_url is set") \
	X(CANONICAL_URL, 0, 0, "HAS_CANONICAL", "absolute URL of the page") \
	X(HAS_FEEDBACK, 1, 0, "page", "shown when feedback_url is set") \
	X(FEEDBACK_URL, 0, 0, "page", "feedback_url (site.conf), may be empty") \
	X(HAS_FOOTER, 1, 0, "page", "shown when footer is set") \
	X(FOOTER, 0, 0, "HAS_FOOTER", "footer text (site.conf)") \
	X(HAS_BUILD_DATE, 1, 0, "page", "shown when SOURCE_DATE_EPOCH is set") \
	X(BUILD_DATE, 0, 0, "HAS_BUILD_DATE", "YYYY-MM-DD from SOURCE_DATE_EPOCH") \
	X(VERSION, 0, 0, "page", "portpages version") \
	X(SOURCE_FILE, 0, 0, "page", "the registry file the data came from") \
	X(SOURCE_KIND, 0, 0, "page", "what kind of file that is") \
	X(HAS_SOURCE_DATE, 1, 0, "page", "shown when the registry carries dates") \
	X(SOURCE_DATE, 0, 0, "HAS_SOURCE_DATE", "newest date in the registry") \
	X(CRUMB, 1, 0, "block common free port range search services", "breadcrumb links above the current page") \
	X(CRUMB_URL, 0, 0, "CRUMB", "CRUMB: link, relative") \
	X(CRUMB_TEXT, 0, 0, "CRUMB", "CRUMB: text") \
	X(BODY, 0, 1, "port", "layouts: the page's rendered sections (HTML)") \
	X(PORT, 0, 0, "port", "the port number") \
	X(IS_ZERO, 1, 0, "port", "port 0") \
	X(NOT_ZERO, 1, 0, "port", "any port but 0") \
	X(IS_SYSTEM, 1, 0, "port range", "port in 0-1023") \
	X(IS_USER, 1, 0, "port range", "port in 1024-49151") \
	X(IS_DYNAMIC, 1, 0, "port range", "port in 49152-65535") \
	X(IS_RANGE_FIRST, 1, 0, "port", "first port of its range") \
	X(IS_RANGE_LAST, 1, 0, "port", "last port of its range") \
	X(RANGE, 1, 0, "index", "index pages: one per IANA range") \
	X(RANGE_ID, 0, 0, "block port range RANGE", "system, user or dynamic") \
	X(RANGE_NAME, 0, 0, "block port range RANGE", "well-known, registered or dynamic") \
	X(RANGE_TITLE, 0, 0, "block port range RANGE", "Well-known ports, Registered ports, ...") \
	X(RANGE_RFC_NAME, 0, 0, "block port range RANGE", "RFC 6335's name: System Ports, ...") \
	X(RANGE_RFC_AKA, 0, 0, "block port range RANGE", "RFC 6335's other name: Well Known Ports, ...") \
	X(RANGE_IANA_NAME, 0, 0, "block port range RANGE", "the IANA registry page's name for the range") \
	X(RANGE_ASSIGNED, 0, 0, "block port range RANGE", "ports of the range with an IANA assignment (5,614)") \
	X(RANGE_HAS_ASSIGNED, 1, 0, "block port range RANGE", "shown when RANGE_ASSIGNED is not 0") \
	X(RANGE_NONE_ASSIGNED, 1, 0, "block port range RANGE", "shown when no port of the range has an assignment") \
	X(RANGE_LO, 0, 0, "block port range RANGE", "first port of the range") \
	X(RANGE_HI, 0, 0, "block port range RANGE", "last port of the range") \
	X(RANGE_SIZE, 0, 0, "block port range RANGE", "ports in the range (48,128)") \
	X(OS, 1, 0, "port", "one per operating system") \
	X(OS_NAME, 0, 0, "OS", "OS: its name") \
	X(OS_LO, 0, 0, "OS", "OS: first default ephemeral port") \
	X(OS_HI, 0, 0, "OS", "OS: last default ephemeral port") \
	X(OS_SETTING, 0, 0, "OS", "OS: what sets the range") \
	X(OS_SHOW, 0, 0, "OS", "OS: a command that shows the range") \
	X(OS_IN, 1, 0, "OS", "OS: the port is in its default ephemeral range") \
	X(OS_OUT, 1, 0, "OS", "OS: the port is not") \
	X(EPHEMERAL_LINUX, 1, 0, "port", "in Linux's default ephemeral range") \
	X(NOT_EPHEMERAL_LINUX, 1, 0, "port", "not in Linux's default ephemeral range") \
	X(RPC_RESVPORT, 1, 0, "port", "in 665-1023, where Linux's NFS/RPC client takes source ports") \
	X(EPHEMERAL_ANY, 1, 0, "port", "in some OS's default ephemeral range") \
	X(EPHEMERAL_NONE, 1, 0, "port", "in no OS's default ephemeral range") \
	X(EPHEMERAL_OSES, 0, 0, "EPHEMERAL_ANY", "the OSes whose default range holds it") \
	X(STATUS, 1, 0, "port", "one per protocol: TCP, UDP, and SCTP, DCCP if listed") \
	X(STATUS_PROTO, 0, 0, "STATUS", "STATUS: TCP, UDP, SCTP or DCCP") \
	X(STATUS_TEXT, 0, 0, "STATUS", "STATUS: assigned, reserved or unassigned") \
	X(ASSIGNED, 1, 0, "port", "some protocol is assigned") \
	X(NOT_ASSIGNED, 1, 0, "port", "no protocol is assigned") \
	X(RESERVED, 1, 0, "port", "reserved and not assigned") \
	X(HAS_SERVICE, 1, 0, "port", "the port has a service name") \
	X(TCP_UDP_ASSIGNED, 1, 0, "HAS_SERVICE", "HAS_SERVICE: a service is assigned for TCP or UDP") \
	X(OTHER_PROTO_ONLY, 1, 0, "HAS_SERVICE", "HAS_SERVICE: assigned for SCTP or DCCP only") \
	X(PRIMARY_SERVICE, 0, 0, "port", "the first service name") \
	X(SERVICE_NAMES, 0, 0, "port", "every service name at the port, comma-separated") \
	X(ASSIGNMENT, 1, 0, "port", "one per registry entry at the port") \
	X(A_HAS_SERVICE, 1, 0, "ASSIGNMENT", "ASSIGNMENT: has a service name") \
	X(A_SERVICE, 0, 0, "A_HAS_SERVICE", "ASSIGNMENT: service name") \
	X(A_NO_SERVICE, 1, 0, "ASSIGNMENT", "ASSIGNMENT: has no service name") \
	X(A_STATUS, 0, 0, "ASSIGNMENT", "ASSIGNMENT: assigned, reserved or unassigned") \
	X(A_PROTOCOLS, 0, 0, "A_HAS_PROTOCOLS", "ASSIGNMENT: tcp/udp/...") \
	X(A_HAS_PROTOCOLS, 1, 0, "ASSIGNMENT", "ASSIGNMENT: protocols given") \
	X(A_NO_PROTOCOLS, 1, 0, "ASSIGNMENT", "ASSIGNMENT: no protocol given") \
	X(A_HAS_DESCRIPTION, 1, 0, "ASSIGNMENT", "ASSIGNMENT: has a description") \
	X(A_DESCRIPTION, 0, 0, "A_HAS_DESCRIPTION", "ASSIGNMENT: description") \
	X(A_IS_RANGE, 1, 0, "ASSIGNMENT", "ASSIGNMENT: covers a range of ports") \
	X(A_RANGE_LO, 0, 0, "A_IS_RANGE", "ASSIGNMENT: first port") \
	X(A_RANGE_HI, 0, 0, "A_IS_RANGE", "ASSIGNMENT: last port") \
	X(A_HAS_ALIASES, 1, 0, "ASSIGNMENT", "ASSIGNMENT: has aliases") \
	X(A_ALIASES, 0, 0, "A_HAS_ALIASES", "ASSIGNMENT: aliases") \
	X(A_HAS_ASSIGNEE, 1, 0, "ASSIGNMENT", "ASSIGNMENT: has an assignee") \
	X(A_ASSIGNEE, 0, 0, "A_HAS_ASSIGNEE", "ASSIGNMENT: assignee") \
	X(A_HAS_CONTACT, 1, 0, "ASSIGNMENT", "ASSIGNMENT: has a contact") \
	X(A_CONTACT, 0, 0, "A_HAS_CONTACT", "ASSIGNMENT: contact") \
	X(A_HAS_REFS, 1, 0, "ASSIGNMENT", "ASSIGNMENT: has references") \
	X(A_REF, 1, 0, "A_HAS_REFS", "A_HAS_REFS: one per reference") \
	X(REF_TEXT, 0, 0, "A_REF", "A_REF: the reference as written") \
	X(REF_LINK, 1, 0, "A_REF", "A_REF: has a link") \
	X(REF_URL, 0, 0, "REF_LINK", "A_REF: the link") \
	X(REF_PLAIN, 1, 0, "A_REF", "A_REF: has no link") \
	X(A_HAS_NOTES, 1, 0, "ASSIGNMENT", "ASSIGNMENT: has assignment notes") \
	X(A_NOTES, 0, 0, "A_HAS_NOTES", "ASSIGNMENT: assignment notes") \
	X(A_HAS_UNAUTHORIZED, 1, 0, "ASSIGNMENT", "ASSIGNMENT: unauthorized use reported") \
	X(A_UNAUTHORIZED, 0, 0, "A_HAS_UNAUTHORIZED", "ASSIGNMENT: what was reported") \
	X(A_HAS_REGISTERED, 1, 0, "ASSIGNMENT", "ASSIGNMENT: has a registration date") \
	X(A_REGISTERED, 0, 0, "A_HAS_REGISTERED", "ASSIGNMENT: registration date") \
	X(A_HAS_MODIFIED, 1, 0, "ASSIGNMENT", "ASSIGNMENT: has a modification date") \
	X(A_MODIFIED, 0, 0, "A_HAS_MODIFIED", "ASSIGNMENT: modification date") \
	X(A_HAS_CODE, 1, 0, "ASSIGNMENT", "ASSIGNMENT: has a service code") \
	X(A_CODE, 0, 0, "A_HAS_CODE", "ASSIGNMENT: service code") \
	X(HAS_NOTE, 1, 0, "port", "the port has a curated note") \
	X(NOTE, 0, 1, "port", "layouts: the curated note (HTML)") \
	X(HAS_NOTE_TITLE, 1, 0, "HAS_NOTE", "the note has a title") \
	X(NOTE_TITLE, 0, 0, "HAS_NOTE_TITLE", "the note's title") \
	X(HAS_RISK, 1, 0, "HAS_NOTE", "the note gives a risk level") \
	X(NOTE_RISK, 0, 0, "HAS_RISK", "low, medium, high or critical") \
	X(TAG, 1, 0, "HAS_NOTE", "one per tag of the note") \
	X(TAG_NAME, 0, 0, "TAG", "TAG: the tag") \
	X(HAS_PREV, 1, 0, "port", "there is a previous port") \
	X(PREV_PORT, 0, 0, "HAS_PREV", "the previous port") \
	X(HAS_NEXT, 1, 0, "port", "there is a next port") \
	X(NEXT_PORT, 0, 0, "HAS_NEXT", "the next port") \
	X(BLOCK, 1, 0, "index range", "index pages: one per block of 256 ports") \
	X(BLOCK_LO, 0, 0, "block port BLOCK", "first port of the block") \
	X(BLOCK_HI, 0, 0, "block port BLOCK", "last port of the block") \
	X(BLOCK_ASSIGNED, 0, 0, "BLOCK", "BLOCK: ports with an assignment") \
	X(HAS_OTHER, 1, 0, "port", "the same services are on other ports") \
	X(OTHER, 1, 0, "HAS_OTHER", "one per other port of the same service") \
	X(OTHER_PORT, 0, 0, "OTHER", "OTHER: the port") \
	X(OTHER_SERVICE, 0, 0, "OTHER", "OTHER: the service name") \
	X(COMMON, 1, 0, "index NO_NMAP", "home page: one per port with a curated note") \
	X(C_PORT, 0, 0, "COMMON", "COMMON: the port") \
	X(C_TITLE, 0, 0, "COMMON", "COMMON: the note's title") \
	X(ROW, 1, 0, "block", "block page: one per port") \
	X(R_PORT, 0, 0, "ROW", "ROW: the port") \
	X(R_NAMES, 0, 0, "ROW", "ROW: service names") \
	X(R_DESC, 0, 0, "ROW", "ROW: description or status") \
	X(R_HAS_NOTE, 1, 0, "ROW", "ROW: the port has a note") \
	X(R_NOTE_TITLE, 0, 0, "R_HAS_NOTE", "ROW: the note's title") \
	X(HAS_PREV_BLOCK, 1, 0, "block", "block page: there is a previous block") \
	X(PREV_BLOCK_LO, 0, 0, "HAS_PREV_BLOCK", "first port of the previous block") \
	X(HAS_NEXT_BLOCK, 1, 0, "block", "block page: there is a next block") \
	X(NEXT_BLOCK_LO, 0, 0, "HAS_NEXT_BLOCK", "first port of the next block") \
	X(LETTER, 1, 0, "index search services", "service index: one per letter page") \
	X(LETTER_NAME, 0, 0, "LETTER", "LETTER: A ... Z or 0-9") \
	X(LETTER_FILE, 0, 0, "LETTER", "LETTER: a ... z or 0-9") \
	X(LETTER_CURRENT, 1, 0, "LETTER", "LETTER: the page being shown") \
	X(CURRENT_LETTER, 0, 0, "services", "service index: this page's letter") \
	X(SERVICE, 1, 0, "services", "service index: one per service name") \
	X(S_NAME, 0, 0, "SERVICE", "SERVICE: the name") \
	X(S_DESC, 0, 0, "SERVICE", "SERVICE: description") \
	X(S_PORT, 1, 0, "SERVICE", "SERVICE: one per port or range") \
	X(SP_PORT, 0, 0, "S_PORT", "S_PORT: first port") \
	X(SP_LABEL, 0, 0, "S_PORT", "S_PORT: port or range, e.g. 6000-6063") \
	X(SP_PROTOCOLS, 0, 0, "S_PORT", "S_PORT: protocols (may be empty)") \
	X(SP_HAS_PROTOCOLS, 1, 0, "S_PORT", "S_PORT: shown when SP_PROTOCOLS is not empty") \
	X(S_NOPORT, 1, 0, "SERVICE", "SERVICE: a service name without a port") \
	X(VERDICT_ID, 0, 0, "port", "can I use it: good, caution or avoid") \
	X(IS_GOOD, 1, 0, "port", "verdict: good") \
	X(IS_CAUTION, 1, 0, "port", "verdict: caution") \
	X(IS_AVOID, 1, 0, "port", "verdict: avoid") \
	X(AVOID_CLAIMED, 1, 0, "IS_AVOID", "IS_AVOID: IANA, a known use or nmap claims it") \
	X(AVOID_SYSTEM, 1, 0, "IS_AVOID", "IS_AVOID: nothing claims it, but a System Port") \
	X(AVOID_ZERO, 1, 0, "IS_AVOID", "IS_AVOID: port 0") \
	X(V_ZERO, 1, 0, "port", "reason: port 0") \
	X(V_SYSTEM, 1, 0, "port", "reason: a System Port") \
	X(V_ASSIGNED, 1, 0, "port", "reason: IANA assigns it") \
	X(V_RESERVED, 1, 0, "port", "reason: IANA reserves it") \
	X(V_KNOWN_USE, 1, 0, "port", "reason: known uses (uses.csv)") \
	X(V_USE_NAMES, 0, 0, "V_KNOWN_USE", "V_KNOWN_USE: their names") \
	X(V_NMAP, 1, 0, "port", "reason: among nmap's 1,000 most open ports") \
	X(V_NMAP_TCP, 1, 0, "V_NMAP", "V_NMAP: ranked for TCP") \
	X(V_NMAP_UDP, 1, 0, "V_NMAP", "V_NMAP: ranked for UDP") \
	X(V_RANK, 0, 0, "V_NMAP_TCP V_NMAP_UDP", "V_NMAP_TCP, V_NMAP_UDP: the rank") \
	X(V_EPHEMERAL, 1, 0, "port", "reason: in a current OS's default ephemeral range") \
	X(V_EPHEMERAL_OSES, 0, 0, "V_EPHEMERAL", "V_EPHEMERAL: which systems") \
	X(V_NODEPORT, 1, 0, "port", "reason: in Kubernetes' NodePort range") \
	X(V_NODEPORT_LO, 0, 0, "free V_NODEPORT", "V_NODEPORT: first port of the range") \
	X(V_NODEPORT_HI, 0, 0, "free V_NODEPORT", "V_NODEPORT: last port of the range") \
	X(HAS_SUGGEST, 1, 0, "port", "there are good ports to suggest") \
	X(SUGGEST, 1, 0, "HAS_SUGGEST", "HAS_SUGGEST: one per suggested port, nearest first") \
	X(SUGGEST_PORT, 0, 0, "SUGGEST", "SUGGEST: the port") \
	X(SUGGEST_ALL_BELOW, 1, 0, "HAS_SUGGEST", "HAS_SUGGEST: the port is at or above EPHEMERAL_FLOOR, so every good port is below it") \
	X(EPHEMERAL_FLOOR, 0, 0, "free SUGGEST_ALL_BELOW", "SUGGEST_ALL_BELOW: from this port up, every port is in a current system's default ephemeral range (10000)") \
	X(EPHEMERAL_FLOOR_OS, 0, 0, "free SUGGEST_ALL_BELOW", "SUGGEST_ALL_BELOW: the system whose range begins there (FreeBSD)") \
	X(SOURCE, 1, 0, "port", "one per source this build uses") \
	X(SRC_ID, 0, 0, "SOURCE", "SOURCE: iana, nmap, wireshark, system or uses") \
	X(SRC_TITLE, 0, 0, "SOURCE", "SOURCE: what it is") \
	X(SRC_FILE, 0, 0, "SOURCE", "SOURCE: its file name") \
	X(SRC_HAS_DATE, 1, 0, "SOURCE", "SOURCE: the file carries a date") \
	X(SRC_DATE, 0, 0, "SRC_HAS_DATE", "SOURCE: its newest date") \
	X(SRC_NONE, 1, 0, "SOURCE", "SOURCE: it says nothing about this port") \
	X(SRC_ITEM, 1, 0, "SOURCE", "SOURCE: one per name or use it gives") \
	X(SI_NAME, 0, 0, "SRC_ITEM", "SRC_ITEM: the name") \
	X(SI_PROTOCOLS, 0, 0, "SRC_ITEM", "SRC_ITEM: tcp, udp, ... (may be empty)") \
	X(SI_HAS_PROTOCOLS, 1, 0, "SRC_ITEM", "SRC_ITEM: shown when SI_PROTOCOLS is not empty") \
	X(SI_HAS_DETAIL, 1, 0, "SRC_ITEM", "SRC_ITEM: has a detail") \
	X(SI_DETAIL, 0, 0, "SI_HAS_DETAIL", "SRC_ITEM: status, open frequency or note") \
	X(SI_HAS_KIND, 1, 0, "SRC_ITEM", "SRC_ITEM: a known use's kind") \
	X(SI_KIND, 0, 0, "SI_HAS_KIND", "SRC_ITEM: default, os, common or malware") \
	X(SI_HAS_LINK, 1, 0, "SRC_ITEM", "SRC_ITEM: has a source link") \
	X(SI_LINK, 0, 0, "SI_HAS_LINK", "SRC_ITEM: the link") \
	X(HAS_DIFFER, 1, 0, "port", "the sources disagree about this port") \
	X(DIFFER, 1, 0, "HAS_DIFFER", "HAS_DIFFER: one per source that names it otherwise") \
	X(DF_SOURCE, 0, 0, "DIFFER", "DIFFER: the source") \
	X(DF_NAMES, 0, 0, "DIFFER", "DIFFER: the names it gives") \
	X(DF_HAS_IANA, 1, 0, "DIFFER", "DIFFER: IANA names the port") \
	X(DF_IANA, 0, 0, "DF_HAS_IANA", "DF_HAS_IANA: IANA's names") \
	X(DF_NO_IANA, 1, 0, "DIFFER", "DIFFER: IANA names nothing here") \
	X(UNLISTED, 1, 0, "HAS_DIFFER", "HAS_DIFFER: known uses IANA does not list") \
	X(UNLISTED_NAMES, 0, 0, "UNLISTED", "UNLISTED: their names") \
	X(UNLISTED_USES, 1, 0, "port", "port pages: known uses IANA does not list (wide ranges aside)") \
	X(UNLISTED_USE_NAMES, 0, 0, "UNLISTED_USES", "UNLISTED_USES: their names, as UNLISTED_NAMES") \
	X(NO_UNLISTED_USES, 1, 0, "port", "port pages: no known use beside IANA's names") \
	X(HAS_USES, 1, 0, "port", "the port has known uses (uses.csv)") \
	X(USE, 1, 0, "HAS_USES", "HAS_USES: one per known use") \
	X(U_NAME, 0, 0, "USE", "USE: the software") \
	X(U_KIND, 0, 0, "USE", "USE: default, os, common or malware") \
	X(U_PROTOCOLS, 0, 0, "USE", "USE: tcp, udp, tcp/udp or sctp") \
	X(U_NOTE, 0, 0, "USE", "USE: one sentence") \
	X(U_SOURCE, 0, 0, "USE", "USE: where it is documented") \
	X(U_IS_RANGE, 1, 0, "USE", "USE: covers a range of ports") \
	X(U_LO, 0, 0, "U_IS_RANGE", "U_IS_RANGE: first port") \
	X(U_HI, 0, 0, "U_IS_RANGE", "U_IS_RANGE: last port") \
	X(REGISTRY_NAME, 0, 0, "page", "every page: IANA's registry, or the services file built from") \
	X(DATA_SOURCE, 1, 0, "page", "every page: one per source the build used") \
	X(DS_TITLE, 0, 0, "DATA_SOURCE", "DATA_SOURCE: what it is, as a title") \
	X(DS_NAME, 0, 0, "DATA_SOURCE", "DATA_SOURCE: what it is, inside a sentence") \
	X(DS_FILE, 0, 0, "DATA_SOURCE", "DATA_SOURCE: its file name") \
	X(DS_HAS_DATE, 1, 0, "DATA_SOURCE", "DATA_SOURCE: the file carries a date") \
	X(DS_DATE, 0, 0, "DS_HAS_DATE", "DATA_SOURCE: its newest date") \
	X(DS_DATE_WHAT, 0, 0, "DS_HAS_DATE", "DATA_SOURCE: what DS_DATE dates: newest entry, file revision") \
	X(FREE, 1, 0, "free", "free ports page: one per run of good ports") \
	X(F_LO, 0, 0, "FREE", "FREE: first port") \
	X(F_HI, 0, 0, "FREE", "FREE: last port") \
	X(F_IS_RANGE, 1, 0, "FREE", "FREE: more than one port") \
	X(FREE_COUNT, 0, 0, "free", "free ports page: how many good ports (3,148)") \
	X(FREE_RANGES, 0, 0, "free", "free ports page: how many runs (570)") \
	X(HAS_NMAP, 1, 0, "common index", "home and common ports pages: nmap's list was read") \
	X(NO_NMAP, 1, 0, "common index", "home and common ports pages: no nmap list; curated order") \
	X(TOP_TCP, 1, 0, "HAS_NMAP", "HAS_NMAP: one per TCP port, most open first") \
	X(TOP_UDP, 1, 0, "HAS_NMAP", "HAS_NMAP: one per UDP port, most open first") \
	X(T_RANK, 0, 0, "TOP_TCP TOP_UDP", "TOP_TCP, TOP_UDP: the rank") \
	X(T_PORT, 0, 0, "TOP_TCP TOP_UDP", "TOP_TCP, TOP_UDP: the port") \
	X(T_NAME, 0, 0, "TOP_TCP TOP_UDP", "TOP_TCP, TOP_UDP: nmap's name") \
	X(T_FREQ, 0, 0, "TOP_TCP TOP_UDP", "TOP_TCP, TOP_UDP: open on this share of scanned hosts") \
	X(T_HAS_NOTE, 1, 0, "TOP_TCP TOP_UDP", "TOP_TCP, TOP_UDP: the port has a note") \
	X(T_NOTE_TITLE, 0, 0, "T_HAS_NOTE", "T_HAS_NOTE: its title") \
	X(TOP_COUNT, 0, 0, "common", "common ports page: ports listed per protocol (200)")

enum {
#define X(n, s, r, w, d) N_##n,
	NAMES
#undef X
	N_COUNT
};

/* The names, in enum order: N_COUNT of them. */
const struct tmpl_name *names_all(size_t *n);

/*
 * Prints the table to f for site owners (portpages values): each name,
 * whether it is a value, an HTML value or a section, where it is set, and
 * what it holds, one line each. Returns 0 if f could not be written.
 */
int names_print(FILE *f);

/*
 * 1 if every value and section of d, a page of layouts/LAYOUT.html, is
 * set where the table says (its "where"), which the template check
 * relies on; else 0, after reporting the first that is not (a fault in
 * the generator, not in any input). page names the page in the report.
 */
struct dict;
int names_dict_ok(const struct dict *d, const char *page, const char *layout);

#endif
