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
#include <sys/stat.h>
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
int acrn_probe_release(const char *program, char *output, size_t size, struct acrn_version *version,
		       struct acrn_error *error);

/* Reads a file the launcher runs as trusted code (a site policy), checked
 * as sudo checks sudoers: a regular file, not a symbolic link, owned by
 * root and writable by its owner alone; with `every_directory` (`path`
 * absolute) so is each directory from "/" down to it, else the file and
 * the directory holding it may also be the caller's (getuid).  0 with the
 * text (malloc'd, NUL-terminated; the caller frees it); -ENOENT when the
 * file or a directory above it is missing; another negative errno with
 * `error` naming the path, its mode and its owner. */
int acrn_trusted_read(const char *path, bool every_directory, char **text, size_t *length,
		      struct acrn_error *error);

/* Small blocks for an allocator whose caller says each block's size when
 * it gives it back, as Lua's does: blocks of up to ACRN_POOL_MAX bytes, in
 * classes of ACRN_POOL_GRAIN bytes, carved from chunks and kept on a free
 * list per class once given back.  A launch makes thousands of small
 * objects and lives for milliseconds: malloc's bookkeeping for each was a
 * tenth of its cost.  Zeroed, a pool is empty and ready. */
#define ACRN_POOL_GRAIN 16
#define ACRN_POOL_MAX 256
struct acrn_pool {
	void *free[ACRN_POOL_MAX / ACRN_POOL_GRAIN]; /* per class, linked through each block */
	char *next, *end;                            /* what is left of the newest chunk */
	void *chunks;                                /* every chunk, linked through its start */
};

/* A block of `size` bytes (1 to ACRN_POOL_MAX), aligned as malloc's are;
 * NULL when no chunk can be allocated. */
void *acrn_pool_get(struct acrn_pool *pool, size_t size);
/* Gives back a block acrn_pool_get returned for `size`. */
void acrn_pool_put(struct acrn_pool *pool, void *block, size_t size);
/* Frees every chunk: every block of the pool is gone; the pool is empty. */
void acrn_pool_release(struct acrn_pool *pool);

/* Memory in use by one allocator, and the most it may use (0: no limit). */
struct acrn_budget {
	size_t used, limit;
	size_t refused;        /* allocations refused because of the limit */
	struct acrn_pool pool; /* its small blocks */
};

/* An allocator with the signature of Lua's lua_Alloc: frees when
 * `new_size` is 0, else (re)allocates unless that would take `budget`
 * (the first argument) past its limit, in which case it returns NULL.
 * Small blocks come from the budget's pool (but in a build with
 * AddressSanitizer, which then sees each block), others from malloc.
 * `old_size` must be the size the block was allocated with. */
void *acrn_budget_alloc(void *budget, void *block, size_t old_size, size_t new_size);

/* Frees what the budget's allocator holds once nothing uses its blocks
 * (after lua_close). */
void acrn_budget_release(struct acrn_budget *budget);

/* ---------------------------------------------------------------------------
 * The sandbox's child (confine.c): where a sandboxed recipe is evaluated
 */

struct acrn_confinement {
	unsigned cpu_seconds; /* CPU time it may use (SIGXCPU, then SIGKILL a second later) */
	size_t memory;        /* what its allocator may use; bounds the address space too */
	int result_fd;        /* where it sends its answer */
	pid_t parent;         /* the launcher: the child dies with it (0: not checked) */
};

/* In the child, first: a session of its own (no controlling terminal), no
 * new privileges, not dumpable, limits on CPU time, open files, core dumps
 * and (unless built with AddressSanitizer) address space; stdin, stdout
 * and (unless built with ASan, for its reports) stderr on /dev/null, the
 * answer's descriptor moved to 3 and every other one closed.  Returns the
 * answer's descriptor, or a negative errno with `error`. */
int acrn_confine_resources(const struct acrn_confinement *confinement, struct acrn_error *error);
/* In the child, once the recipe is read and compiled: leaves root for
 * nobody (uid and gid 65534, no groups) when it is root, then loads a
 * seccomp filter that kills the process on any system call but those that
 * evaluating Lua needs: no exec, fork, socket, signal, ptrace; files opened
 * for reading only; writes only to `result_fd` (and stderr under ASan); no
 * executable memory.  0, or a negative errno with `error`. */
int acrn_confine_syscalls(int result_fd, struct acrn_error *error);
/* Whether this build limits the child's address space, and whether the
 * child keeps stderr: not under ASan, and only under ASan. */
bool acrn_confine_limits_address_space(void);
bool acrn_confine_keeps_stderr(void);
/* In the parent: reads what child `pid` sends on `fd` until it closes it,
 * at most `max` bytes and for at most `timeout_ms`, then reaps it; a child
 * that sends more or takes longer is killed (SIGKILL) and reaped.  0 with
 * the answer in `*bytes` (malloc'd, NULL when empty; the caller frees it)
 * and the wait status in `*status`; or -EMSGSIZE, -ETIMEDOUT, another
 * negative errno, with `error` and the status of the killed child. */
int acrn_confined_collect(pid_t pid, int fd, size_t max, int timeout_ms, char **bytes,
			  size_t *length, int *status, struct acrn_error *error);

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

/* Takes the lock of VM `name` in `directory` (made 0700 if missing; it
 * must be this user's, not a link, and is made 0700 if it was more open):
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
 * at `path`: a unix socket when `socket` is true, else a tty device (a
 * terminal, not reached through a link), until
 * the byte `escape` is typed or the console closes.  0, or negative errno
 * with `error`. */
int acrn_console_attach(const char *path, bool socket, unsigned char escape,
			struct acrn_error *error);
/* Whether the console at `path` is one the VM whose acrn-dm is `pid` holds
 * (that process, or one it started): a terminal device one of them has
 * open, or (`socket`) a unix socket one of them listens on.  0, or a
 * negative errno with `error` saying what it is instead. */
int acrn_console_held(pid_t pid, const char *path, bool socket, struct acrn_error *error);
/* The pty devices process `pid` holds the master side of (found through
 * ROOT/proc/PID/fdinfo's tty-index), written one per line into `buffer`.
 * Returns how many, or a negative errno. */
int acrn_pty_paths(const char *root, pid_t pid, char *buffer, size_t size);

/* ---------------------------------------------------------------------------
 * Paths under a root (beneath.c): --root, a tree standing for the host
 */

/* Opens ROOT/PATH (`path` as on the host, "/sys/…") with `flags`, every
 * component resolved beneath `root`: links that stay inside are followed,
 * one that leads out (absolute, or ".." past the root) is refused with
 * -EXDEV, magic links (/proc/PID/fd/N) too (openat2 RESOLVE_BENEATH |
 * RESOLVE_NO_MAGICLINKS; acrn_walk_beneath where the kernel lacks it).
 * `root` NULL or "/": the host itself, opened as it is.  A descriptor
 * (close-on-exec), or a negative errno. */
int acrn_open_beneath(const char *root, const char *path, int flags);
/* The same resolution, component by component with O_NOFOLLOW, from the
 * directory `root_fd`: what kernels before 5.6 get (tests call it). */
int acrn_walk_beneath(int root_fd, const char *path, int flags);
/* stat and readlink of ROOT/PATH, resolved the same way (readlink reads
 * the final link itself): 0 / the link's length, or a negative errno. */
int acrn_stat_beneath(const char *root, const char *path, struct stat *st);
ssize_t acrn_readlink_beneath(const char *root, const char *path, char *buffer, size_t size);

/* ---------------------------------------------------------------------------
 * Preparing the host (prepare.c): steps, each undoable
 */

/* Writes the steps down (the VM's lifecycle record) as they are now:
 * 0, or a negative errno, which stops the steps. */
typedef int acrn_journal_fn(void *context, const struct acrn_step *steps, size_t count);

/* Checks a step's preconditions without acting: 0, or negative with error. */
int acrn_step_check(const char *root, const struct acrn_step *step, struct acrn_error *error);
/* Runs the steps in order (those planned; others were done before).  Each
 * is written down through `journal` (may be NULL) before it acts, as begun
 * with what undoing it takes, and again once done, so that a crash leaves
 * a record to undo.  When one fails, every step begun or done is undone,
 * newest first, and its error (naming the step, the object and errno)
 * returned. */
int acrn_steps_run(const char *root, struct acrn_step *steps, size_t count,
		   acrn_journal_fn *journal, void *context, struct acrn_error *error);
/* Undoes one step that was begun or done (what is already back is left). */
int acrn_step_undo(const char *root, const struct acrn_step *step, struct acrn_error *error);
/* Undoes every step begun or done, newest first, writing each down; goes on
 * past a failure and returns the first error (0: all given back). */
int acrn_steps_undo(const char *root, struct acrn_step *steps, size_t count,
		    acrn_journal_fn *journal, void *context, struct acrn_error *error);

/* ---------------------------------------------------------------------------
 * The lifecycle record of a launched VM (record.c): RUN_DIR/NAME.record
 */

struct acrn_record_console {
	char *backend, *name, *path, *mode; /* NULL: none */
	bool console;
};

struct acrn_record_drive {
	long long index;
	int bus, slot, func;
	char *filled; /* what blkrescan put in; NULL: still empty */
};

struct acrn_launch_record {
	char *name;
	pid_t pid;                     /* acrn-dm */
	unsigned long long start_time; /* its start in clock ticks since boot (/proc) */
	pid_t launcher;
	long long started; /* seconds since the epoch */
	char *program;
	struct acrn_strings argv;
	char *recipe, *target, *root;
	char hash[17];     /* of the running plan: program and argv (acrn_plan_hash) */
	char ended_by[16]; /* the signal `stop` or `kill` sent ("SIGINT"); "": none */
	struct acrn_record_console *consoles;
	size_t console_count;
	struct acrn_record_drive *drives;
	size_t drive_count;
	struct acrn_step *steps;
	size_t step_count;
};

/* The record as text (a malloc'd string the caller frees): 0 or -ENOMEM. */
int acrn_launch_record_format(const struct acrn_launch_record *record, char **bytes,
			      size_t *length);
/* Reads a record from its text; strict.  0, -EINVAL with `error`, -ENOMEM.
 * Free it with acrn_launch_record_free (not needed after a failure). */
int acrn_launch_record_parse(const char *bytes, size_t length, struct acrn_launch_record *record,
			     struct acrn_error *error);
void acrn_launch_record_free(struct acrn_launch_record *record);
/* DIRECTORY/NAME.record, written whole (0600, through a temporary file
 * renamed over it) or read (a regular file of this user's, not through a
 * link). */
int acrn_launch_record_write(const char *directory, const struct acrn_launch_record *record,
			     struct acrn_error *error);
int acrn_launch_record_read(const char *directory, const char *name,
			    struct acrn_launch_record *record, struct acrn_error *error);
int acrn_launch_record_remove(const char *directory, const char *name);

/* When process `pid` started, in clock ticks since boot, from
 * ROOT/proc/PID/stat: with the pid, what tells a process from a later one
 * that reused its number.  0, -ESRCH when there is none, or a negative
 * errno. */
int acrn_process_start_time(const char *root, pid_t pid, unsigned long long *ticks);

/* Sends `signal_number` to process `pid` if it is the one that started at
 * `start_time` (through a pidfd, so a process that reuses the number after
 * the check is not reached).  0, -ESRCH when that process is gone, or a
 * negative errno. */
int acrn_process_signal(pid_t pid, unsigned long long start_time, int signal_number);

/* ---------------------------------------------------------------------------
 * acrn-dm's monitor socket (monitor.c) and systemd's notify socket (notify.c)
 */

#define ACRN_MONITOR_DIR "/run/acrn/mngr" /* where acrn-dm serves its monitor */

/* Where struct mngr_msg's fields sit in the bytes on x86-64, for the
 * releases from major `first_major` on. */
struct acrn_monitor_layout {
	int first_major;
	size_t size, magic, msgid, timestamp, data;
};

/* The layout acrn-dm of major release `major` reads. */
const struct acrn_monitor_layout *acrn_monitor_layout(int major);
/* Writes a DM_STOP request (force 0) into `bytes`; returns its length, or 0
 * when `size` is too small. */
size_t acrn_monitor_stop_message(const struct acrn_monitor_layout *layout, long long timestamp,
				 unsigned char *bytes, size_t size);
/* Reads the answer to DM_STOP: 0 with its err in `answer`, or -EPROTO when
 * the bytes are not one. */
int acrn_monitor_read_answer(const struct acrn_monitor_layout *layout, const unsigned char *bytes,
			     size_t length, int *answer);
/* DIRECTORY/NAME.monitor.PID.socket into `path`: 0 or -ENAMETOOLONG. */
int acrn_monitor_path(const char *directory, const char *name, pid_t pid, char *path, size_t size);
/* Sends DM_STOP (force 0) to the monitor of VM `name` whose acrn-dm is
 * `pid`, in `directory`, and reads the answer, waiting at most `timeout_ms`
 * for each of connect, send and receive.  0 with acrn-dm's err in
 * `answer` (0: it asked the guest; -1: it has no power management
 * channel); or negative: -ENOENT/-ECONNREFUSED (no monitor), -EPERM (the
 * socket is served by another process: nothing was sent), -ETIMEDOUT,
 * -EPROTO; `error` says which. */
int acrn_monitor_stop(const char *directory, const char *name, pid_t pid, int major, int timeout_ms,
		      int *answer, struct acrn_error *error);

/* Sends `state` (e.g. "READY=1") to systemd's notify socket `address` (the
 * value of $NOTIFY_SOCKET: a path, or "@name" for an abstract socket), as
 * one datagram.  0, or a negative errno with `error`. */
int acrn_notify_send(const char *address, const char *state, struct acrn_error *error);
/* Whether file descriptor `fd` is the journal stream named by
 * `journal_stream` (the value of $JOURNAL_STREAM, "DEVICE:INODE"). */
bool acrn_fd_is_journal(int fd, const char *journal_stream);

/* Sets SIGINT, SIGQUIT, SIGTERM, SIGHUP and SIGPIPE to their default
 * action and unblocks every signal: what acrn-dm starts with, whatever
 * this process inherited (a shell's background job ignores SIGINT). */
void acrn_signals_reset(void);

/* Writes a new random UUID in lower-case text form (37 bytes with NUL). */
void acrn_uuid_generate(char text[37]);

/* Replaces this process with `program` (execv).  Returns only on failure:
 * a negative errno, with `error` naming the program. */
int acrn_exec(const char *program, const struct acrn_strings *argv, struct acrn_error *error);

/* Reads the online CPUs' numbers and LAPIC ids from ROOT/proc/cpuinfo
 * (root NULL or "/": the real one) into `cpus` (room for `max`), and how
 * many into `count`.  0, or a negative errno. */
int acrn_cpus_read(const char *root, struct acrn_cpu *cpus, size_t max, size_t *count);

/* Reads the input devices ROOT/sys/class/input lists (eventN, with the name
 * and phys of eventN/device) into `inputs` (room for `max`), their strings
 * into `pool` (`size` bytes), and how many into `count`.  0, -E2BIG when
 * there are more than `max`, or a negative errno for the directory. */
int acrn_inputs_read(const char *root, struct acrn_input *inputs, size_t max, size_t *count,
		     char *pool, size_t size);

/* The first line of the one file `pattern` (a glob under /sys) matches
 * under ROOT, into `text` (`size` bytes): a world-readable regular file
 * reached beneath ROOT (on the host: in /sys).  0, or -EINVAL with `error` naming the
 * pattern: no match, several, a link out, not readable, a control byte. */
int acrn_host_file_read(const char *root, const char *pattern, char *text, size_t size,
			struct acrn_error *error);

#endif
