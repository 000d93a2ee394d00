/* SPDX-License-Identifier: Apache-2.0 */
/*
 * acrn.editline: line editing for the REPL, on libedit (BSD licence), plus
 * Ctrl-C handling: at the prompt it cancels the line, during an evaluation
 * it interrupts the Lua code and keeps the session.
 *
 *   local editline = require "acrn.editline"
 *   local ed = editline.new { history = PATH, complete = function(before) … end }
 *   ed:read(prompt) -> line | nil (end of input) | false (Ctrl-C)
 *   ed:add(line); ed:save()
 *   editline.guard(fn, …) -> what pcall(fn, …) returns; Ctrl-C raises
 *                            "interrupted" inside fn
 *   editline.isatty(fd) -> boolean
 *   editline.line_editing -> false without libedit (not built with it, or
 *                            not installed): then lines are read as typed,
 *                            without history or Tab; editline.missing says
 *                            which
 */
#include <errno.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>

#ifdef ACRN_HAVE_LIBEDIT
#include <histedit.h>
#endif

#define EDITOR_KEY "acrn.editline"
#define HISTORY_SIZE 1000

/* Set by the SIGINT handler; signal handlers can share nothing else. */
static volatile sig_atomic_t interrupted;

/* The state a running guard() interrupts (a hook needs the lua_State). */
static lua_State *guarded;

static void on_interrupt(int signal_number)
{
	(void)signal_number;
	interrupted = 1;
}

/* Installs on_interrupt for SIGINT without SA_RESTART, so that a blocked
 * read returns EINTR; returns the previous action in `old`. */
static void catch_interrupt(struct sigaction *old)
{
	struct sigaction action = {.sa_handler = on_interrupt};
	sigemptyset(&action.sa_mask);
	sigaction(SIGINT, &action, old);
}

/* An editor: on libedit when it could be opened (`el` set), else one that
 * reads lines as they are typed. */
struct editor {
	bool open;
#ifdef ACRN_HAVE_LIBEDIT
	EditLine *el;
	History *history;
	HistEvent event;
	lua_State *L;  /* valid while read() runs: for completion */
	int completer; /* registry reference of the complete function */
	char prompt[64];
	char *history_path; /* NULL: not saved */
#endif
};

static struct editor *check_editor(lua_State *L);
static struct editor *new_editor(lua_State *L);
static int plain_read(lua_State *L);

#ifdef ACRN_HAVE_LIBEDIT
/* libedit's functions, opened by its soname on the REPL's first editor: a
 * launch never loads libedit, nor what it pulls in (libtinfo, libbsd,
 * libmd), whose loading and relocation cost every start of acrn-launch. */
static struct {
	EditLine *(*el_init)(const char *, FILE *, FILE *, FILE *);
	void (*el_end)(EditLine *);
	void (*el_reset)(EditLine *);
	const char *(*el_gets)(EditLine *, int *);
	int (*el_get)(EditLine *, int, ...);
	int (*el_set)(EditLine *, int, ...);
	int (*el_wset)(EditLine *, int, ...);
	int (*el_source)(EditLine *, const char *);
	const LineInfo *(*el_line)(EditLine *);
	int (*el_insertstr)(EditLine *, const char *);
	History *(*history_init)(void);
	void (*history_end)(History *);
	int (*history)(History *, HistEvent *, int, ...);
} libedit;

/* Stores the address of `name` in the function pointer at `into`. */
static bool find_symbol(void *handle, const char *name, void *into)
{
	void *symbol = dlsym(handle, name);
	if (!symbol)
		return false;
	memcpy(into, &symbol, sizeof symbol);
	return true;
}

/* Opens libedit, once: true when it and every function it needs are there. */
static bool open_libedit(void)
{
	static int state; /* 0: not tried yet, 1: open, -1: not there */
	if (state)
		return state > 0;
	state = -1;
	void *handle = dlopen(ACRN_LIBEDIT_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!handle)
		return false;
#define FIND(name) find_symbol(handle, #name, &libedit.name)
	if (FIND(el_init) && FIND(el_end) && FIND(el_reset) && FIND(el_gets) && FIND(el_get) &&
	    FIND(el_set) && FIND(el_wset) && FIND(el_source) && FIND(el_line) &&
	    FIND(el_insertstr) && FIND(history_init) && FIND(history_end) && FIND(history))
		state = 1;
#undef FIND
	if (state < 0)
		dlclose(handle);
	return state > 0;
}
#endif

#ifdef ACRN_HAVE_LIBEDIT

static char *prompt_of(EditLine *el)
{
	struct editor *editor;
	libedit.el_get(el, EL_CLIENTDATA, &editor);
	return editor->prompt;
}

/* libedit's character source: a read that gives up when Ctrl-C arrived. */
static int read_char(EditLine *el, wchar_t *out)
{
	(void)el;
	unsigned char byte;
	for (;;) {
		if (interrupted)
			return -1;
		ssize_t n = read(STDIN_FILENO, &byte, 1);
		if (n == 1) {
			*out = byte;
			return 1;
		}
		if (n == 0)
			return 0;
		if (errno != EINTR)
			return -1;
	}
}

/* Tab: asks the Lua completer for candidates for the text before the
 * cursor; inserts their common prefix, or lists them. */
static unsigned char complete(EditLine *el, int ch)
{
	(void)ch;
	struct editor *editor;
	libedit.el_get(el, EL_CLIENTDATA, &editor);
	lua_State *L = editor->L;
	const LineInfo *line = libedit.el_line(el);
	if (!L || editor->completer == LUA_NOREF)
		return CC_ERROR;
	lua_rawgeti(L, LUA_REGISTRYINDEX, editor->completer);                    /* fn */
	lua_pushlstring(L, line->buffer, (size_t)(line->cursor - line->buffer)); /* fn before */
	if (lua_pcall(L, 1, 2, 0) != LUA_OK || !lua_istable(L, -2)) { /* list word_length */
		lua_pop(L, lua_istable(L, -2) ? 2 : 1);
		return CC_ERROR;
	}
	size_t word_length = (size_t)lua_tointeger(L, -1);
	lua_pop(L, 1); /* list */
	size_t count = lua_rawlen(L, -1);
	unsigned char result = CC_REFRESH;
	if (count == 0) {
		result = CC_REFRESH_BEEP;
	} else {
		/* the common prefix of every candidate */
		lua_rawgeti(L, -1, 1); /* list first */
		size_t common;
		const char *first = lua_tolstring(L, -1, &common);
		for (size_t i = 2; i <= count; i++) {
			lua_rawgeti(L, -2, (lua_Integer)i); /* list first other */
			const char *other = lua_tostring(L, -1);
			size_t k = 0;
			while (k < common && other && other[k] == first[k])
				k++;
			common = k;
			lua_pop(L, 1); /* list first */
		}
		if (common > word_length) {
			char *insert = strndup(first + word_length, common - word_length);
			if (insert)
				libedit.el_insertstr(el, insert);
			free(insert);
		} else if (count > 1) {
			fputc('\n', stdout);
			for (size_t i = 1; i <= count; i++) {
				lua_rawgeti(L, -2, (lua_Integer)i);
				fprintf(stdout, "%s%s", lua_tostring(L, -1),
					i < count ? "  " : "\n");
				lua_pop(L, 1);
			}
			fflush(stdout);
			result = CC_REDISPLAY;
		}
		lua_pop(L, 1); /* list */
	}
	lua_pop(L, 1); /* */
	return result;
}

/* Creates the directories above `path` (mode 0700), like mkdir -p. */
static void make_parents(const char *path)
{
	char *copy = strdup(path);
	for (char *slash = copy ? strchr(copy + 1, '/') : NULL; slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(copy, 0700);
		*slash = '/';
	}
	free(copy);
}

/* Opens the history file at `path` with `flags`, never through a link:
 * it must be a regular file of this user's without another hard link
 * (the REPL may run as root, in someone's state directory).  A
 * descriptor, or -1 with errno set. */
static int open_history(const char *path, int flags)
{
	int fd = open(path, flags | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK | O_CLOEXEC, 0600);
	struct stat st;
	if (fd < 0)
		return -1;
	int problem = fstat(fd, &st) < 0                           ? errno
		      : !S_ISREG(st.st_mode)                       ? EINVAL
		      : st.st_uid != geteuid() || st.st_nlink != 1 ? EPERM
								   : 0;
	if (problem) {
		close(fd);
		errno = problem;
		return -1;
	}
	return fd;
}

/* Loads the history file, when it is one to trust (open_history). */
static void load_history(struct editor *editor)
{
	char self[64];
	int fd = open_history(editor->history_path, O_RDONLY);
	if (fd < 0)
		return;
	/* libedit opens a name: the descriptor checked, by its /proc name */
	snprintf(self, sizeof self, "/proc/self/fd/%d", fd);
	libedit.history(editor->history, &editor->event, H_LOAD, self);
	close(fd);
}

/* Writes the history file, when it is one to trust: 0 or -1 with errno. */
static int save_history(struct editor *editor)
{
	int fd = open_history(editor->history_path, O_WRONLY | O_CREAT);
	if (fd < 0)
		return -1;
	FILE *file = ftruncate(fd, 0) == 0 ? fdopen(fd, "w") : NULL;
	if (!file) {
		int saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	int rc = libedit.history(editor->history, &editor->event, H_SAVE_FP, file) < 0 ? -1 : 0;
	int saved = errno;
	if (fclose(file) != 0 && rc == 0)
		return -1;
	errno = saved;
	return rc;
}

/* editline.new's work on libedit: the editor on top of the stack, with the
 * options table at 1. */
static void libedit_new(lua_State *L, struct editor *editor)
{
	editor->completer = LUA_NOREF;
	if (lua_getfield(L, 1, "complete") == LUA_TFUNCTION)        /* opts editor fn */
		editor->completer = luaL_ref(L, LUA_REGISTRYINDEX); /* opts editor */
	else
		lua_pop(L, 1);
	if (lua_getfield(L, 1, "history") == LUA_TSTRING) { /* opts editor path */
		editor->history_path = strdup(lua_tostring(L, -1));
		if (!editor->history_path)
			luaL_error(L, "out of memory");
	}
	lua_pop(L, 1); /* opts editor */

	editor->history = libedit.history_init();
	editor->el = libedit.el_init("acrn-launch", stdin, stdout, stderr);
	if (!editor->history || !editor->el)
		luaL_error(L, "cannot start line editing");
	libedit.history(editor->history, &editor->event, H_SETSIZE, HISTORY_SIZE);
	libedit.history(editor->history, &editor->event, H_SETUNIQUE, 1);
	if (editor->history_path) {
		make_parents(editor->history_path);
		load_history(editor);
	}
	libedit.el_set(editor->el, EL_CLIENTDATA, editor);
	libedit.el_set(editor->el, EL_PROMPT, prompt_of);
	libedit.el_set(editor->el, EL_EDITOR, "emacs");
	libedit.el_set(editor->el, EL_HIST, libedit.history, editor->history);
	libedit.el_wset(editor->el, EL_GETCFN, read_char);
	libedit.el_set(editor->el, EL_ADDFN, "acrn-complete", "complete", complete);
	libedit.el_set(editor->el, EL_BIND, "^I", "acrn-complete", NULL);
	libedit.el_source(editor->el, NULL); /* the user's ~/.editrc */
}

/* ed:read(prompt) on libedit. */
static int libedit_read(lua_State *L, struct editor *editor)
{
	const char *prompt = luaL_optstring(L, 2, "> ");
	struct sigaction old;
	int count = 0;
	snprintf(editor->prompt, sizeof editor->prompt, "%s", prompt);
	interrupted = 0;
	catch_interrupt(&old);
	editor->L = L;
	const char *line = libedit.el_gets(editor->el, &count);
	editor->L = NULL;
	sigaction(SIGINT, &old, NULL);
	if (interrupted) {
		interrupted = 0;
		libedit.el_reset(editor->el);
		fputc('\n', stdout);
		fflush(stdout);
		lua_pushboolean(L, 0);
		return 1;
	}
	if (!line || count <= 0) {
		lua_pushnil(L);
		return 1;
	}
	size_t length = strlen(line);
	while (length && (line[length - 1] == '\n' || line[length - 1] == '\r'))
		length--;
	lua_pushlstring(L, line, length);
	return 1;
}

/* Saves the history file of a libedit editor: true, or nil and a message. */
static int libedit_save(lua_State *L, struct editor *editor)
{
	if (editor->history_path && save_history(editor) < 0) {
		lua_pushnil(L);
		lua_pushfstring(L, "cannot save the history to %s: %s", editor->history_path,
				strerror(errno));
		return 2;
	}
	lua_pushboolean(L, 1);
	return 1;
}

/* Closes a libedit editor. */
static void libedit_close(lua_State *L, struct editor *editor)
{
	if (editor->el)
		libedit.el_end(editor->el);
	if (editor->history)
		libedit.history_end(editor->history);
	free(editor->history_path);
	luaL_unref(L, LUA_REGISTRYINDEX, editor->completer);
	editor->el = NULL;
	editor->history = NULL;
	editor->history_path = NULL;
	editor->completer = LUA_NOREF;
}

#endif

/* editline.new { history = PATH, complete = fn } -> an editor: on libedit
 * when it is there, else one that reads lines as they are typed. */
static int editor_new(lua_State *L)
{
	struct editor *editor = new_editor(L); /* opts editor */
#ifdef ACRN_HAVE_LIBEDIT
	if (open_libedit())
		libedit_new(L, editor);
#endif
	editor->open = true;
	return 1;
}

/* ed:read(prompt) -> the line without its newline; nil at the end of the
 * input (Ctrl-D); false when Ctrl-C cancelled it. */
static int editor_read(lua_State *L)
{
#ifdef ACRN_HAVE_LIBEDIT
	struct editor *editor = check_editor(L);
	if (editor->el)
		return libedit_read(L, editor);
#endif
	return plain_read(L);
}

/* Reads a line as it is typed (no libedit): as editor_read. */
static int plain_read(lua_State *L)
{
	check_editor(L);
	fputs(luaL_optstring(L, 2, "> "), stdout);
	fflush(stdout);
	struct sigaction old;
	luaL_Buffer line;
	luaL_buffinit(L, &line);
	interrupted = 0;
	catch_interrupt(&old);
	int result = 0; /* 1 a line, 0 the end, -1 interrupted */
	for (;;) {
		char byte;
		ssize_t n = read(STDIN_FILENO, &byte, 1);
		if (n == 1 && byte == '\n') {
			result = 1;
			break;
		}
		if (n == 1) {
			luaL_addchar(&line, byte);
			continue;
		}
		if (n < 0 && errno == EINTR && !interrupted)
			continue;
		result = interrupted ? -1 : luaL_bufflen(&line) > 0 ? 1 : 0;
		break;
	}
	sigaction(SIGINT, &old, NULL);
	luaL_pushresult(&line); /* line */
	if (result <= 0) {
		lua_pop(L, 1);
		if (result < 0) {
			fputc('\n', stdout);
			fflush(stdout);
			lua_pushboolean(L, 0);
		} else {
			lua_pushnil(L);
		}
	}
	interrupted = 0;
	return 1;
}

/* ed:add(line): remembers a line in the history. */
static int editor_add(lua_State *L)
{
	struct editor *editor = check_editor(L);
	const char *line = luaL_checkstring(L, 2);
#ifdef ACRN_HAVE_LIBEDIT
	if (editor->el && *line)
		libedit.history(editor->history, &editor->event, H_ENTER, line);
#else
	(void)editor;
	(void)line;
#endif
	return 0;
}

/* ed:save() -> true, or nil and a message: writes the history file. */
static int editor_save(lua_State *L)
{
	struct editor *editor = check_editor(L);
#ifdef ACRN_HAVE_LIBEDIT
	if (editor->el)
		return libedit_save(L, editor);
#else
	(void)editor;
#endif
	lua_pushboolean(L, 1);
	return 1;
}

static int editor_gc(lua_State *L)
{
	struct editor *editor = luaL_checkudata(L, 1, EDITOR_KEY);
#ifdef ACRN_HAVE_LIBEDIT
	libedit_close(L, editor);
#endif
	editor->open = false;
	return 0;
}

/* The editor at argument 1, open. */
static struct editor *check_editor(lua_State *L)
{
	struct editor *editor = luaL_checkudata(L, 1, EDITOR_KEY);
	luaL_argcheck(L, editor->open, 1, "editor is closed");
	return editor;
}

/* A zeroed editor for the options table at 1, pushed with its metatable. */
static struct editor *new_editor(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	struct editor *editor = lua_newuserdatauv(L, sizeof *editor, 0); /* opts editor */
	memset(editor, 0, sizeof *editor);
	luaL_setmetatable(L, EDITOR_KEY);
	return editor;
}

/* The hook guard() sets when Ctrl-C arrives: raises in the running code. */
static void stop_hook(lua_State *L, lua_Debug *ar)
{
	(void)ar;
	lua_sethook(L, NULL, 0, 0);
	luaL_error(L, "interrupted");
}

/* During guard(): Ctrl-C sets a hook that stops the Lua code at its next
 * instruction (the way lua.c does it). */
static void on_guarded_interrupt(int signal_number)
{
	(void)signal_number;
	interrupted = 1;
	if (guarded)
		lua_sethook(guarded, stop_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
}

/* editline.guard(fn, ...) -> what pcall(fn, ...) returns. */
static int editline_guard(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TFUNCTION);
	struct sigaction action = {.sa_handler = on_guarded_interrupt}, old;
	sigemptyset(&action.sa_mask);
	int arguments = lua_gettop(L) - 1;
	interrupted = 0;
	guarded = L;
	sigaction(SIGINT, &action, &old);
	int status = lua_pcall(L, arguments, LUA_MULTRET, 0); /* results… | message */
	sigaction(SIGINT, &old, NULL);
	guarded = NULL;
	lua_sethook(L, NULL, 0, 0);
	interrupted = 0;
	lua_pushboolean(L, status == LUA_OK); /* results… ok */
	lua_insert(L, 1);                     /* ok results… */
	return lua_gettop(L);
}

/* editline.isatty(fd) -> whether the descriptor is a terminal. */
static int editline_isatty(lua_State *L)
{
	lua_pushboolean(L, isatty((int)luaL_checkinteger(L, 1)));
	return 1;
}

static const luaL_Reg editor_methods[] = {
	{"read", editor_read},
	{"add", editor_add},
	{"save", editor_save},
	{NULL, NULL},
};

static const luaL_Reg editline_functions[] = {
	{"new", editor_new},
	{"guard", editline_guard},
	{"isatty", editline_isatty},
	{NULL, NULL},
};

int luaopen_acrn_editline(lua_State *L)
{
	luaL_newmetatable(L, EDITOR_KEY); /* mt */
	luaL_newlib(L, editor_methods);   /* mt methods */
	lua_setfield(L, -2, "__index");   /* mt */
	lua_pushcfunction(L, editor_gc);
	lua_setfield(L, -2, "__gc");
	lua_pop(L, 1); /* */
	luaL_newlib(L, editline_functions);
#ifdef ACRN_HAVE_LIBEDIT
	bool line_editing = open_libedit();
	const char *missing = line_editing ? NULL : ACRN_LIBEDIT_SONAME " cannot be opened";
#else
	bool line_editing = false;
	const char *missing = "this acrn-launch was built without libedit";
#endif
	lua_pushboolean(L, line_editing);
	lua_setfield(L, -2, "line_editing");
	if (missing) {
		lua_pushstring(L, missing);
		lua_setfield(L, -2, "missing");
	}
	return 1;
}
