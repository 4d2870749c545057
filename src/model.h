/* model.h - what the site says about every port, worked out once per build */
#ifndef MODEL_H
#define MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "content.h"
#include "port.h"
#include "registry.h"

#define MODEL_BLOCK 256		/* ports on a block index page */
#define MODEL_MAX_NAMES 64	/* service names kept for one port */
#define MODEL_MAX_OTHER 16	/* links to the same service on other ports */

/* One service name (or alias) at a port, and the entry it comes from. */
struct model_name {
	const char			*name;
	const struct registry_entry	*e;
};

/* The facts of one port. */
struct model_port {
	const struct model_name	*names;		/* distinct, in registry order */
	uint16_t		 nnames;
	unsigned char		 status[REGISTRY_NPROTO];	/* per protocol bit */
	unsigned char		 best;		/* highest status of all */
	const char		*desc;		/* first assigned description, or NULL */
	const struct content_note *note;	/* or NULL */
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
	struct model_port	 port[PORT_COUNT];
	struct model_name	*name;		/* every port's names, back to back */
	struct model_service	*svc;		/* sorted by name, then port */
	size_t			 nsvc;
	size_t			 assigned[PORT_COUNT / MODEL_BLOCK];	/* per block */
};

/*
 * Works out every port's facts from the registry and the notes (both
 * kept, not copied: they must outlive the model). Never fails; free
 * with model_free (NULL is fine).
 */
struct model *model_new(const struct registry *reg, const struct content *con);
void model_free(struct model *m);

/*
 * The same service names as port's at other ports (at most
 * MODEL_MAX_OTHER distinct ports, in name order), written to out.
 * Returns how many.
 */
size_t model_others(const struct model *m, unsigned port,
    struct model_other out[MODEL_MAX_OTHER]);

/* "assigned", "reserved" or "unassigned". */
const char *model_status_text(enum registry_status s);

#endif
