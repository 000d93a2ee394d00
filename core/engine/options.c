/* SPDX-License-Identifier: Apache-2.0 */
/*
 * acrn-dm's global options (acrn-dm.md, "Global options"), as data, in the
 * order they are rendered; a rule or text function only where an option's
 * grammar needs one.
 */
#include "internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Field indexes of the options whose rules look at several fields. */
enum { OVMF_PATH, OVMF_CODE, OVMF_VARS, OVMF_WRITABLE };
enum { CPUS_CPUS, CPUS_LAPIC_IDS, CPUS_OFFLINE };
enum { SSRAM_CACHE, SSRAM_VCPUS, SSRAM_ALL, SSRAM_SIZE };
enum { ACPIDEV_HID, ACPIDEV_UID };
enum { MMIODEV_BASE, MMIODEV_SIZE };

/* The table, laid out at the end of the file. */
static const struct acrn_option options[OPTION_COUNT];

/* ---- rules and texts of global options --------------------------------------- */

/* sock_path=PATH */
static int vtpm2_text(const struct acrn_context *context, const struct acrn_field *field,
		      const struct acrn_value *value, char *buffer, size_t size)
{
	(void)context;
	(void)field;
	int n = snprintf(buffer, size, "sock_path=%s", value->text);
	return n >= 0 && (size_t)n < size ? 0 : -ENOSPC;
}

static int vtpm2_scan(const struct acrn_scan *scan, const struct acrn_field *field,
		      const char *text, size_t length, struct acrn_value *value)
{
	(void)field;
	*value = (struct acrn_value){.set = true};
	if (length <= 10 || strncmp(text, "sock_path=", 10) != 0)
		return acrn_scan_fail(scan, -ENOENT, "%.*s is not sock_path=PATH", (int)length,
				      text);
	value->length = length - 10;
	value->text = acrn_arena_copy(scan->arena, text + 10, value->length);
	return value->text ? 0 : -ENOMEM;
}

static int ovmf_rule(const struct acrn_context *context, const struct acrn_field *field,
		     const struct acrn_value *value)
{
	const struct acrn_value *items = value->items;
	bool split = items[OVMF_CODE].set || items[OVMF_VARS].set;
	if (items[OVMF_PATH].set == split ||
	    (split && !(items[OVMF_CODE].set && items[OVMF_VARS].set)))
		return acrn_fail(context->error, 0,
				 "%s%s%s: give either path, or both code and vars", context->owner,
				 acrn_sep(context->owner), field->name);
	return 0;
}

/* [w,]PATH or [w,]code=PATH,vars=PATH */
static int ovmf_text(const struct acrn_context *context, const struct acrn_field *field,
		     const struct acrn_value *value, char *buffer, size_t size)
{
	(void)context;
	(void)field;
	const struct acrn_value *items = value->items;
	int n;
	const char *w = items[OVMF_WRITABLE].flag ? "w," : "";
	if (items[OVMF_PATH].set)
		n = snprintf(buffer, size, "%s%s", w, items[OVMF_PATH].text);
	else
		n = snprintf(buffer, size, "%scode=%s,vars=%s", w, items[OVMF_CODE].text,
			     items[OVMF_VARS].text);
	return n >= 0 && (size_t)n < size ? 0 : -ENOSPC;
}

/* The inverse: "w" anywhere, code= and vars=, else the one image. */
static int ovmf_scan(const struct acrn_scan *scan, const struct acrn_field *field, const char *text,
		     size_t length, struct acrn_value *value)
{
	const struct acrn_record *record = field->record;
	struct acrn_value *items = acrn_scan_values(scan, record->count);
	if (!items)
		return -ENOMEM;
	*value = (struct acrn_value){.set = true, .items = items, .count = 1};
	for (size_t at = 0; at < length;) {
		size_t size = 0;
		while (at + size < length && text[at + size] != ',')
			size++;
		const char *piece = text + at;
		bool code = size > 5 && strncmp(piece, "code=", 5) == 0;
		bool vars = size > 5 && strncmp(piece, "vars=", 5) == 0;
		int f = OVMF_PATH, rc = 0;
		if (size == 1 && piece[0] == 'w')
			f = OVMF_WRITABLE;
		else if (code || vars)
			f = code ? OVMF_CODE : OVMF_VARS;
		if (items[f].set)
			return acrn_scan_fail(scan, -ENOENT, "%s is given twice",
					      record->fields[f].name);
		if (f == OVMF_WRITABLE)
			items[f] = (struct acrn_value){.set = true, .flag = true};
		else
			rc = acrn_scan_value(scan, &record->fields[f],
					     piece + (code || vars ? 5 : 0),
					     size - (code || vars ? 5 : 0), &items[f]);
		if (rc < 0)
			return rc;
		at += size + 1;
	}
	return 0;
}

static int cpu_affinity_rule(const struct acrn_context *context, const struct acrn_field *field,
			     const struct acrn_value *value)
{
	const struct acrn_value *items = value->items;
	const char *option = field->name;
	const struct acrn_value *list = items[CPUS_CPUS].set ? &items[CPUS_CPUS]
							     : &items[CPUS_LAPIC_IDS];
	const char *name = items[CPUS_CPUS].set ? "cpus" : "lapic_ids";
	if (items[CPUS_CPUS].set == items[CPUS_LAPIC_IDS].set)
		return acrn_fail(context->error, 0, "%s: give either cpus or lapic_ids", option);
	if (items[CPUS_LAPIC_IDS].set && context->vm->target->release < R(3, 0))
		return acrn_fail(context->error, 0,
				 "%s: lapic_ids are for ACRN 3.0 and later; ACRN %s takes CPU "
				 "numbers: use cpus",
				 option, context->vm->target->name);
	for (size_t i = 0; i < list->count; i++)
		for (size_t j = 0; j < i; j++)
			if (list->items[i].number == list->items[j].number)
				return acrn_fail(context->error, 0, "%s: %s lists %lld twice",
						 option, name, list->items[i].number);
	return 0;
}

/* 2.x: CPU numbers as given; 3.x: LAPIC ids, cpus mapped through the host
 * facts (the Service VM's CPU numbers to their LAPIC ids). */
static int cpu_affinity_text(const struct acrn_context *context, const struct acrn_field *field,
			     const struct acrn_value *value, char *buffer, size_t size)
{
	(void)field;
	const struct acrn_value *items = value->items;
	const struct acrn_host_facts *facts = context->vm->facts;
	bool map = items[CPUS_CPUS].set && context->vm->target->release >= R(3, 0);
	const struct acrn_value *list = items[CPUS_CPUS].set ? &items[CPUS_CPUS]
							     : &items[CPUS_LAPIC_IDS];
	size_t at = 0;
	int rc = 0;
	buffer[0] = '\0';
	for (size_t i = 0; i < list->count && rc == 0; i++) {
		unsigned id = (unsigned)list->items[i].number;
		if (map && acrn_cpu_lapic_id(facts, id, &id) < 0)
			return acrn_fail(context->error, 0,
					 "cpu_affinity: ACRN %s wants LAPIC ids, and CPU %lld is not "
					 "in %s: give lapic_ids, or CPUs the host lists",
					 context->vm->target->name, list->items[i].number,
					 facts && facts->source ? facts->source : "the host facts");
		rc = acrn_appendf(buffer, size, &at, "%s%u", i ? "," : "", id);
	}
	return rc;
}

/* The inverse: LAPIC ids from 3.0, CPU numbers before (where acrn-dm also
 * reads ranges A-B, written back as their CPUs). */
static int cpu_affinity_scan(const struct acrn_scan *scan, const struct acrn_field *field,
			     const char *text, size_t length, struct acrn_value *value)
{
	const struct acrn_record *record = field->record;
	bool lapic = scan->target->release >= R(3, 0);
	size_t count = 0;
	long long ids[1024];
	for (size_t at = 0; at < length;) {
		size_t size = 0;
		while (at + size < length && text[at + size] != ',')
			size++;
		const char *dash = lapic ? NULL : memchr(text + at, '-', size);
		long long first, last;
		bool read = dash ? acrn_scan_number(text + at, (size_t)(dash - text - at), false,
						    &first) &&
					    acrn_scan_number(dash + 1,
							     size - (size_t)(dash - text - at) - 1,
							     false, &last)
				 : acrn_scan_number(text + at, size, false, &first);
		if (!dash)
			last = first;
		if (!read || last < first || last > 1023 || count + (size_t)(last - first) >= 1024)
			return acrn_scan_fail(scan, -ENOENT, "%.*s is not a CPU list like 1,2%s",
					      (int)length, text, lapic ? "" : " or 1-3");
		for (long long id = first; id <= last; id++)
			ids[count++] = id;
		at += size + 1;
	}
	struct acrn_value *items = acrn_scan_values(scan, record->count);
	struct acrn_value *list = acrn_scan_values(scan, count);
	if (!items || !list)
		return -ENOMEM;
	for (size_t i = 0; i < count; i++)
		list[i] = (struct acrn_value){.set = true, .number = ids[i]};
	items[lapic ? CPUS_LAPIC_IDS : CPUS_CPUS] =
		(struct acrn_value){.set = true, .items = list, .count = count};
	*value = (struct acrn_value){.set = true, .items = items, .count = 1};
	return 0;
}

/* The kernel command line: a bzImage guest gets only its first 1024 bytes. */
static int bootargs_rule(const struct acrn_context *context, const struct acrn_field *field,
			 const struct acrn_value *value)
{
	if (value->length < 1024 || !context->vm->options[OPTION_KERNEL].set || !context->warnings)
		return 0;
	if (acrn_strings_addf(context->warnings,
			      "%s is %zu bytes; acrn-dm gives a kernel only its first 1023",
			      field->name, value->length) < 0)
		return -ENOMEM;
	return 0;
}

static int lapic_pt_rule(const struct acrn_context *context, const struct acrn_field *field,
			 const struct acrn_value *value)
{
	(void)field;
	if (value->flag && context->vm->target->release >= R(3, 0) &&
	    !context->vm->options[OPTION_RTVM].flag && context->warnings &&
	    acrn_strings_addf(context->warnings,
			      "lapic_pt is ignored by acrn-dm %s unless rtvm = true",
			      context->vm->target->name) < 0)
		return -ENOMEM;
	return 0;
}

static int logger_rule(const struct acrn_context *context, const struct acrn_field *field,
		       const struct acrn_value *value)
{
	for (size_t i = 0; i < field->record->count; i++)
		if (value->items[i].set && value->items[i].number > 5 && context->warnings &&
		    acrn_strings_addf(context->warnings,
				      "logger: %s level %lld acts as 5 (debug), the highest",
				      field->record->fields[i].name, value->items[i].number) < 0)
			return -ENOMEM;
	return 0;
}

/* NAME,level=N;…, always the full form: "console" alone crashes 3.3 */
static int logger_text(const struct acrn_context *context, const struct acrn_field *field,
		       const struct acrn_value *value, char *buffer, size_t size)
{
	size_t at = 0;
	int rc = 0;
	buffer[0] = '\0';
	for (size_t i = 0; i < field->record->count && rc == 0; i++)
		if (value->items[i].set)
			rc = acrn_appendf(buffer, size, &at, "%s%s,level=%lld", at ? ";" : "",
					  field->record->fields[i].name, value->items[i].number);
	if (rc == 0 && at == 0)
		return acrn_fail(context->error, 0,
				 "logger: give a level for console, kmsg or disk");
	return rc;
}

/* The inverse: NAME,level=N;…  A name without ,level= crashes acrn-dm. */
static int logger_scan(const struct acrn_scan *scan, const struct acrn_field *field,
		       const char *text, size_t length, struct acrn_value *value)
{
	const struct acrn_record *record = field->record;
	struct acrn_value *items = acrn_scan_values(scan, record->count);
	if (!items)
		return -ENOMEM;
	*value = (struct acrn_value){.set = true, .items = items, .count = 1};
	for (size_t at = 0; at <= length;) {
		size_t size = 0;
		while (at + size < length && text[at + size] != ';')
			size++;
		const char *piece = text + at, *comma = memchr(piece, ',', size);
		if (!comma || strncmp(comma, ",level=", 7) != 0)
			return acrn_scan_fail(scan, -EINVAL,
					      "%.*s is not NAME,level=N (acrn-dm crashes on it)",
					      (int)size, piece);
		size_t name = (size_t)(comma - piece);
		int f = -1;
		for (size_t i = 0; i < record->count; i++)
			if (strlen(record->fields[i].name) == name &&
			    strncmp(record->fields[i].name, piece, name) == 0)
				f = (int)i;
		if (f < 0)
			return acrn_scan_fail(scan, -ENOENT,
					      "%.*s is not a logger the catalogue knows", (int)name,
					      piece);
		int rc = acrn_scan_value(scan, &record->fields[f], comma + 7, size - name - 7,
					 &items[f]);
		if (rc < 0)
			return rc;
		at += size + 1;
	}
	return 0;
}

static int ssram_rule(const struct acrn_context *context, const struct acrn_field *field,
		      const struct acrn_value *value)
{
	(void)field;
	bool regions = value->items != NULL;
	if (context->vm->target->release >= R(3, 0) && !regions)
		return acrn_fail(context->error, 0,
				 "ssram: ACRN %s needs the regions (a list of { cache = \"L2\"|\"L3\", "
				 "vcpus = {…}|\"all\", size = \"512K\" }); given bare it would "
				 "swallow the next option",
				 context->vm->target->name);
	if (context->vm->target->release < R(3, 0) && regions)
		return acrn_fail(context->error, 0,
				 "ssram: ACRN %s's --ssram takes no regions; give ssram = true",
				 context->vm->target->name);
	return 0;
}

/* L2|L3,vcpu=LIST|all,size=SIZE, ';'-joined; LIST is ','-joined vCPUs (acrn-dm
 * reads the numbers up to size=) */
static int ssram_region_text(const struct acrn_context *context, const struct acrn_record *record,
			     const struct acrn_value *region, char *buffer, size_t size, size_t *at)
{
	(void)context, (void)record;
	const struct acrn_value *vcpus = &region[SSRAM_VCPUS];
	int rc = acrn_appendf(buffer, size, at, "%s,vcpu=%s", region[SSRAM_CACHE].text,
			      region[SSRAM_ALL].flag ? "all" : "");
	for (size_t i = 0; vcpus->set && i < vcpus->count && rc == 0; i++)
		rc = acrn_appendf(buffer, size, at, "%s%lld", i ? "," : "", vcpus->items[i].number);
	return rc < 0 ? rc : acrn_appendf(buffer, size, at, ",size=%s", region[SSRAM_SIZE].text);
}

static int ssram_text(const struct acrn_context *context, const struct acrn_field *field,
		      const struct acrn_value *value, char *buffer, size_t size)
{
	return acrn_render_joined(context, field, value, ";", ssram_region_text, buffer, size);
}

/* The inverse: each region CACHE,vcpu=LIST|all,size=SIZE, ';'-joined; the
 * vCPUs run up to size=. */
static int ssram_region_scan(const struct acrn_scan *scan, const struct acrn_record *record,
			     struct acrn_value *region, const char *piece, size_t size)
{
	const char *end = piece + size;
	const char *vcpu = memchr(piece, ',', size);
	const char *sized = vcpu ? strstr(vcpu, ",size=") : NULL;
	if (!vcpu || strncmp(vcpu, ",vcpu=", 6) != 0 || !sized || sized >= end)
		return acrn_scan_fail(scan, -ENOENT, "%.*s is not CACHE,vcpu=LIST,size=SIZE",
				      (int)size, piece);
	int rc = acrn_scan_value(scan, &record->fields[SSRAM_CACHE], piece, (size_t)(vcpu - piece),
				 &region[SSRAM_CACHE]);
	const char *list = vcpu + 6;
	if (rc == 0 && sized - list == 3 && strncmp(list, "all", 3) == 0)
		region[SSRAM_ALL] = (struct acrn_value){.set = true, .flag = true};
	else if (rc == 0)
		rc = acrn_scan_value(scan, &record->fields[SSRAM_VCPUS], list,
				     (size_t)(sized - list), &region[SSRAM_VCPUS]);
	if (rc == 0)
		rc = acrn_scan_value(scan, &record->fields[SSRAM_SIZE], sized + 6,
				     (size_t)(end - sized - 6), &region[SSRAM_SIZE]);
	return rc;
}

static int ssram_scan(const struct acrn_scan *scan, const struct acrn_field *field,
		      const char *text, size_t length, struct acrn_value *value)
{
	return acrn_scan_split(scan, field, text, length, ';', ssram_region_scan, value);
}

static int ssram_region_rule(const struct acrn_context *context, const struct acrn_field *field,
			     const struct acrn_value *region)
{
	(void)field;
	if (region->items[SSRAM_VCPUS].set == region->items[SSRAM_ALL].flag)
		return acrn_fail(context->error, 0, "%s: give either vcpus or all = true",
				 context->owner);
	return 0;
}

static int vtpm2_rule(const struct acrn_context *context, const struct acrn_field *field,
		      const struct acrn_value *value)
{
	(void)field;
	(void)value;
	const struct acrn_value *pt = &context->vm->options[OPTION_ACPIDEV_PT];
	for (size_t i = 0; pt->set && i < pt->count; i++) {
		const struct acrn_value *hid = &acrn_record_items(&options[OPTION_ACPIDEV_PT].field,
								  pt, i)[ACPIDEV_HID];
		if (hid->set && hid->text && strcmp(hid->text, "MSFT0101") == 0)
			return acrn_fail(context->error, 0,
					 "vtpm2 cannot go with a passed-through TPM (acpidev_pt "
					 "MSFT0101)");
	}
	return 0;
}

/* The uart channel talks through --pm_by_vuart; without it acrn-dm aborts
 * when the VM starts (3.x ignores --pm_by_vuart: the choices say so). */
static int pm_notify_rule(const struct acrn_context *context, const struct acrn_field *field,
			  const struct acrn_value *value)
{
	if (strncmp(value->text, "uart", 4) != 0 || context->vm->options[OPTION_PM_BY_VUART].set)
		return 0;
	return acrn_refuse(context, field, value,
			   "needs pm_by_vuart (acrn-dm aborts without it when the VM starts)");
}

/* Up to 3.2, acrn-dm has two places for TPM and MMIO passthrough in all. */
static int passthrough_slots_rule(const struct acrn_context *context,
				  const struct acrn_field *field, const struct acrn_value *value)
{
	(void)field;
	(void)value;
	const struct acrn_vm *vm = context->vm;
	size_t used = vm->options[OPTION_ACPIDEV_PT].count + vm->options[OPTION_MMIODEV_PT].count;
	if (vm->target->release >= R(3, 3) || used <= 2)
		return 0;
	return acrn_fail(context->error, 0,
			 "acpidev_pt and mmiodev_pt pass %zu devices through; acrn-dm %s has room "
			 "for 2 in all",
			 used, vm->target->name);
}

/* sun_path holds 107 bytes and a NUL. */
static int socket_path_rule(const struct acrn_context *context, const struct acrn_field *field,
			    const struct acrn_value *value)
{
	if (value->length <= 107)
		return 0;
	return acrn_refuse(context, field, value,
			   "is longer than the 107 bytes a unix socket path may have");
}

static int raw_rule(const struct acrn_context *context, const struct acrn_field *field,
		    const struct acrn_value *value)
{
	(void)field;
	char line[ACRN_ERROR_MAX];
	size_t at = 0;
	for (size_t i = 0; i < value->count && at < sizeof line; i++)
		at += (size_t)snprintf(line + at, sizeof line - at, " %s", value->items[i].text);
	if (context->warnings &&
	    acrn_strings_addf(context->warnings, "raw arguments go to acrn-dm unchecked:%s", line) <
		    0)
		return -ENOMEM;
	return 0;
}

/* ---- global options, in the order they are rendered ---------------------------- */

/* The tables are laid out by hand, one entry a block: clang-format would
 * put every designated initializer on its own line. */
/* clang-format off */

static const struct acrn_field ovmf_fields[] = {
	[OVMF_PATH] = {.name = "path", .type = ACRN_TYPE_PATH, .host = ACRN_HOST_FILE,
		       .host_max_bytes = 2 << 20, .doc = "one image holding code and variables"},
	[OVMF_CODE] = {.name = "code", .type = ACRN_TYPE_PATH, .host = ACRN_HOST_FILE,
		       .host_max_bytes = (2 << 20) - (128 << 10), .releases = {.since = R(2, 3)},
		       .doc = "the code image"},
	[OVMF_VARS] = {.name = "vars", .type = ACRN_TYPE_PATH, .host = ACRN_HOST_FILE,
		       .host_max_bytes = 128 << 10, .releases = {.since = R(2, 3)},
		       .doc = "the variables image"},
	[OVMF_WRITABLE] = {.name = "writable", .type = ACRN_TYPE_BOOL,
			   .doc = "let the guest write its variables (w,)"},
};
static const struct acrn_record ovmf = RECORD(ovmf_fields);

static const struct acrn_field cpu_number_field = {.name = "cpu", .type = ACRN_TYPE_INTEGER,
						   .min = 0, .max = 1023};
static const struct acrn_field cpu_affinity_fields[] = {
	[CPUS_CPUS] = {.name = "cpus", .type = ACRN_TYPE_LIST, .element = &cpu_number_field,
		       .doc = "CPU numbers; mapped to LAPIC ids for 3.x through /proc/cpuinfo"},
	[CPUS_LAPIC_IDS] = {.name = "lapic_ids", .type = ACRN_TYPE_LIST,
			    .element = &cpu_number_field, .doc = "LAPIC ids, 3.x only"},
	[CPUS_OFFLINE] = {.name = "offline", .type = ACRN_TYPE_BOOL,
			  .doc = "take the CPUs from the Service VM before launch (default: when "
				 "rtvm)"},
};
static const struct acrn_record cpu_affinity = RECORD(cpu_affinity_fields);

static const struct acrn_field intr_monitor_fields[] = {
	{.name = "threshold", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_VALUE, .min = 0,
	 .max = 0x7fffffff, .required = true, .doc = "interrupts per second that count as a storm"},
	{.name = "probe_period", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_VALUE,
	 .min = 0, .max = 0x7fffffff, .required = true, .doc = "seconds between probes"},
	{.name = "delay_time", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_VALUE, .min = 0,
	 .max = 0x7fffffff, .required = true, .doc = "ms of delay before injecting"},
	{.name = "delay_duration", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_VALUE,
	 .min = 0, .max = 0x7fffffff, .required = true, .doc = "ms the delay lasts"},
};
static const struct acrn_record intr_monitor = RECORD(intr_monitor_fields);

static const struct acrn_field logger_fields[] = {
	{.name = "console", .type = ACRN_TYPE_INTEGER, .min = 1, .max = 255,
	 .doc = "level 1 (error) to 5 (debug); up to 255 acts as 5"},
	{.name = "kmsg", .type = ACRN_TYPE_INTEGER, .min = 1, .max = 255,
	 .doc = "level 1 (error) to 5 (debug); up to 255 acts as 5"},
	{.name = "disk", .type = ACRN_TYPE_INTEGER, .min = 1, .max = 255,
	 .doc = "level 1 (error) to 5 (debug); up to 255 acts as 5"},
};
static const struct acrn_record logger = RECORD(logger_fields);

static const struct acrn_choice ssram_caches[] = {{.name = "L2"}, {.name = "L3"}, {.name = NULL}};
static const struct acrn_field vcpu_field = {.name = "vcpu", .type = ACRN_TYPE_INTEGER,
					     .min = 0, .max = 255};
static const struct acrn_field ssram_region_fields[] = {
	[SSRAM_CACHE] = {.name = "cache", .type = ACRN_TYPE_CHOICE, .choices = ssram_caches,
			 .required = true, .doc = "L2 or L3"},
	[SSRAM_VCPUS] = {.name = "vcpus", .type = ACRN_TYPE_LIST, .element = &vcpu_field,
			 .doc = "list of vCPUs"},
	[SSRAM_ALL] = {.name = "all", .type = ACRN_TYPE_BOOL, .doc = "every vCPU, instead of vcpus"},
	[SSRAM_SIZE] = {.name = "size", .type = ACRN_TYPE_STRING, .required = true,
			.rule = acrn_size_rule, .doc = "\"512K\", \"2M\": whole 4K pages, at most 8M"},
};
static const struct acrn_record ssram_region = RECORD_RULE(ssram_region_fields, ssram_region_rule);

static const struct acrn_choice acpidev_types[] = {{.name = "memory"}, {.name = "io_port"}, {.name = "irq"}, {.name = NULL}};
#define FROM_33 {.since = R(3, 3)}
#define GPIO_33 "a GPIO controller, passed through from 3.3 on"
static const struct acrn_choice acpidev_hids[] = {
	{.name = "MSFT0101"},
	{.name = "PNP0501", .releases = FROM_33, .instead = "a UART, passed through from 3.3 on"},
	{.name = "INT34C5", .releases = FROM_33, .instead = GPIO_33},
	{.name = "INT34C6", .releases = FROM_33, .instead = GPIO_33},
	{.name = "INTC1055", .releases = FROM_33, .instead = GPIO_33},
	{.name = "INTC1056", .releases = FROM_33, .instead = GPIO_33},
	{.name = "INTC1057", .releases = FROM_33, .instead = GPIO_33},
	{.name = "INTC1020", .releases = FROM_33, .instead = GPIO_33},
	{.name = NULL},
};
static const struct acrn_field acpidev_fields[] = {
	[ACPIDEV_HID] = {.name = "hid", .type = ACRN_TYPE_CHOICE, .render = ACRN_RENDER_VALUE,
			 .required = true, .choices = acpidev_hids,
			 .doc = "MSFT0101 (TPM2); 3.3: PNP0501 (UART), INT34C5, INT34C6, INTC1055, "
				"INTC1056, INTC1057, INTC1020 (GPIO)"},
	[ACPIDEV_UID] = {.name = "uid", .type = ACRN_TYPE_STRING, .render = ACRN_RENDER_KEYED,
			 .releases = FROM_33, .rule = acrn_plain_name_rule,
			 .instead = "before 3.3 acrn-dm takes no UID (2.7-3.2 refuse HID,UID)",
			 .doc = "unique id (uid=)"},
	{.name = "type", .type = ACRN_TYPE_CHOICE, .render = ACRN_RENDER_KEYED,
	 .choices = acpidev_types, .releases = {.since = R(3, 3)},
	 .doc = "resource type: memory, io_port, irq"},
	{.name = "min", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_KEYED, .hex = true,
	 .min = 0, .max = 0x7fffffffffffffffLL, .releases = {.since = R(3, 3)},
	 .doc = "resource base"},
	{.name = "len", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_KEYED, .hex = true,
	 .min = 0, .max = 0x7fffffffffffffffLL, .releases = {.since = R(3, 3)},
	 .doc = "resource length"},
	{.name = "irq", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_KEYED, .min = 0,
	 .max = 255, .releases = {.since = R(3, 3)}, .doc = "interrupt"},
	{.name = "polarity", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_KEYED, .min = 0,
	 .max = 3, .releases = {.since = R(3, 3)}, .doc = "interrupt polarity"},
	{.name = "trigger_mode", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_KEYED,
	 .min = 0, .max = 3, .releases = {.since = R(3, 3)}, .doc = "interrupt trigger mode"},
	{.name = "dsdt", .type = ACRN_TYPE_PATH, .render = ACRN_RENDER_KEYED,
	 .host = ACRN_HOST_FILE, .releases = {.since = R(3, 3)}, .doc = "DSDT fragment"},
};
static const struct acrn_record acpidev = RECORD(acpidev_fields);

static const struct acrn_field mmiodev_fields[] = {
	{.name = "base", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_VALUE, .hex = true,
	 .min = 0, .max = 0x7fffffffffffffffLL, .required = true, .doc = "host physical base"},
	{.name = "size", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_VALUE, .hex = true,
	 .min = 1, .max = 0x7fffffffffffffffLL, .required = true, .doc = "size in bytes"},
};
static const struct acrn_record mmiodev = RECORD(mmiodev_fields);

static const struct acrn_field ioc_fields[] = {
	{.name = "path", .type = ACRN_TYPE_PATH, .render = ACRN_RENDER_VALUE, .required = true,
	 .doc = "the IOC mediator's pty, which acrn-dm makes"},
	{.name = "wakeup_reason", .type = ACRN_TYPE_INTEGER, .render = ACRN_RENDER_VALUE,
	 .hex = true, .min = 0, .max = 0xffffffffLL, .doc = "the wakeup reason it reports"},
};
static const struct acrn_record ioc = RECORD(ioc_fields);

static const struct acrn_field raw_item_field = {.name = "raw", .type = ACRN_TYPE_STRING};

#define NO_PM_VUART_3 "acrn-dm 3.x ignores pm_by_vuart, which this channel needs, and aborts"
static const struct acrn_choice pm_channels[] = {
	{.name = "ioc"},
	{.name = "power_button"},
	{.name = "uart", .releases = {.removed = R(3, 0)}, .instead = NO_PM_VUART_3},
	{.name = "uart,allow_trigger_s5", .releases = {.since = R(2, 5), .removed = R(3, 0)}, .instead = NO_PM_VUART_3},
	{.name = NULL},
};

#define OBSOLETE_3 {.ignored = R(3, 0)}
#define UP_TO_27 {.removed = R(3, 0)}

static const struct acrn_option options[OPTION_COUNT] = {
	[OPTION_UUID] = {{.name = "uuid", .key = "-U", .long_name = "uuid", .type = ACRN_TYPE_UUID, .releases = {.removed = R(2, 7)},
	  .doc = "the VM's UUID (identifies the VM up to 2.6)"},
	 ACRN_PLACE_FIRST, 0},
	[OPTION_ACPI] = {{.name = "acpi", .key = "-A", .long_name = "acpi", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG,
	  .releases = OBSOLETE_3, .doc = "build ACPI tables"},
	 ACRN_PLACE_FIRST, 0},
	[OPTION_MEMORY] = {{.name = "memory", .key = "-m", .long_name = "memsize", .type = ACRN_TYPE_MEMORY,
	  .doc = "guest memory: \"2048M\", \"2G\", or a number of MiB (acrn-dm: 256M)"},
	 ACRN_PLACE_FIRST, 0},
	[OPTION_VIRTIO_MSI] = {{.name = "virtio_msi", .key = "-W", .long_name = "virtio_msix", .renamed_key = "--virtio_msi",
	  .renamed_since = R(3, 0), .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG,
	  .doc = "no MSI-X: virtio devices get single-vector MSI (-W up to 2.7, --virtio_msi "
		 "from 3.0)"},
	 ACRN_PLACE_AFTER, 0},
	[OPTION_VIRTIO_MSIX] = {{.name = "virtio_msix", .key = "-W", .long_name = "virtio_msix", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG,
	  .releases = UP_TO_27, .doc = "-W (--virtio_msix) by its old name; virtio_msi works for "
				      "every release"},
	 ACRN_PLACE_AFTER, 0},
	[OPTION_OVMF] = {{.name = "ovmf", .key = "--ovmf", .type = ACRN_TYPE_RECORD, .record = &ovmf,
	  .shorthand = "path", .rule = ovmf_rule, .text = ovmf_text, .scan = ovmf_scan,
	  .doc = "UEFI firmware: a path, or { code, vars, writable }"},
	 ACRN_PLACE_AFTER, 0},
	[OPTION_CPU_AFFINITY] = {{.name = "cpu_affinity", .key = "--cpu_affinity", .type = ACRN_TYPE_RECORD,
	  .record = &cpu_affinity, .releases = {.since = ACRN_PATCH(1, 6, 1)}, .rule = cpu_affinity_rule,
	  .effect = ACRN_EFFECT_OFFLINE_CPUS, .effect_switch = "offline",
	  .effect_default = ACRN_SWITCH_RTVM, .text = cpu_affinity_text, .scan = cpu_affinity_scan,
	  .doc = "{ cpus = {…} } or { lapic_ids = {…} } (3.x)"},
	 ACRN_PLACE_AFTER, 0},
	[OPTION_RTVM] = {{.name = "rtvm", .key = "--rtvm", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG,
	  .doc = "a real-time VM (3.x: also LAPIC passthrough)"},
	 ACRN_PLACE_AFTER, 0},
	[OPTION_LAPIC_PT] = {{.name = "lapic_pt", .key = "--lapic_pt", .type = ACRN_TYPE_BOOL,
	  .render = ACRN_RENDER_FLAG, .rule = lapic_pt_rule,
	  .doc = "LAPIC passthrough (2.x: implies an RT VM; 3.x: only with rtvm)"},
	 ACRN_PLACE_AFTER, 0},
	[OPTION_VIRTIO_POLL] = {{.name = "virtio_poll", .key = "--virtio_poll", .type = ACRN_TYPE_INTEGER, .min = 1,
	  .max = 10000000, .doc = "poll virtio queues every N ns instead of notifying"},
	 ACRN_PLACE_AFTER, 0},
	[OPTION_INTR_MONITOR] = {{.name = "intr_monitor", .key = "--intr_monitor", .type = ACRN_TYPE_RECORD,
	  .record = &intr_monitor,
	  .doc = "interrupt storm monitor { threshold, probe_period, delay_time, delay_duration }"},
	 ACRN_PLACE_AFTER, 0},
	[OPTION_LOGGER] = {{.name = "logger", .key = "--logger_setting", .type = ACRN_TYPE_RECORD,
	  .record = &logger, .releases = {.since = R(1, 1)}, .rule = logger_rule,
	  .text = logger_text, .scan = logger_scan, .doc = "log levels { console = 4, kmsg = 3, disk = 5 }"},
	 ACRN_PLACE_AFTER, 0},
	[OPTION_WINDOWS] = {{.name = "windows", .key = "--windows", .type = ACRN_TYPE_BOOL,
	  .render = ACRN_RENDER_FLAG, .releases = {.since = R(1, 4)},
	  .doc = "a Windows guest"},
	 ACRN_PLACE_AFTER, 0},
	[OPTION_ENABLE_TRUSTY] = {{.name = "enable_trusty", .key = "--enable_trusty", .type = ACRN_TYPE_BOOL,
	  .render = ACRN_RENDER_FLAG, .doc = "Trusty secure world"},
	 ACRN_PLACE_AFTER, 0},
	[OPTION_DEBUGEXIT] = {{.name = "debugexit", .key = "--debugexit", .type = ACRN_TYPE_BOOL,
	  .render = ACRN_RENDER_FLAG, .doc = "guest writes to port 0xf4 exit acrn-dm"},
	 ACRN_PLACE_AFTER, 0},
	[OPTION_SSRAM] = {{.name = "ssram", .key = "--psram", .renamed_key = "--ssram", .renamed_since = R(2, 5),
	  .type = ACRN_TYPE_RECORDS, .record = &ssram_region, .flag_ok = true,
	  .releases = {.since = R(2, 2)}, .rule = ssram_rule, .text = ssram_text, .scan = ssram_scan,
	  .value_since = R(3, 0),
	  .doc = "software SRAM: true (2.2-2.7), or regions { cache, vcpus, size } (3.x)"},
	 ACRN_PLACE_AFTER, 0},
	[OPTION_PSRAM] = {{.name = "psram", .key = "--psram", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG,
	  .releases = {.since = R(2, 2), .removed = R(2, 5)},
	  .doc = "ssram's older name (2.2-2.4)"},
	 ACRN_PLACE_AFTER, 0},
	[OPTION_ACPIDEV_PT] = {{.name = "acpidev_pt", .key = "--apcidev_pt",
	  .renamed_key = "--acpidev_pt", .renamed_since = R(2, 3), .type = ACRN_TYPE_RECORDS,
	  .record = &acpidev, .repeat = true, .max_items = 8, .releases = {.since = R(2, 1)},
	  .rule = passthrough_slots_rule,
	  .doc = "ACPI devices passed through: list of { hid, uid, … } (--apcidev_pt in 2.1 "
		 "and 2.2)"},
	 ACRN_PLACE_AFTER, 0},
	[OPTION_MMIODEV_PT] = {{.name = "mmiodev_pt", .key = "--mmiodev_pt", .type = ACRN_TYPE_RECORDS,
	  .record = &mmiodev, .repeat = true, .max_items = 2, .releases = {.since = R(2, 5)},
	  .instead = "acrn-dm 2.1 to 2.4 refuse every --mmiodev_pt",
	  .rule = passthrough_slots_rule, .doc = "MMIO ranges passed through: list of { base, size }"},
	 ACRN_PLACE_AFTER, 0},
	[OPTION_VTPM2] = {{.name = "vtpm2", .key = "--vtpm2", .type = ACRN_TYPE_PATH, .rule = vtpm2_rule,
	  .text = vtpm2_text, .scan = vtpm2_scan,
	  .doc = "software TPM socket (rendered sock_path=PATH)"},
	 ACRN_PLACE_AFTER, 0},
	[OPTION_CMD_MONITOR] = {{.name = "cmd_monitor", .key = "--cmd_monitor", .type = ACRN_TYPE_PATH,
	  .releases = {.since = R(3, 0)}, .rule = socket_path_rule,
	  .doc = "command monitor socket"},
	 ACRN_PLACE_AFTER, 0},
	[OPTION_IASL] = {{.name = "iasl", .key = "--iasl", .type = ACRN_TYPE_PATH, .host = ACRN_HOST_FILE,
	  .releases = {.since = R(3, 1)}, .doc = "the iasl compiler (>= 20190703)"},
	 ACRN_PLACE_AFTER, 0},
	[OPTION_MAC_SEED] = {{.name = "mac_seed", .key = "--mac_seed", .type = ACRN_TYPE_STRING,
	  .rule = acrn_seed_rule, .releases = {.removed = R(3, 0)},
	  .doc = "seed for generated MACs, any text (ACRN's tools write MAC-NAME); from 3.0 "
		 "rendered into each virtio_net without a mac"},
	 ACRN_PLACE_AFTER, R(3, 0)},
	[OPTION_PM_NOTIFY_CHANNEL] = {{.name = "pm_notify_channel", .key = "--pm_notify_channel", .type = ACRN_TYPE_CHOICE,
	  .choices = pm_channels, .releases = {.since = R(1, 3)}, .rule = pm_notify_rule,
	  .doc = "how acrn-dm asks the guest to shut down (a graceful stop needs one); 3.x "
		 "prints \"obsolete\" but uses it"},
	 ACRN_PLACE_AFTER, 0},
	[OPTION_PM_BY_VUART] = {{.name = "pm_by_vuart", .key = "--pm_by_vuart", .type = ACRN_TYPE_STRING,
	  .releases = OBSOLETE_3, .rule = acrn_pm_by_vuart_rule,
	  .doc = "power management over a vUART: \"pty,PATH\" or \"tty,PATH\""},
	 ACRN_PLACE_AFTER, 0},
	[OPTION_MPTGEN] = {{.name = "mptgen", .key = "-Y", .long_name = "mptgen", .type = ACRN_TYPE_BOOL, .render = ACRN_RENDER_FLAG,
	  .releases = OBSOLETE_3, .doc = "turn MP table generation off (-Y)"},
	 ACRN_PLACE_AFTER, 0},
	[OPTION_IOC_NODE] = {{.name = "ioc_node", .key = "-i", .long_name = "ioc_node",
	  .type = ACRN_TYPE_RECORD, .record = &ioc, .shorthand = "path", .releases = OBSOLETE_3,
	  .doc = "IOC mediator: its pty, or { path, wakeup_reason } (rendered PATH,0xREASON)"},
	 ACRN_PLACE_AFTER, 0},
	[OPTION_VSBL] = {{.name = "vsbl", .key = "--vsbl", .type = ACRN_TYPE_PATH, .host = ACRN_HOST_FILE,
	  .releases = OBSOLETE_3, .doc = "virtual slim bootloader"},
	 ACRN_PLACE_AFTER, 0},
	[OPTION_PART_INFO] = {{.name = "part_info", .key = "--part_info", .type = ACRN_TYPE_PATH,
	  .releases = OBSOLETE_3, .doc = "partition info for vsbl"},
	 ACRN_PLACE_AFTER, 0},
	[OPTION_ELF] = {{.name = "elf", .key = "-E", .long_name = "elf_file", .type = ACRN_TYPE_PATH, .host = ACRN_HOST_FILE,
	  .doc = "an ELF image to boot"},
	 ACRN_PLACE_BOOT, 0},
	[OPTION_KERNEL] = {{.name = "kernel", .key = "-k", .long_name = "kernel", .type = ACRN_TYPE_PATH, .host = ACRN_HOST_FILE,
	  .doc = "kernel image"},
	 ACRN_PLACE_BOOT, 0},
	[OPTION_RAMDISK] = {{.name = "ramdisk", .key = "-r", .long_name = "ramdisk", .type = ACRN_TYPE_PATH, .host = ACRN_HOST_FILE,
	  .doc = "initial ramdisk"},
	 ACRN_PLACE_BOOT, 0},
	[OPTION_BOOTARGS] = {{.name = "bootargs", .key = "-B", .long_name = "bootargs", .type = ACRN_TYPE_BOOTARGS,
	  .rule = bootargs_rule, .doc = "kernel command line: a string or a list of parameters"},
	 ACRN_PLACE_BOOT, 0},
	[OPTION_RAW] = {{.name = "raw", .type = ACRN_TYPE_LIST, .element = &raw_item_field, .rule = raw_rule,
	  .doc = "extra arguments for what the catalogue lacks, passed last (with a warning)"},
	 ACRN_PLACE_LAST, 0},
};

/* clang-format on */

_Static_assert(sizeof options / sizeof options[0] == OPTION_COUNT, "one entry per option");
_Static_assert(OPTION_COUNT <= ACRN_OPTIONS_MAX, "ACRN_OPTIONS_MAX");

const struct acrn_option *acrn_options(size_t *count)
{
	*count = sizeof options / sizeof options[0];
	return options;
}

static const struct acrn_command_option command_options[] = {
	{"-s", "pci_slot", ACRN_COMMAND_DEVICE, true, "a PCI device: SLOT,EMULATION[,CONFIG]"},
	{"-l", "lpc", ACRN_COMMAND_LPC, true, "a UART of the LPC bridge: COMn[,BACKEND]"},
	{"-v", "version", ACRN_COMMAND_PRINTS, false, "prints its version"},
	{"-h", "help", ACRN_COMMAND_PRINTS, false, "prints its usage"},
};

const struct acrn_command_option *acrn_command_options(size_t *count)
{
	*count = sizeof command_options / sizeof command_options[0];
	return command_options;
}
