/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Wall-clock timer of bench/run: runs several commands in turn, RUNS rounds,
 * and prints for each the median, quartiles and minimum in microseconds.
 *
 *   timeit RUNS WARMUP CMD1 [ARGS...] ::: CMD2 [ARGS...] ::: ...
 *
 * One round runs every command once, starting with a different command each
 * round, so that noise on the machine hits all of them alike.  A run is the
 * time from just before posix_spawn to the return of waitpid: process
 * creation, the command's own work, whatever it execs, and its exit.  Stdin,
 * stdout and stderr are /dev/null.  A command that exits otherwise than
 * expected fails the whole measurement (exit 1), since its figure would
 * mean nothing: 0 is expected, or N when the command's first word is "!N"
 * (a launch the site's check refuses exits 1).
 *
 * Output, one line per command in the order given:
 *   median_us p25_us p75_us min_us
 */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define MAX_COMMANDS 16

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int compare(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The q-quantile of sorted[0..n-1], interpolated. */
static double quantile(const double *sorted, int n, double q)
{
	double pos = q * (n - 1);
	int lo = (int)pos;
	int hi = lo + 1 < n ? lo + 1 : lo;
	return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/* Runs argv once, expecting exit status `expected`; returns its wall time
 * in microseconds, or -1. */
static double run_once(char **argv, int expected, const posix_spawn_file_actions_t *actions)
{
	pid_t pid;
	int status;
	double start = now_us();
	int rc = posix_spawn(&pid, argv[0], actions, NULL, argv, environ);
	if (rc != 0) {
		fprintf(stderr, "timeit: cannot run %s: %s\n", argv[0], strerror(rc));
		return -1;
	}
	if (waitpid(pid, &status, 0) != pid) {
		perror("timeit: waitpid");
		return -1;
	}
	double elapsed = now_us() - start;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != expected) {
		fprintf(stderr, "timeit: %s failed (status 0x%x)\n", argv[0], status);
		return -1;
	}
	return elapsed;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fputs("usage: timeit RUNS WARMUP [!N] CMD [ARGS...] [::: [!N] CMD [ARGS...]]...\n",
		      stderr);
		return 2;
	}
	int runs = atoi(argv[1]), warmup = atoi(argv[2]);
	if (runs < 1 || warmup < 0) {
		fputs("timeit: RUNS must be >= 1 and WARMUP >= 0\n", stderr);
		return 2;
	}
	/* Split the rest at ":::" into commands, in place. */
	char **commands[MAX_COMMANDS];
	int count = 0;
	commands[count++] = &argv[3];
	for (int i = 3; i < argc; i++) {
		if (strcmp(argv[i], ":::") == 0) {
			if (count == MAX_COMMANDS || i + 1 >= argc) {
				fputs("timeit: too many or empty commands\n", stderr);
				return 2;
			}
			argv[i] = NULL;
			commands[count++] = &argv[i + 1];
		}
	}

	/* "!N": the exit status the command is expected to end with */
	int expected[MAX_COMMANDS] = {0};
	for (int c = 0; c < count; c++)
		if (commands[c][0] && commands[c][0][0] == '!') {
			expected[c] = atoi(commands[c][0] + 1);
			commands[c]++;
			if (!commands[c][0]) {
				fputs("timeit: an empty command after !N\n", stderr);
				return 2;
			}
		}

	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);

	double *times = calloc((size_t)count * (size_t)runs, sizeof *times);
	if (!times) {
		perror("timeit");
		return 1;
	}
	for (int round = -warmup; round < runs; round++) {
		int first = (round + warmup) % count;
		for (int k = 0; k < count; k++) {
			int c = (first + k) % count;
			double t = run_once(commands[c], expected[c], &actions);
			if (t < 0)
				return 1;
			if (round >= 0)
				times[c * runs + round] = t;
		}
	}
	for (int c = 0; c < count; c++) {
		double *t = &times[c * runs];
		qsort(t, (size_t)runs, sizeof *t, compare);
		printf("%.1f %.1f %.1f %.1f\n", quantile(t, runs, 0.5), quantile(t, runs, 0.25),
		       quantile(t, runs, 0.75), t[0]);
	}
	free(times);
	posix_spawn_file_actions_destroy(&actions);
	return 0;
}
