/*
 * rss.c - runs a command and prints its peak resident set size
 *
 * usage: rss FILE CMD [ARGS...]
 * Writes "MAXRSS_KB STATUS" to FILE (STATUS as the shell gives it: the exit
 * code, or 128 + the signal) and exits with STATUS. The command's output is
 * left alone, so a caller can still look at its stderr.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(int argc, char *argv[])
{
	struct rusage ru;
	pid_t pid;
	int status, rc;
	FILE *f;

	if (argc < 3) {
		fputs("usage: rss FILE CMD [ARGS...]\n", stderr);
		return 2;
	}
	if ((pid = fork()) < 0) {
		perror("rss: fork");
		return 2;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		fprintf(stderr, "rss: %s: %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR) {
			perror("rss: wait4");
			return 2;
		}
	rc = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ?
	    128 + WTERMSIG(status) : 2;
	if ((f = fopen(argv[1], "w")) == NULL) {
		perror(argv[1]);
		return 2;
	}
	fprintf(f, "%ld %d\n", ru.ru_maxrss, rc);
	fclose(f);
	return rc;
}
