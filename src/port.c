/* port.c - classification of port numbers (RFC 6335 ranges, OS ephemeral ranges) */
#include "port.h"
#include "util.h"

#include <string.h>

static const struct port_range_info ranges[PORT_RANGE_N] = {
	{ "system", "well-known", "Well-known ports", "System Ports",
	  0, 1023 },
	{ "user", "registered", "Registered ports", "User Ports",
	  1024, 49151 },
	{ "dynamic", "dynamic", "Dynamic and private ports",
	  "Dynamic and/or Private Ports", 49152, 65535 },
};

/* Defaults as shipped; administrators can change every one of them. */
static const struct port_os_info oses[PORT_OS_N] = {
	{ "linux", "Linux", "net.ipv4.ip_local_port_range", 32768, 60999 },
	{ "windows", "Windows (Vista and later)",
	  "netsh int ipv4 show dynamicport tcp", 49152, 65535 },
	{ "windows-old", "Windows XP and Server 2003",
	  "MaxUserPort in the registry", 1025, 5000 },
	{ "macos", "macOS", "net.inet.ip.portrange.first and .last",
	  49152, 65535 },
	{ "freebsd", "FreeBSD", "net.inet.ip.portrange.first and .last",
	  10000, 65535 },
};

enum port_range
port_range_of(unsigned port)
{
	if (port <= 1023)
		return PORT_SYSTEM;
	if (port <= 49151)
		return PORT_USER;
	return PORT_DYNAMIC;
}

const struct port_range_info *
port_range_info(enum port_range r)
{
	return &ranges[r];
}

const struct port_os_info *
port_os_info(enum port_os os)
{
	return &oses[os];
}

int
port_os_ephemeral(enum port_os os, unsigned port)
{
	return port >= oses[os].lo && port <= oses[os].hi;
}

int
port_is_range_edge(unsigned port)
{
	const struct port_range_info *r = &ranges[port_range_of(port)];

	return port == r->lo || port == r->hi;
}

unsigned
port_variant(unsigned port, const char *name, unsigned n)
{
	/* Offsetting by a hash of the name keeps sections from switching in step. */
	return (unsigned)((port + util_hash(UTIL_HASH_INIT, name,
	    strlen(name))) % (n ? n : 1));
}
