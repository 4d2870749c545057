/* rss: run a command and write its peak resident set size, exit status and wall-clock time to a file. */
/*
 * usage: rss FILE CMD [ARGS...]
 *
 * Writes one line, "MAXRSS_KB STATUS ELAPSED_S", to FILE and exits with
 * STATUS: the command's exit code, or 128 + the signal that ended it, as the
 * shell gives it. The command's own output is left alone, so a caller can
 * still look at its stderr. When rss itself fails it exits 2 and FILE is not
 * written. Used by bench/run.sh and tests/hardening/limits.sh (built into
 * tests/build/hardening/rss by make hardening-tools).
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	pid_t pid;
	int status, rc;
	double elapsed;
	FILE *f;

	if (argc < 3) {
		fprintf(stderr, "usage: rss FILE CMD [ARGS...]\n");
		return 2;
	}
	/* MONOTONIC, so that a clock adjustment during a run cannot skew it. */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		perror("rss: fork");
		return 2;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		fprintf(stderr, "rss: cannot run %s: %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			perror("rss: waitpid");
			return 2;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	/* RUSAGE_CHILDREN covers grandchildren too, so a wrapper script or a
	 * program that forks helpers is measured by its largest process. */
	getrusage(RUSAGE_CHILDREN, &ru);
	elapsed = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	rc = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 2;
	f = fopen(argv[1], "w");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	fprintf(f, "%ld %d %.3f\n", ru.ru_maxrss, rc, elapsed);
	if (fclose(f) != 0) {
		perror(argv[1]);
		return 2;
	}
	return rc;
}
