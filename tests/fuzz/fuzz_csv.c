/*
 * fuzz_csv.c - libFuzzer harness for the IANA CSV loader (registry.c)
 *
 * An input that does not start with the header gets IANA's header line in
 * front, so that mutations of the rows stay CSV; inputs that start with
 * "Service Name" are loaded as they are, header and all.
 */
#include "fuzz.h"
#include "fuzz_registry.h"

static const char header[] = "Service Name,Port Number,Transport Protocol,"
    "Description,Assignee,Contact,Registration Date,Modification Date,"
    "Reference,Service Code,Unauthorized Use Reported,Assignment Notes\n";

static int fd = -1;
static char path[64];
static uint8_t *buf;
static size_t bufcap;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t hl = sizeof(header) - 1;

	if (fd < 0) {
		util_quiet = 1;
		fd = fuzz_memfd("fuzz-csv", path, sizeof(path));
	}
	if (size >= 12 && memcmp(data, "Service Name", 12) == 0) {
		fuzz_fill_fd(fd, data, size);
	} else {
		if (hl + size > bufcap) {
			bufcap = hl + size;
			if ((buf = realloc(buf, bufcap)) == NULL)
				fuzz_die("realloc");
		}
		memcpy(buf, header, hl);
		if (size > 0)
			memcpy(buf + hl, data, size);
		fuzz_fill_fd(fd, buf, hl + size);
	}
	fuzz_registry(path);
	return 0;
}
