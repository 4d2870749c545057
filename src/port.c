/* port.c - classification of port numbers (RFC 6335 ranges, OS ephemeral ranges) */
#include "port.h"
#include "util.h"

#include <string.h>

/*
 * RFC 6335 section 6 names the three ranges ("the Dynamic Ports, also
 * known as the Private or Ephemeral Ports"); IANA's registry page heads
 * them differently ("Dynamic and/or Private Ports"): each is quoted from
 * its own source.
 */
static const struct port_range_info ranges[PORT_RANGE_N] = {
	{ "system", "well-known", "Well-known ports", "System Ports",
	  "Well Known Ports", "System Ports", 0, 1023 },
	{ "user", "registered", "Registered ports", "User Ports",
	  "Registered Ports", "User Ports", 1024, 49151 },
	{ "dynamic", "dynamic", "Dynamic and private ports", "Dynamic Ports",
	  "Private or Ephemeral Ports", "Dynamic and/or Private Ports",
	  49152, 65535 },
};

/*
 * Defaults as shipped; administrators can change every one of them.
 * Windows sets its range per protocol and IP version.
 */
static const struct port_os_info oses[PORT_OS_N] = {
	{ "linux", "Linux", "sysctl net.ipv4.ip_local_port_range",
	  "sysctl net.ipv4.ip_local_port_range", 1, 32768, 60999 },
	{ "windows", "Windows (Vista and later)",
	  "netsh int ipv4 set dynamicport tcp start=N num=N",
	  "netsh int ipv4 show dynamicport tcp", 1, 49152, 65535 },
	{ "windows-old", "Windows XP and Server 2003",
	  "the MaxUserPort registry value, absent by default",
	  "reg query HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters "
	  "/v MaxUserPort, which finds no value while the default is in use", 0,
	  1025, 5000 },
	{ "macos", "macOS", "sysctl net.inet.ip.portrange.first and .last",
	  "sysctl net.inet.ip.portrange", 1, 49152, 65535 },
	{ "freebsd", "FreeBSD", "sysctl net.inet.ip.portrange.first and .last",
	  "sysctl net.inet.ip.portrange", 1, 10000, 65535 },
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

unsigned
port_ephemeral_floor(enum port_os *os)
{
	unsigned floor = PORT_COUNT, i;
	int lower = 1;

	/* Walk down through the current ranges that reach the floor so far. */
	while (lower) {
		lower = 0;
		for (i = 0; i < PORT_OS_N; i++)
			if (oses[i].current && oses[i].lo < floor &&
			    oses[i].hi + 1 >= floor) {
				floor = oses[i].lo;
				*os = (enum port_os)i;
				lower = 1;
			}
	}
	return floor;
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
