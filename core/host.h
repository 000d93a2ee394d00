/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The acrn-launch host toolkit: everything that touches the OS, built on the
 * engine (engine.h) and never the other way round.  Host checks of a VM's
 * files, the host facts the engine takes as input (LAPIC ids), asking
 * acrn-dm its release, acrn-dm as a supervised child, one lock per VM name,
 * consoles, the steps that prepare the host, exec.  C11 + POSIX; never
 * includes Lua, keeps no globals, never prints, never exits; errors are
 * returned as 0 / negative errno with a struct acrn_error.
 */
#ifndef ACRN_HOST_H
#define ACRN_HOST_H

#include "engine.h"

#include <signal.h>
#include <sys/types.h>

/* ---------------------------------------------------------------------------
 * The host
 */

/* Checks what a launch needs from the host before anything runs: the
 * program is executable, kernel and ramdisk are readable non-empty files,
 * every disk image is readable and a non-zero multiple of 512 bytes.
 * Returns 0, or a negative errno with `error` naming the file. */
int acrn_host_check(const struct acrn_vm *vm, const char *program, struct acrn_error *error);

/* Reads the regular file at `path`, at most `max` bytes, into a malloc'd
 * NUL-terminated `text` (the caller frees it) of `length` bytes.  0; a
 * negative errno with `error` saying why: not a regular file (a directory,
 * a FIFO, a device: refused without reading, so a FIFO cannot hang it),
 * larger than `max`, or unreadable. */
int acrn_read_text_file(const char *path, size_t max, char **text, size_t *length,
			struct acrn_error *error);

/* Runs `program -v` once, keeps what it printed in `output` and reads the
 * release from it.  0, or negative with `error` quoting the output. */
int acrn_probe_release(const char *program, char *output, size_t size, int *release,
		       struct acrn_error *error);

/* Memory in use by one allocator, and the most it may use (0: no limit). */
struct acrn_budget {
	size_t used, limit;
	size_t refused; /* allocations refused because of the limit */
};

/* An allocator with the signature of Lua's lua_Alloc: frees when
 * `new_size` is 0, else (re)allocates unless that would take `budget`
 * (the first argument) past its limit, in which case it returns NULL. */
void *acrn_budget_alloc(void *budget, void *block, size_t old_size, size_t new_size);

/* ---------------------------------------------------------------------------
 * Running VMs: acrn-dm as a child, one lock per VM name, consoles
 */

#define ACRN_TAIL_MAX (64 * 1024) /* bytes of a child's stderr kept */

/* Called with each piece of output a child writes. */
typedef void acrn_output_fn(void *context, const char *bytes, size_t length);

struct acrn_child {
	pid_t pid;
	int output_fd; /* its stderr, non-blocking; -1 once closed */
	int pid_fd;    /* a pidfd, readable when it exits; -1 without one */
	bool reaped;
	int status; /* waitpid's status once reaped */
	/* acrn_child_wait with no timeout returns -EINTR when this is set */
	const volatile sig_atomic_t *interrupt;
	size_t tail_start, tail_length;
	char tail[ACRN_TAIL_MAX];
};

/* Starts `program` with `argv` as a child, its stderr on a pipe; the fds
 * in `keep_fds` stay open in it (a VM's lock); `merge_stdout` sends its
 * stdout to the same pipe.  0, or a negative errno
 * with `error` naming the program (an exec that failed in the child
 * included); no child is left behind on failure. */
int acrn_spawn(const char *program, const struct acrn_strings *argv, const int *keep_fds,
	       size_t keep_count, bool merge_stdout, struct acrn_child *child,
	       struct acrn_error *error);
/* Reads what the child wrote so far into its tail (and to `on_output`,
 * which may be NULL); true when there was something. */
int acrn_child_drain(struct acrn_child *child, acrn_output_fn *on_output, void *context);
/* Waits up to `timeout_ms` (-1: for ever) for the child to exit, reading
 * its output meanwhile.  0 once it is reaped (status in child->status),
 * -ETIMEDOUT, -EINTR (see `interrupt`), or another negative errno. */
int acrn_child_wait(struct acrn_child *child, int timeout_ms, acrn_output_fn *on_output,
		    void *context);
bool acrn_child_interrupted(const struct acrn_child *child);
/* Sends a signal: 0, -ESRCH when it has exited, or a negative errno. */
int acrn_child_signal(struct acrn_child *child, int signal_number);
/* SIGINT, then SIGKILL after `grace_ms`; always reaped.  0 when SIGINT
 * sufficed, 1 when SIGKILL was needed. */
int acrn_child_stop(struct acrn_child *child, int grace_ms, acrn_output_fn *on_output,
		    void *context);
/* Copies the last ACRN_TAIL_MAX bytes of output, oldest first; returns
 * how many. */
size_t acrn_child_tail(const struct acrn_child *child, char *buffer);
/* Kills a child still running (SIGKILL), reaps it and closes its fds. */
void acrn_child_release(struct acrn_child *child);

/* Takes the lock of VM `name` in `directory` (made 0755 if missing):
 * DIRECTORY/NAME.lock, held with flock until `*fd` is closed (or the
 * process holding it, and every child that kept it, exits).  0; -EBUSY
 * when another process holds it; another negative errno.  `error` says
 * which. */
int acrn_lock_take(const char *directory, const char *name, int *fd, struct acrn_error *error);
/* Replaces what the lock file says (the running VM's state). */
int acrn_lock_write(int fd, const char *text, size_t length);
/* Whether the lock file at `path` is held: 1 held, 0 free, negative errno. */
int acrn_lock_held(const char *path);
/* Removes the lock file at `path` when nobody holds it: 1 removed, 0 held,
 * negative errno. */
int acrn_lock_clean(const char *path);

/* Relays between the terminal (raw mode, restored after) and the console
 * at `path`: a unix socket when `socket` is true, else a tty device, until
 * the byte `escape` is typed or the console closes.  0, or negative errno
 * with `error`. */
int acrn_console_attach(const char *path, bool socket, unsigned char escape,
			struct acrn_error *error);
/* The pty devices process `pid` holds the master side of (found through
 * ROOT/proc/PID/fdinfo's tty-index), written one per line into `buffer`.
 * Returns how many, or a negative errno. */
int acrn_pty_paths(const char *root, pid_t pid, char *buffer, size_t size);

/* ---------------------------------------------------------------------------
 * Preparing the host (prepare.c): steps, each undoable
 */

/* Checks a step's preconditions without acting: 0, or negative with error. */
int acrn_step_check(const char *root, const struct acrn_step *step, struct acrn_error *error);
/* Runs the steps in order, recording in each what undoing it takes; when
 * one fails, undoes what was done, newest first, and returns its error
 * (naming the step, the object and errno). */
int acrn_steps_run(const char *root, struct acrn_step *steps, size_t count,
		   struct acrn_error *error);
/* Undoes one step that was done. */
int acrn_step_undo(const char *root, const struct acrn_step *step, struct acrn_error *error);

/* Writes a new random UUID in lower-case text form (37 bytes with NUL). */
void acrn_uuid_generate(char text[37]);

/* Replaces this process with `program` (execv).  Returns only on failure:
 * a negative errno, with `error` naming the program. */
int acrn_exec(const char *program, const struct acrn_strings *argv, struct acrn_error *error);

/* Reads the online CPUs' numbers and LAPIC ids from ROOT/proc/cpuinfo
 * (root NULL or "/": the real one) into `cpus` (room for `max`), and how
 * many into `count`.  0, or a negative errno. */
int acrn_cpus_read(const char *root, struct acrn_cpu *cpus, size_t max, size_t *count);

#endif
