/* registry.h - the port registry: IANA's CSV or a services(5) file */
#ifndef REGISTRY_H
#define REGISTRY_H

#include <stddef.h>
#include <stdint.h>

enum {
	REGISTRY_TCP = 1,
	REGISTRY_UDP = 2,
	REGISTRY_SCTP = 4,
	REGISTRY_DCCP = 8,
	REGISTRY_NPROTO = 4
};

enum registry_status {
	REGISTRY_UNASSIGNED,
	REGISTRY_RESERVED,
	REGISTRY_ASSIGNED
};

enum registry_format { REGISTRY_CSV, REGISTRY_SERVICES };

/* One row (CSV) or line (services), with rows that differ only in protocol merged. */
struct registry_entry {
	const char	*service;	/* "" when the row names none */
	const char *const *alias;	/* services(5) aliases, nalias of them */
	size_t		 nalias;
	const char	*desc;
	const char	*assignee;
	const char	*contact;
	const char	*registered;
	const char	*modified;
	const char	*reference;
	const char	*code;		/* service code */
	const char	*unauthorized;
	const char	*notes;
	unsigned	 lo, hi;	/* ports; has_port == 0: service name only */
	int		 has_port;
	unsigned	 protos;	/* REGISTRY_TCP...; 0: none given */
	enum registry_status status;
	size_t		 line;
};

struct registry {
	char		*path;
	enum registry_format format;
	char		 newest[11];	/* newest date in the data, or "" */
	struct registry_entry *e;	/* every entry, in file order */
	size_t		 n, cap;
	size_t		 nnoport;	/* entries without a port */
	size_t		 nwarn;
	struct arena	*arena;
	struct registry_index *index;	/* private: see registry_at */
};

/*
 * Loads a registry, detecting its format from the content. Bad lines are
 * reported as warnings with FILE:LINE and skipped. Returns NULL (error
 * reported) if the file cannot be read, is too large or holds no entry;
 * free with registry_free.
 */
struct registry *registry_load(const char *path);
void registry_free(struct registry *r);

/*
 * The entries at port (at most 64), in file order: *n of them. The array
 * lives as long as r.
 */
const struct registry_entry *const *registry_at(const struct registry *r,
    unsigned port, size_t *n);

/* Protocol names: "tcp" for REGISTRY_TCP; i indexes the bits 0..3. */
const char *registry_proto_name(unsigned i);

/* Writes "tcp/udp"-style text for a protocol set into s (at least 24 bytes). */
void registry_protos_str(unsigned protos, char *s);

/* The status of port for protocol bit proto (REGISTRY_TCP...). */
enum registry_status registry_port_status(const struct registry *r,
    unsigned port, unsigned proto);

/*
 * The link for a reference such as "[RFC959]" (at most 4 KiB), written
 * to url: 1 if it has one, 0 if not. Only characters that need no escaping
 * in an HTML attribute beyond "&" are allowed in a link.
 */
int registry_ref_url(const char *ref, size_t n, char *url, size_t urlsize);

#endif
