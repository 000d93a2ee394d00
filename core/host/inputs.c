/* SPDX-License-Identifier: Apache-2.0 */
/* The host facts about input devices: each /dev/input/eventN with the name
 * and physical path the kernel gives it in /sys/class/input/eventN/device
 * (under a root, so tests give a tree of their own).  Event numbers change
 * between boots; a name and a physical path do not. */
#include "host.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first line of ROOT/sys/class/input/eventN/device/WHAT (at most 255
 * bytes), appended to the pool at `*used`, into `*text`: 0; -E2BIG when the
 * pool is full; another negative errno when the file cannot be read. */
static int read_attribute(const char *root, unsigned event, const char *what, char *pool,
			  size_t size, size_t *used, const char **text)
{
	char path[ACRN_PATH_MAX], line[256];
	*text = NULL;
	snprintf(path, sizeof path, "%s/sys/class/input/event%u/device/%s", root, event, what);
	FILE *file = fopen(path, "re");
	if (!file)
		return -errno;
	bool read = fgets(line, sizeof line, file) != NULL;
	fclose(file);
	if (!read)
		return -ENODATA;
	size_t length = strcspn(line, "\n");
	if (size - *used < length + 1)
		return -E2BIG;
	char *copy = pool + *used;
	memcpy(copy, line, length);
	copy[length] = '\0';
	*used += length + 1;
	*text = copy;
	return 0;
}

int acrn_inputs_read(const char *root, struct acrn_input *inputs, size_t max, size_t *count,
		     char *pool, size_t size)
{
	char path[ACRN_PATH_MAX];
	const char *base = root && strcmp(root, "/") != 0 ? root : "";
	size_t used = 0;
	*count = 0;
	snprintf(path, sizeof path, "%s/sys/class/input", base);
	DIR *dir = opendir(path);
	if (!dir)
		return -errno;
	struct dirent *entry;
	int rc = 0;
	while (rc == 0 && (entry = readdir(dir))) {
		unsigned event;
		char rest;
		if (sscanf(entry->d_name, "event%u%c", &event, &rest) != 1)
			continue;
		if (*count == max) {
			rc = -E2BIG;
			break;
		}
		const char *name = NULL, *phys = NULL;
		rc = read_attribute(base, event, "name", pool, size, &used, &name);
		if (rc == 0)
			rc = read_attribute(base, event, "phys", pool, size, &used, &phys);
		if (rc == -E2BIG)
			break;
		/* gone since the listing, or without a name: no candidate; without
		 * a phys: one that no phys matches */
		if (name)
			inputs[(*count)++] = (struct acrn_input){event, name, phys};
		rc = 0;
	}
	closedir(dir);
	return rc;
}
