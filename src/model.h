/* model.h - what the site says about every port, worked out once per build */
#ifndef MODEL_H
#define MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "content.h"
#include "nmap.h"
#include "port.h"
#include "registry.h"
#include "uses.h"

#define MODEL_BLOCK 256		/* ports on a block index page */
#define MODEL_MAX_NAMES 64	/* service names kept for one port */
#define MODEL_MAX_OTHER 16	/* links to the same service on other ports */

/* One service name (or alias) at a port, and the entry it comes from. */
struct model_name {
	const char			*name;
	const struct registry_entry	*e;
};

/* "Can I use this port for my own service?" */
enum model_verdict { MODEL_GOOD, MODEL_CAUTION, MODEL_AVOID };

/* The reasons for a verdict: bits of model_port.why. */
enum {
	MODEL_WHY_ZERO = 1 << 0,	/* port 0: ask the system for a port */
	MODEL_WHY_SYSTEM = 1 << 1,	/* a System Port */
	MODEL_WHY_ASSIGNED = 1 << 2,	/* IANA assigns it */
	MODEL_WHY_RESERVED = 1 << 3,	/* IANA reserves it */
	MODEL_WHY_KNOWN_USE = 1 << 4,	/* a known use in uses.csv */
	MODEL_WHY_NMAP = 1 << 5,	/* among nmap's 1,000 most open */
	MODEL_WHY_EPHEMERAL = 1 << 6,	/* in a current OS's ephemeral range */
	MODEL_WHY_NODEPORT = 1 << 7,	/* Kubernetes' NodePort range */
	/* Something claims the port (an avoided System Port may be free). */
	MODEL_WHY_CLAIMED = MODEL_WHY_ASSIGNED | MODEL_WHY_RESERVED |
	    MODEL_WHY_KNOWN_USE | MODEL_WHY_NMAP
};

#define MODEL_SUGGEST 3		/* good ports an avoid or caution page names */

/* The facts of one port. */
struct model_port {
	const struct model_name	*names;		/* distinct, in registry order */
	uint16_t		 nnames;
	unsigned char		 status[REGISTRY_NPROTO];	/* per protocol bit */
	unsigned char		 best;		/* highest status of all */
	const char		*desc;		/* first assigned description, or NULL */
	const struct content_note *note;	/* or NULL */
	unsigned char		 verdict;	/* enum model_verdict */
	uint16_t		 why;		/* MODEL_WHY_* bits */
};

/* One service name in the A-Z index: a name at one entry. */
struct model_service {
	const char			*name;
	const struct registry_entry	*e;
};

/* The same service at another port. */
struct model_other {
	unsigned	 port;
	const char	*name;
};

struct model {
	const struct registry	*reg;
	const struct content	*con;
	const struct nmap	*nmap;		/* or NULL */
	struct model_port	 port[PORT_COUNT];
	struct model_name	*name;		/* every port's names, back to back */
	struct model_service	*svc;		/* sorted by name, then port */
	size_t			 nsvc;
	size_t			 assigned[PORT_COUNT / MODEL_BLOCK];	/* per block */
	size_t			 range_assigned[PORT_RANGE_N];
	size_t			 ngood;
	int32_t			 prev_good[PORT_COUNT];	/* below p, or -1 */
	int32_t			 next_good[PORT_COUNT];	/* above p, or -1 */
	unsigned		 eph_floor;	/* port_ephemeral_floor */
	enum port_os		 eph_floor_os;
};

/*
 * Works out every port's facts from the registry, the notes and known
 * uses, and nmap's list (may be NULL); all are kept, not copied, and must
 * outlive the model. Never fails; free with model_free (NULL is fine).
 */
struct model *model_new(const struct registry *reg, const struct content *con,
    const struct nmap *nmap);
void model_free(struct model *m);

/*
 * The same service names as port's at other ports (at most
 * MODEL_MAX_OTHER distinct ports, in name order), written to out.
 * Returns how many.
 */
size_t model_others(const struct model *m, unsigned port,
    struct model_other out[MODEL_MAX_OTHER]);

/*
 * The good ports nearest to port (not port itself), nearest first, at
 * most MODEL_SUGGEST, written to out. Returns how many.
 */
size_t model_suggest(const struct model *m, unsigned port,
    unsigned out[MODEL_SUGGEST]);

/* "good", "caution" or "avoid". */
const char *model_verdict_id(enum model_verdict v);

/* "assigned", "reserved" or "unassigned". */
const char *model_status_text(enum registry_status s);

/* 1 if the registry assigns mp's port for TCP or UDP (not SCTP or DCCP alone). */
int model_tcp_udp_assigned(const struct model_port *mp);

#endif
