/* rss: run a command and report its peak resident set size and wall-clock time. */
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
	int status;
	double elapsed;

	if (argc < 2) {
		fprintf(stderr, "usage: rss CMD [ARGS...]\n");
		return 2;
	}
	/* MONOTONIC, so that a clock adjustment during a run cannot skew it. */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		perror("rss: fork");
		return 1;
	}
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		fprintf(stderr, "rss: cannot run %s: %s\n", argv[1], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			perror("rss: waitpid");
			return 1;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	/* RUSAGE_CHILDREN covers grandchildren too, so a wrapper script or a
	 * program that forks helpers is measured by its largest process. */
	getrusage(RUSAGE_CHILDREN, &ru);
	elapsed = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	fprintf(stderr, "maxrss_kb=%ld elapsed_s=%.3f\n", ru.ru_maxrss, elapsed);
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	/* Same convention as the shell, so callers can tell a crash from a failure. */
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 1;
}
