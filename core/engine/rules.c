/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The small grammars several catalogue entries share: below the tables
 * (devices.c, options.c), which point at them; they query nothing.
 */
#include "internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Fails with "OWNER: NAME VALUE WHY" for the value in `context`. */
int acrn_refuse(const struct acrn_context *context, const struct acrn_field *field,
		const struct acrn_value *value, const char *why)
{
	char shown[128];
	return acrn_fail(context->error, context->device, "%s%s%s %s %s", context->owner,
			 acrn_sep(context->owner), field->name,
			 acrn_describe(value->text ? value->text : "", value->length, shown), why);
}

/* True when `text` is all decimal digits (and not empty). */
bool acrn_decimal(const char *text, size_t length)
{
	if (length == 0)
		return false;
	for (size_t i = 0; i < length; i++)
		if (!isdigit((unsigned char)text[i]))
			return false;
	return true;
}

/* "A/B" or, where `single` allows, "A": decimal numbers. */
bool acrn_number_pair(const char *text, bool single)
{
	const char *slash = strchr(text, '/');
	if (!slash)
		return single && acrn_decimal(text, strlen(text));
	return acrn_decimal(text, (size_t)(slash - text)) &&
	       acrn_decimal(slash + 1, strlen(slash + 1));
}

int acrn_sectorsize_rule(const struct acrn_context *context, const struct acrn_field *field,
			 const struct acrn_value *value)
{
	if (acrn_number_pair(value->text, true))
		return 0;
	return acrn_refuse(context, field, value,
			   "is not LOGICAL or LOGICAL/PHYSICAL, like \"4096\"");
}

int acrn_range_rule(const struct acrn_context *context, const struct acrn_field *field,
		    const struct acrn_value *value)
{
	if (acrn_number_pair(value->text, false))
		return 0;
	return acrn_refuse(context, field, value, "is not START_LBA/SECTORS, like \"2048/204800\"");
}

/* N:N:N… with `count` decimal numbers. */
bool acrn_decimal_fields(const char *text, char separator, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		size_t length = strcspn(text, (char[]){separator, '\0'});
		if (!acrn_decimal(text, length) || (i + 1 < count) != (text[length] == separator))
			return false;
		text += length + (i + 1 < count);
	}
	return true;
}

int acrn_discard_rule(const struct acrn_context *context, const struct acrn_field *field,
		      const struct acrn_value *value)
{
	if (!value->text || acrn_decimal_fields(value->text, ':', 3))
		return 0;
	return acrn_refuse(context, field, value,
			   "is not true or MAX_SECTORS:MAX_SEGMENTS:ALIGNMENT, like \"8:1:0\"");
}

int acrn_xhci_port_rule(const struct acrn_context *context, const struct acrn_field *field,
			const struct acrn_value *value)
{
	if (acrn_decimal_fields(value->text, '-', 2))
		return 0;
	return acrn_refuse(context, field, value, "is not a host USB port BUS-PORT, like \"1-2\"");
}

/* An SRAM size: a decimal number of K or M, whole 4K pages, at most 8M. */
int acrn_size_rule(const struct acrn_context *context, const struct acrn_field *field,
		   const struct acrn_value *value)
{
	size_t n = value->length;
	if (n < 2 || n > 9 || !acrn_decimal(value->text, n - 1) ||
	    !strchr("KM", value->text[n - 1]))
		return acrn_refuse(context, field, value, "is not a size like \"512K\" or \"2M\"");
	long long kib = strtoll(value->text, NULL, 10) * (value->text[n - 1] == 'M' ? 1024 : 1);
	if (kib == 0 || kib % 4 || kib > 8 * 1024)
		return acrn_refuse(context, field, value,
				   "is not whole 4K pages up to 8M, as acrn-dm takes");
	return 0;
}

/* A MAC seed: any text; acrn-dm keeps 49 bytes of the VM's --mac_seed (up to
 * 2.7) and hashes "SLOT-FUNC-SEED" in 80 bytes (74 of them the seed). */
int acrn_seed_rule(const struct acrn_context *context, const struct acrn_field *field,
		   const struct acrn_value *value)
{
	bool option = !*context->owner && context->vm->target->release < R(3, 0);
	size_t most = option ? 49 : 74;
	char why[96];
	if (value->length == 0)
		return acrn_refuse(context, field, value, "is empty");
	if (value->length <= most)
		return 0;
	snprintf(why, sizeof why, "is %zu bytes; acrn-dm %s uses at most %zu of a seed",
		 value->length, context->vm->target->name, most);
	return acrn_refuse(context, field, value, why);
}

int acrn_geometry_rule(const struct acrn_context *context, const struct acrn_field *field,
		       const struct acrn_value *value)
{
	unsigned w, h, n;
	int x, y;
	char tail;
	if (sscanf(value->text, "%ux%u+%d+%d%c", &w, &h, &x, &y, &tail) == 4 ||
	    sscanf(value->text, "fullscreen:%u%c", &n, &tail) == 1)
		return 0;
	return acrn_refuse(context, field, value,
			   "is not WIDTHxHEIGHT+X+Y or fullscreen:N, like \"1920x1080+0+0\"");
}

/* A name acrn-dm reads inside a larger grammar: no separator of it. */
int acrn_plain_name_rule(const struct acrn_context *context, const struct acrn_field *field,
			 const struct acrn_value *value)
{
	if (!strpbrk(value->text, ",:=@{}/ ;"))
		return 0;
	return acrn_refuse(context, field, value, "contains one of , : = @ { } / ; or a space");
}

int acrn_gpio_line_rule(const struct acrn_context *context, const struct acrn_field *field,
			const struct acrn_value *value)
{
	const char *equals = strchr(value->text, '=');
	if (!strpbrk(value->text, ",:@{} ") &&
	    (!equals || (equals != value->text && !strchr(equals + 1, '='))))
		return 0;
	return acrn_refuse(context, field, value, "is not OFFSET, NAME or NAME=VNAME");
}

int acrn_pm_by_vuart_rule(const struct acrn_context *context, const struct acrn_field *field,
			  const struct acrn_value *value)
{
	if ((strncmp(value->text, "pty,", 4) == 0 || strncmp(value->text, "tty,", 4) == 0) &&
	    value->text[4] == '/')
		return 0;
	return acrn_refuse(context, field, value, "is not pty,PATH or tty,PATH");
}

bool acrn_power_of_two(long long n)
{
	return n > 0 && (n & (n - 1)) == 0;
}
