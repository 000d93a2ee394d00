/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers shared by the engine's own files; not part of its API. */
#ifndef ACRN_ENGINE_INTERNAL_H
#define ACRN_ENGINE_INTERNAL_H

#include "engine.h"

#include <stdarg.h>

/* The text a set value renders to (a field's own `text` hook, else the
 * generic one: lists joined, records as their fields, memory "2048M")
 * into `buffer`.  0, -ENOSPC, or negative with context->error. */
int acrn_render_value(const struct acrn_context *context, const struct acrn_field *field,
		      const struct acrn_value *value, char *buffer, size_t size);

/* The catalogue's global options by index (options.c lays them out so):
 * rules and texts read a VM's options as vm->options[OPTION_…]. */
enum acrn_option_index {
	OPTION_UUID,
	OPTION_ACPI,
	OPTION_MEMORY,
	OPTION_VIRTIO_MSI,
	OPTION_VIRTIO_MSIX,
	OPTION_OVMF,
	OPTION_CPU_AFFINITY,
	OPTION_RTVM,
	OPTION_LAPIC_PT,
	OPTION_VIRTIO_POLL,
	OPTION_INTR_MONITOR,
	OPTION_LOGGER,
	OPTION_WINDOWS,
	OPTION_ENABLE_TRUSTY,
	OPTION_DEBUGEXIT,
	OPTION_SSRAM,
	OPTION_PSRAM,
	OPTION_VTPM2,
	OPTION_ACPIDEV_PT,
	OPTION_MMIODEV_PT,
	OPTION_CMD_MONITOR,
	OPTION_IASL,
	OPTION_MAC_SEED,
	OPTION_PM_NOTIFY_CHANNEL,
	OPTION_PM_BY_VUART,
	OPTION_MPTGEN,
	OPTION_IOC_NODE,
	OPTION_VSBL,
	OPTION_PART_INFO,
	OPTION_ELF,
	OPTION_KERNEL,
	OPTION_RAMDISK,
	OPTION_BOOTARGS,
	OPTION_RAW,
	OPTION_COUNT
};

/* The checks of a whole VM once every device is checked and placed
 * (vm_checks.c): 0, or negative with `error`; warnings go to the plan. */
int acrn_vm_check(const struct acrn_vm *vm, struct acrn_plan *plan, struct acrn_error *error);

/* The plan's steps, consoles and drives from the catalogue's effects
 * (effects.c): 0, -ENOMEM, or negative with `error`. */
int acrn_plan_effects(const struct acrn_vm *vm, struct acrn_plan *plan, struct acrn_error *error);

/* Appends to `buffer` at `*at` the pieces of `count` fields (BARE, KEYED,
 * FLAG, VALUE, KEY_VALUE), each after a ',' unless it is the first.
 * 0, -ENOSPC, or negative with context->error. */
int acrn_render_fields(const struct acrn_context *context, const struct acrn_field *fields,
		       size_t count, const struct acrn_value *values, char *buffer, size_t size,
		       size_t *at);
/* Appends one record (its `items`, one per field of `record`) to `buffer`
 * at `*at`: 0, -ENOSPC, or negative with context->error. */
typedef int acrn_piece_text(const struct acrn_context *context, const struct acrn_record *record,
			    const struct acrn_value *items, char *buffer, size_t size, size_t *at);
/* The text of a RECORDS `field`'s value: each record by `one`, with
 * `separator` between them. */
int acrn_render_joined(const struct acrn_context *context, const struct acrn_field *field,
		       const struct acrn_value *value, const char *separator, acrn_piece_text *one,
		       char *buffer, size_t size);


/* Reads `length` bytes of CONFIG `text`, ','-separated pieces, into the
 * values of `count` fields: the inverse of acrn_render_fields (a flag, a
 * key=value, a bare value in the fields' order, "key,value", a `rest`
 * field or a list that takes the rest).  Results as acrn_value_scan. */
int acrn_scan_fields(const struct acrn_scan *scan, const struct acrn_field *fields, size_t count,
		     struct acrn_value *values, const char *text, size_t length);
/* Reads one value of `field` from `length` bytes of `text`: its `scan`
 * hook, else the inverse of acrn_render_value by type. */
int acrn_scan_value(const struct acrn_scan *scan, const struct acrn_field *field, const char *text,
		    size_t length, struct acrn_value *value);
/* Fills scan->error with "OWNER: FORMAT…" and returns `code` (-ENOENT: the
 * catalogue does not know it; -EINVAL: acrn-dm refuses it). */
int acrn_scan_fail(const struct acrn_scan *scan, int code, const char *format, ...)
	__attribute__((format(printf, 3, 4)));
/* A number as acrn-dm writes it: decimal, or hex after 0x (`hex`: also
 * bare hex).  false when `length` bytes of `text` are not one. */
bool acrn_scan_number(const char *text, size_t length, bool hex, long long *number);
/* `count` values owned by the scan's arena, zeroed; NULL when out of
 * memory. */
struct acrn_value *acrn_scan_values(const struct acrn_scan *scan, size_t count);
/* Makes `value` a value of `count` records of `field` (a RECORDS field)
 * and returns their items, all unset; NULL when out of memory. */
struct acrn_value *acrn_scan_records(const struct acrn_scan *scan, const struct acrn_field *field,
				     size_t count, struct acrn_value *value);
/* Reads one record (its `items`, one per field of `record`) from `size`
 * bytes at `piece`: 0 or -errno through acrn_scan_fail. */
typedef int acrn_piece_scan(const struct acrn_scan *scan, const struct acrn_record *record,
			    struct acrn_value *items, const char *piece, size_t size);
/* The value of a RECORDS `field` whose records are the pieces of `text`
 * between `separator`s, each read by `one`. */
int acrn_scan_split(const struct acrn_scan *scan, const struct acrn_field *field, const char *text,
		    size_t length, char separator, acrn_piece_scan *one, struct acrn_value *value);

/* What vsnprintf writes, written by hand when `format` has no conversion
 * but "%s" (and "%%"), which is most formats here. */
int acrn_format(char *buffer, size_t size, const char *format, va_list args);

/* The decimal digits of `number` (with '-'); returns their length. */
size_t acrn_decimal_text(long long number, char buffer[24]);

/* Writes `texts` (up to a NULL) one after the other into `buffer`, cut
 * to fit and NUL-terminated (as snprintf with "%s%s…"); returns the length
 * of the whole text.  ACRN_CONCAT(buffer, size, "a", b, …) lists them. */
size_t acrn_concat(char *buffer, size_t size, const char *const texts[]);
#define ACRN_CONCAT(buffer, size, ...) \
	acrn_concat((buffer), (size), (const char *const[]){__VA_ARGS__, NULL})

/* Appends ",piece" (or "piece" at the start) to `buffer` at `*at`: "key",
 * "value" or "key=value" as given.  -ENOSPC when it does not fit. */
int acrn_append_piece(char *buffer, size_t size, size_t *at, const char *key, const char *value);

/* True when a set value asks for something (a false flag asks for nothing). */
bool acrn_value_used(const struct acrn_field *field, const struct acrn_value *value);

/* Checks `releases` against `target` for the thing called `what`: an error
 * when the target lacks it (followed by `instead`, what to do, unless NULL),
 * a warning into `warnings` when it ignores it. */
int acrn_releases_check(const struct acrn_releases *releases, const struct acrn_target *target,
			const char *owner, const char *what, const char *instead,
			struct acrn_strings *warnings, size_t device, struct acrn_error *error);


/* Shorthands of the catalogue's tables (devices.c, options.c). */
#define R(major, minor) ACRN_RELEASE(major, minor)
#define RECORD(array)                                                          \
	{                                                                      \
		.fields = (array), .count = sizeof(array) / sizeof((array)[0]) \
	}
#define RECORD_RULE(array, rule_)                                                               \
	{                                                                                       \
		.fields = (array), .count = sizeof(array) / sizeof((array)[0]), .rule = (rule_) \
	}

/* Grammars several catalogue entries share (catalog.c). */
int acrn_refuse(const struct acrn_context *context, const struct acrn_field *field,
		const struct acrn_value *value, const char *why);
bool acrn_decimal(const char *text, size_t length);
bool acrn_number_pair(const char *text, bool single);
bool acrn_decimal_fields(const char *text, char separator, size_t count);
bool acrn_power_of_two(long long n);
acrn_value_rule acrn_sectorsize_rule, acrn_range_rule, acrn_discard_rule, acrn_xhci_port_rule,
	acrn_size_rule, acrn_geometry_rule, acrn_plain_name_rule, acrn_gpio_line_rule,
	acrn_seed_rule, acrn_pm_by_vuart_rule;

/* acrn_fail for device `index`: "device #4 (virtio-blk): FORMAT…". */
int acrn_device_fail(struct acrn_error *error, const struct acrn_device *device, size_t index,
		     const char *format, ...) __attribute__((format(printf, 4, 5)));

#endif
