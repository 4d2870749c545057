/*
 * fuzz_services.c - libFuzzer harness for the services(5) loader (registry.c)
 *
 * Inputs that registry_load would take for IANA's CSV (both header names
 * in the first 255 bytes) are left to fuzz_csv.
 */
#include "fuzz.h"
#include "fuzz_registry.h"

static int fd = -1;
static char path[64];

static int
found(const uint8_t *data, size_t size, const char *s)
{
	return memmem(data, size, s, strlen(s)) != NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t head = size < 255 ? size : 255;

	if (found(data, head, "Service Name") && found(data, head,
	    "Port Number"))
		return -1;
	if (fd < 0) {
		util_quiet = 1;
		fd = fuzz_memfd("fuzz-services", path, sizeof(path));
	}
	fuzz_fill_fd(fd, data, size);
	fuzz_registry(path);
	return 0;
}
