/* port.h - classification of port numbers (RFC 6335 ranges, OS ephemeral ranges) */
#ifndef PORT_H
#define PORT_H

#define PORT_COUNT 65536u
#define PORT_MAX 65535u

/* The three IANA ranges of RFC 6335 section 6. */
enum port_range {
	PORT_SYSTEM,	/* 0-1023, "well-known" */
	PORT_USER,	/* 1024-49151, "registered" */
	PORT_DYNAMIC,	/* 49152-65535, "dynamic/private/ephemeral" */
	PORT_RANGE_N
};

struct port_range_info {
	const char	*id;	/* file-name-safe: "system", "user", "dynamic" */
	const char	*name;	/* "well-known", "registered", "dynamic" */
	const char	*title;	/* "Well-known ports" */
	const char	*rfc_name; /* RFC 6335 section 6: "System Ports" */
	const char	*rfc_aka;  /* ... "also known as": "Well Known Ports" */
	const char	*iana_name; /* the IANA registry page's heading for it */
	unsigned	 lo;
	unsigned	 hi;
};

/* Operating systems whose default ephemeral (outbound source) range pages state. */
enum port_os {
	PORT_OS_LINUX,
	PORT_OS_WINDOWS,
	PORT_OS_WINDOWS_OLD,
	PORT_OS_MACOS,
	PORT_OS_FREEBSD,
	PORT_OS_N
};

struct port_os_info {
	const char	*id;		/* "linux" */
	const char	*name;		/* "Linux" */
	const char	*setting;	/* what sets the range */
	const char	*show;		/* a command that shows it */
	int		 current;	/* a supported release: counts for "can I use it?" */
	unsigned	 lo;
	unsigned	 hi;
};

/* Kubernetes' default NodePort range (--service-node-port-range). */
#define PORT_NODEPORT_LO 30000
#define PORT_NODEPORT_HI 32767

/* Linux's in-kernel RPC/NFS client takes its source ports here by default. */
#define PORT_RPC_RESV_LO 665
#define PORT_RPC_RESV_HI 1023

/* The range that port (0..65535) is in. */
enum port_range port_range_of(unsigned port);

/* Static description of range r; never NULL for r < PORT_RANGE_N. */
const struct port_range_info *port_range_info(enum port_range r);

/* Static description of os; never NULL for os < PORT_OS_N. */
const struct port_os_info *port_os_info(enum port_os os);

/* 1 if port is in os's default ephemeral range, else 0. */
int port_os_ephemeral(enum port_os os, unsigned port);

/*
 * The lowest port from which every port up to 65535 is inside the default
 * ephemeral range of some current system, and in *os the system whose
 * range begins there. Returns PORT_COUNT, *os untouched, when 65535 is in
 * none.
 */
unsigned port_ephemeral_floor(enum port_os *os);

/* 1 if port is the first or last port of its range, else 0. */
int port_is_range_edge(unsigned port);

/*
 * Which of n variants (n >= 1) of the section called name a port uses:
 * fixed for a given port and name, different for neighbouring ports when
 * n > 1, and every variant is used by some port.
 */
unsigned port_variant(unsigned port, const char *name, unsigned n);

#endif
