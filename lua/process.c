/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The acrn.core functions for running VMs: child handles (spawn, wait,
 * stop, kill, stderr, supervise), VM locks, signals to a pid, consoles.
 * A handle is userdata that owns its child: closing or collecting it with
 * the child alive kills the child (SIGKILL) and reaps it, so no zombie is
 * left; keep the handle to keep the VM.
 */
#include "binding.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <lauxlib.h>

#define CHILD_KEY "acrn.child"
#define LOCK_KEY "acrn.lock"

struct lock {
	int fd;
	char path[ACRN_PATH_MAX];
};

/* ---------------------------------------------------------------------------
 * Children
 */

static struct acrn_child *check_child(lua_State *L)
{
	return luaL_checkudata(L, 1, CHILD_KEY);
}

/* Pushes what os.execute returns for a wait status: true|nil, "exit" or
 * "signal", the number. */
static int push_status(lua_State *L, int status)
{
	if (WIFSIGNALED(status)) {
		lua_pushnil(L);
		lua_pushliteral(L, "signal");
		lua_pushinteger(L, WTERMSIG(status));
	} else {
		int code = WEXITSTATUS(status);
		if (code == 0)
			lua_pushboolean(L, 1);
		else
			lua_pushnil(L);
		lua_pushliteral(L, "exit");
		lua_pushinteger(L, code);
	}
	return 3;
}

/* Milliseconds from an optional number of seconds (argument `index`). */
static int optional_ms(lua_State *L, int index, int fallback)
{
	if (lua_isnoneornil(L, index))
		return fallback;
	lua_Number seconds = luaL_checknumber(L, index);
	luaL_argcheck(L, seconds >= 0 && seconds < 1e6, index, "seconds out of range");
	return (int)(seconds * 1000);
}

/* core.spawn(program, argv[, lock[, merge_stdout[, on_exit]]]) -> a
 * handle, or nil, message, errno.  The child keeps the lock; once the
 * handle has reaped the child it calls on_exit() (once) and releases the
 * lock, removing its file.  on_exit gets how the child ended: "exit" or
 * "signal", and the number. */
static int core_spawn(lua_State *L)
{
	struct acrn_strings argv = {0};
	struct acrn_error error;
	const char *program = luaL_checkstring(L, 1);
	luaL_checktype(L, 2, LUA_TTABLE);
	struct lock *lock = luaL_testudata(L, 3, LOCK_KEY);
	bool merge = lua_toboolean(L, 4);
	lua_settop(L, 5);
	struct acrn_child *child = lua_newuserdatauv(L, sizeof *child, 2); /* … child */
	lua_pushvalue(L, 3);                                               /* … child lock|nil */
	lua_setiuservalue(L, -2, 1);                                       /* … child */
	lua_pushvalue(L, 5);         /* … child on_exit|nil */
	lua_setiuservalue(L, -2, 2); /* … child */
	memset(child, 0, sizeof *child);
	child->pid = -1;
	child->output_fd = child->pid_fd = -1;
	luaL_setmetatable(L, CHILD_KEY);
	read_strings(L, 2, &argv);
	int keep = lock ? lock->fd : -1;
	int rc = acrn_spawn(program, &argv, lock ? &keep : NULL, lock ? 1 : 0, merge, child,
			    &error);
	acrn_strings_free(&argv);
	if (rc < 0) {
		return push_error(L, rc, &error);
	}
	return 1;
}

/* Once the child is reaped: its on_exit function runs (once), then its
 * VM's lock (the handle's user values) goes. */
static void release_lock(lua_State *L, int handle)
{
	struct acrn_child *child = lua_touserdata(L, handle);
	if (!child->reaped)
		return;
	if (lua_getiuservalue(L, handle, 2) == LUA_TFUNCTION) { /* on_exit */
		lua_pushnil(L);                                 /* on_exit nil */
		lua_setiuservalue(L, handle, 2);                /* on_exit */
		bool signalled = WIFSIGNALED(child->status);
		lua_pushstring(L, signalled ? "signal" : "exit"); /* on_exit how */
		lua_pushinteger(L, signalled ? WTERMSIG(child->status)
					     : WEXITSTATUS(child->status)); /* on_exit how n */
		if (lua_pcall(L, 2, 0, 0) != LUA_OK)                        /* [message] */
			lua_pop(L, 1);
	} else {
		lua_pop(L, 1);
	}
	if (lua_getiuservalue(L, handle, 1) != LUA_TUSERDATA) { /* lock */
		lua_pop(L, 1);
		return;
	}
	struct lock *lock = luaL_testudata(L, -1, LOCK_KEY);
	if (lock && lock->fd >= 0) {
		unlink(lock->path);
		close(lock->fd);
		lock->fd = -1;
	}
	lua_pop(L, 1);
}

/* h:wait([seconds]) -> true|nil, "exit"|"signal", n; or nil, "timeout". */
static int child_wait(lua_State *L)
{
	struct acrn_child *child = check_child(L);
	int rc = acrn_child_wait(child, optional_ms(L, 2, -1), NULL, NULL);
	if (rc == -ETIMEDOUT) {
		lua_pushnil(L);
		lua_pushliteral(L, "timeout");
		return 2;
	}
	if (rc < 0)
		return luaL_error(L, "wait: %s", strerror(-rc));
	release_lock(L, 1);
	return push_status(L, child->status);
}

/* h:stop([grace seconds, default 15]) -> as wait; SIGINT, then SIGKILL. */
static int child_stop(lua_State *L)
{
	struct acrn_child *child = check_child(L);
	acrn_child_stop(child, optional_ms(L, 2, 15000), NULL, NULL);
	release_lock(L, 1);
	return push_status(L, child->status);
}

/* h:kill([signal, default SIGKILL]) -> true, or nil, message. */
static int child_kill(lua_State *L)
{
	struct acrn_child *child = check_child(L);
	int rc = acrn_child_signal(child, (int)luaL_optinteger(L, 2, SIGKILL));
	if (rc < 0) {
		lua_pushnil(L);
		lua_pushstring(L, rc == -ESRCH ? "the child has exited" : strerror(-rc));
		return 2;
	}
	lua_pushboolean(L, 1);
	return 1;
}

/* h:stderr() -> the last 64 KiB the child wrote to stderr. */
static int child_stderr(lua_State *L)
{
	struct acrn_child *child = check_child(L);
	acrn_child_drain(child, NULL, NULL);
	char *copy = malloc(ACRN_TAIL_MAX);
	if (!copy)
		return luaL_error(L, "out of memory");
	size_t length = acrn_child_tail(child, copy);
	lua_pushlstring(L, copy, length);
	free(copy);
	return 1;
}

/* h:close() and __gc: a child still running is killed and reaped. */
static int child_close(lua_State *L)
{
	acrn_child_release(check_child(L));
	release_lock(L, 1);
	return 0;
}

static int child_index(lua_State *L)
{
	struct acrn_child *child = check_child(L);
	const char *key = luaL_checkstring(L, 2);
	if (strcmp(key, "pid") == 0) {
		lua_pushinteger(L, child->pid);
		return 1;
	}
	luaL_getmetatable(L, CHILD_KEY); /* mt */
	lua_getfield(L, -1, "methods");  /* mt methods */
	lua_getfield(L, -1, key);        /* mt methods method */
	return 1;
}

/* The signal supervise() forwards next, 0 for none. */
static volatile sig_atomic_t forward_signal;

static void on_forwarded(int signal_number)
{
	forward_signal = signal_number;
}

struct line_sink {
	lua_State *L;
	int function; /* stack index of the Lua function getting lines */
	bool failed;  /* it raised: its message is on the stack */
	char partial[4096];
	size_t partial_length;
};

/* Passes complete lines of output to the Lua function (protected: the
 * core's wait loop must not be unwound; the first error is kept). */
static void on_output(void *context, const char *bytes, size_t length)
{
	struct line_sink *sink = context;
	for (size_t i = 0; i < length; i++) {
		bool end = bytes[i] == '\n';
		if (!end && sink->partial_length < sizeof sink->partial)
			sink->partial[sink->partial_length++] = bytes[i];
		if ((end || sink->partial_length == sizeof sink->partial) && !sink->failed) {
			lua_pushvalue(sink->L, sink->function);                        /* fn */
			lua_pushlstring(sink->L, sink->partial, sink->partial_length); /* fn line */
			sink->failed = lua_pcall(sink->L, 1, 0, 0) != LUA_OK; /* [message] */
		}
		if (end || sink->partial_length == sizeof sink->partial)
			sink->partial_length = 0;
	}
}

/* h:supervise(on_line[, on_tick]) -> as wait: runs until the child exits,
 * passing each line it writes to on_line, calling on_tick() about every
 * 100 ms, and forwarding SIGINT, SIGTERM and SIGHUP. */
static int child_supervise(lua_State *L)
{
	struct acrn_child *child = check_child(L);
	luaL_checktype(L, 2, LUA_TFUNCTION);
	bool ticks = !lua_isnoneornil(L, 3);
	if (ticks)
		luaL_checktype(L, 3, LUA_TFUNCTION);
	lua_settop(L, 3);
	struct line_sink sink = {.L = L, .function = 2};
	static const int forwarded[] = {SIGINT, SIGTERM, SIGHUP};
	struct sigaction action = {.sa_handler = on_forwarded}, old[3];
	sigemptyset(&action.sa_mask);
	forward_signal = 0;
	for (int i = 0; i < 3; i++)
		sigaction(forwarded[i], &action, &old[i]);
	int rc;
	while ((rc = acrn_child_wait(child, 100, on_output, &sink)) == -ETIMEDOUT) {
		if (forward_signal) {
			acrn_child_signal(child, forward_signal);
			forward_signal = 0;
		}
		if (ticks && !sink.failed) {
			lua_pushvalue(L, 3);                           /* on_tick */
			sink.failed = lua_pcall(L, 0, 0, 0) != LUA_OK; /* [message] */
		}
	}
	for (int i = 0; i < 3; i++)
		sigaction(forwarded[i], &old[i], NULL);
	if (sink.partial_length)
		on_output(&sink, "\n", 1);
	if (sink.failed)
		return lua_error(L); /* the line or tick function's own error */
	if (rc < 0)
		return luaL_error(L, "supervise: %s", strerror(-rc));
	release_lock(L, 1);
	return push_status(L, child->status);
}

/* ---------------------------------------------------------------------------
 * Locks
 */

/* core.lock(directory, name) -> a lock, or nil, message, errno (EBUSY when
 * a VM of that name runs). */
static int core_lock(lua_State *L)
{
	const char *directory = luaL_checkstring(L, 1);
	const char *name = luaL_checkstring(L, 2);
	struct acrn_error error;
	struct lock *lock = lua_newuserdatauv(L, sizeof *lock, 0); /* … lock */
	lock->fd = -1;
	luaL_setmetatable(L, LOCK_KEY);
	int rc = acrn_lock_take(directory, name, &lock->fd, &error);
	if (rc < 0) {
		return push_error(L, rc, &error);
	}
	snprintf(lock->path, sizeof lock->path, "%s/%s.lock", directory, name);
	return 1;
}

static struct lock *check_lock(lua_State *L)
{
	struct lock *lock = luaL_checkudata(L, 1, LOCK_KEY);
	luaL_argcheck(L, lock->fd >= 0, 1, "lock is released");
	return lock;
}

/* lock:write(text) -> true, or nil, message. */
static int lock_write(lua_State *L)
{
	struct lock *lock = check_lock(L);
	size_t length;
	const char *text = luaL_checklstring(L, 2, &length);
	int rc = acrn_lock_write(lock->fd, text, length);
	if (rc < 0) {
		lua_pushnil(L);
		lua_pushfstring(L, "cannot write %s: %s", lock->path, strerror(-rc));
		return 2;
	}
	lua_pushboolean(L, 1);
	return 1;
}

/* lock:release(): removes the file and lets go of the lock. */
static int lock_release(lua_State *L)
{
	struct lock *lock = luaL_checkudata(L, 1, LOCK_KEY);
	if (lock->fd >= 0) {
		unlink(lock->path);
		close(lock->fd);
		lock->fd = -1;
	}
	return 0;
}

/* __gc: lets go of the lock but leaves the file (a child may hold it). */
static int lock_gc(lua_State *L)
{
	struct lock *lock = luaL_checkudata(L, 1, LOCK_KEY);
	if (lock->fd >= 0)
		close(lock->fd);
	lock->fd = -1;
	return 0;
}

/* lock:path() -> the lock file. */
static int lock_path(lua_State *L)
{
	lua_pushstring(L, check_lock(L)->path);
	return 1;
}

/* lock:keep_on_exec(): the lock stays held by the program exec'd next. */
static int lock_keep_on_exec(lua_State *L)
{
	struct lock *lock = check_lock(L);
	int flags = fcntl(lock->fd, F_GETFD);
	if (flags >= 0)
		fcntl(lock->fd, F_SETFD, flags & ~FD_CLOEXEC);
	return 0;
}

/* core.lock_held(path) -> true, false, or nil, message. */
static int core_lock_held(lua_State *L)
{
	int rc = acrn_lock_held(luaL_checkstring(L, 1));
	if (rc < 0) {
		lua_pushnil(L);
		lua_pushstring(L, strerror(-rc));
		return 2;
	}
	lua_pushboolean(L, rc);
	return 1;
}

/* core.lock_clean(path) -> true when a stale lock file was removed. */
static int core_lock_clean(lua_State *L)
{
	lua_pushboolean(L, acrn_lock_clean(luaL_checkstring(L, 1)) == 1);
	return 1;
}

/* ---------------------------------------------------------------------------
 * Processes and consoles
 */

/* core.signal(pid, signal) -> true, or nil, message, errno. */
static int core_signal(lua_State *L)
{
	lua_Integer pid = luaL_checkinteger(L, 1);
	luaL_argcheck(L, pid > 1, 1, "not a process to signal");
	if (kill((pid_t)pid, (int)luaL_checkinteger(L, 2)) < 0) {
		lua_pushnil(L);
		lua_pushstring(L, strerror(errno));
		lua_pushinteger(L, errno);
		return 3;
	}
	lua_pushboolean(L, 1);
	return 1;
}

/* core.sleep(seconds) */
static int core_sleep(lua_State *L)
{
	lua_Number seconds = luaL_checknumber(L, 1);
	struct timespec wait = {.tv_sec = (time_t)seconds,
				.tv_nsec = (long)((seconds - (time_t)seconds) * 1e9)};
	while (nanosleep(&wait, &wait) < 0 && errno == EINTR)
		;
	return 0;
}

/* core.console(path, is_socket[, escape byte]) -> true, or nil, message. */
static int core_console(lua_State *L)
{
	struct acrn_error error;
	const char *path = luaL_checkstring(L, 1);
	bool socket = lua_toboolean(L, 2);
	int escape = (int)luaL_optinteger(L, 3, 0x1d); /* Ctrl-] */
	if (acrn_console_attach(path, socket, (unsigned char)escape, &error) < 0) {
		lua_pushnil(L);
		lua_pushstring(L, error.message);
		return 2;
	}
	lua_pushboolean(L, 1);
	return 1;
}

/* core.console_held(pid, path, is_socket) -> true, or nil, message: is
 * the console one the VM's acrn-dm (pid, or a process it started) holds? */
static int core_console_held(lua_State *L)
{
	struct acrn_error error;
	if (acrn_console_held((pid_t)luaL_checkinteger(L, 1), luaL_checkstring(L, 2),
			      lua_toboolean(L, 3), &error) < 0) {
		lua_pushnil(L);
		lua_pushstring(L, error.message);
		return 2;
	}
	lua_pushboolean(L, 1);
	return 1;
}

/* core.pty_paths(root, pid) -> list of /dev/pts/N the process holds. */
static int core_pty_paths(lua_State *L)
{
	char buffer[1024];
	const char *root = luaL_optstring(L, 1, "/");
	int found = acrn_pty_paths(root, (pid_t)luaL_checkinteger(L, 2), buffer, sizeof buffer);
	lua_newtable(L); /* list */
	for (char *line = found > 0 ? strtok(buffer, "\n") : NULL; line;
	     line = strtok(NULL, "\n")) {
		lua_pushstring(L, line);
		lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
	}
	return 1;
}

/* core.list_dir(path) -> sorted names of the entries (no . and ..), or
 * nil, message. */
static int core_list_dir(lua_State *L)
{
	const char *path = luaL_checkstring(L, 1);
	struct dirent **entries;
	int count = scandir(path, &entries, NULL, alphasort);
	if (count < 0) {
		lua_pushnil(L);
		lua_pushfstring(L, "cannot read %s: %s", path, strerror(errno));
		return 2;
	}
	lua_createtable(L, count, 0); /* list */
	for (int i = 0, at = 1; i < count; i++) {
		if (strcmp(entries[i]->d_name, ".") != 0 && strcmp(entries[i]->d_name, "..") != 0) {
			lua_pushstring(L, entries[i]->d_name);
			lua_rawseti(L, -2, at++);
		}
		free(entries[i]);
	}
	free(entries);
	return 1;
}

/* core.pid() -> this process's pid. */
static int core_pid(lua_State *L)
{
	lua_pushinteger(L, getpid());
	return 1;
}

static const luaL_Reg child_methods[] = {
	{"wait", child_wait},   {"stop", child_stop},
	{"kill", child_kill},   {"stderr", child_stderr},
	{"close", child_close}, {"supervise", child_supervise},
	{NULL, NULL},
};

static const luaL_Reg lock_methods[] = {
	{"write", lock_write}, {"release", lock_release},
	{"path", lock_path},   {"keep_on_exec", lock_keep_on_exec},
	{NULL, NULL},
};

static const luaL_Reg process_functions[] = {
	{"spawn", core_spawn},         {"lock", core_lock},
	{"lock_held", core_lock_held}, {"lock_clean", core_lock_clean},
	{"signal", core_signal},       {"sleep", core_sleep},
	{"console", core_console},     {"console_held", core_console_held},
	{"pty_paths", core_pty_paths}, {"pid", core_pid},
	{"list_dir", core_list_dir},   {NULL, NULL},
};

void process_open(lua_State *L)
{
	luaL_newmetatable(L, CHILD_KEY); /* core mt */
	luaL_newlib(L, child_methods);   /* core mt methods */
	lua_setfield(L, -2, "methods");  /* core mt */
	lua_pushcfunction(L, child_index);
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, child_close);
	lua_setfield(L, -2, "__gc");
	lua_pushcfunction(L, child_close);
	lua_setfield(L, -2, "__close");
	lua_pop(L, 1); /* core */

	luaL_newmetatable(L, LOCK_KEY); /* core mt */
	luaL_newlib(L, lock_methods);   /* core mt methods */
	lua_setfield(L, -2, "__index"); /* core mt */
	lua_pushcfunction(L, lock_gc);
	lua_setfield(L, -2, "__gc");
	lua_pop(L, 1); /* core */

	luaL_setfuncs(L, process_functions, 0); /* core */

	/* the numbers Lua compares with: errno values and signals */
	static const struct {
		const char *name;
		int number;
	} errnos[] = {{"ENOENT", ENOENT}, {"ESRCH", ESRCH},     {"EBUSY", EBUSY},
		      {"EACCES", EACCES}, {"ENOEXEC", ENOEXEC}, {"EPERM", EPERM}},
	  signals[] = {{"SIGINT", SIGINT},   {"SIGTERM", SIGTERM}, {"SIGHUP", SIGHUP},
		       {"SIGKILL", SIGKILL}, {"SIGQUIT", SIGQUIT}, {"SIGSEGV", SIGSEGV},
		       {"SIGXCPU", SIGXCPU}, {"SIGSYS", SIGSYS}};
	lua_createtable(L, 0, sizeof errnos / sizeof errnos[0]); /* core errno */
	for (size_t i = 0; i < sizeof errnos / sizeof errnos[0]; i++) {
		lua_pushinteger(L, errnos[i].number);
		lua_setfield(L, -2, errnos[i].name);
	}
	lua_setfield(L, -2, "errno");                              /* core */
	lua_createtable(L, 0, sizeof signals / sizeof signals[0]); /* core signals */
	for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
		lua_pushinteger(L, signals[i].number);
		lua_setfield(L, -2, signals[i].name);
	}
	lua_setfield(L, -2, "signals"); /* core */
}
