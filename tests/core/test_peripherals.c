/* SPDX-License-Identifier: Apache-2.0 */
/* The guest's other devices, one emulation at a time: virtio-console ports,
 * virtio-input, -i2c, -gpio, -gpu, vhost-vsock, ivshmem, uart, pci-gvt, the
 * rare emulations, and the lpc's com3 to com5 (core/devices.c). */
#include "vm_helpers.h"

/* virtio-console ports render in order: '@' for the console, a default
 * name "<backend>_port", "=PATH", ":MODE". */
static void console_ports_rendering(void **state)
{
	(void)state;
	const struct port ports[] = {
		port("pty", NULL, NULL, NULL, true),
		port("tty", "t", "/dev/pts/1", NULL, false),
		port("socket", "s", "/run/s.sock", "client", false),
		port("file", NULL, "/tmp/f", NULL, false),
		port("stdio", NULL, NULL, NULL, false),
	};
	vm_new("3.3", "con");
	add_hostbridge();
	set_ports(add("virtio-console", 0, 3, 0), ports, 5);
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "-s",
		    "3,virtio-console,@pty:pty_port,tty:t=/dev/pts/1,"
		    "socket:s=/run/s.sock:client,file:file_port=/tmp/f,stdio:stdio_port",
		    "con");
}

/* virtio-input: /dev/input/eventN[,SERIAL]. */
static void virtio_input_config(void **state)
{
	(void)state;
	struct acrn_device *d = one_device("3.3", "virtio-input");
	set_text(d, "path", "/dev/input/event0");
	set_text(d, "serial", "kbd1");
	expect_config("virtio-input,/dev/input/event0,kbd1");
	d = one_device("2.6", "virtio-input");
	set_text(d, "path", "/dev/input/event3");
	expect_config("virtio-input,/dev/input/event3");
	d = one_device("3.3", "virtio-input");
	set_text(d, "path", "/dev/input/event0");
	set_text(d, "serial", "a,b");
	build_fails(2, "serial \"a,b\"", "','");
	one_device("3.3", "virtio-input");
	build_fails(2, "device #2 (virtio-input): give either path or name", NULL);
	d = one_device("3.3", "virtio-input");
	set_text(d, "path", "/dev/input/event0");
	set_text(d, "name", "kbd");
	build_fails(2, "give either path or name (the device found at launch), not both", NULL);
	d = one_device("3.3", "virtio-input");
	set_text(d, "path", "/dev/input/event0");
	set_text(d, "phys", "usb-1/input0");
	build_fails(2, "phys goes with name, not with path", NULL);
}

/* virtio-input by name (and phys): the event the host facts list under
 * that name, as ACRN 3.x's Configurator scripts find it at launch. */
static void virtio_input_by_name(void **state)
{
	(void)state;
	static const struct acrn_input inputs[] = {
		{3, "AT Translated Set 2 keyboard", "isa0060/serio0/input0"},
		{5, "Logitech USB Receiver", "usb-0000:00:14.0-1/input0"},
		{6, "Logitech USB Receiver", "usb-0000:00:14.0-1/input1"},
	};
	static const struct acrn_host_facts facts = {.inputs = inputs,
						     .input_count = 3,
						     .inputs_source = "/sys/class/input"};
	struct acrn_device *d = one_device("3.3", "virtio-input");
	vm.facts = &facts;
	set_text(d, "name", "AT Translated Set 2 keyboard");
	set_text(d, "serial", "kbd");
	expect_config("virtio-input,/dev/input/event3,kbd");
	d = one_device("3.3", "virtio-input");
	vm.facts = &facts;
	set_text(d, "name", "Logitech USB Receiver");
	set_text(d, "phys", "usb-0000:00:14.0-1/input1");
	expect_config("virtio-input,/dev/input/event6");
	d = one_device("3.3", "virtio-input");
	vm.facts = &facts;
	set_text(d, "name", "Logitech USB Receiver");
	build_fails(2,
		    "2 input devices are named \"Logitech USB Receiver\" in /sys/class/input: "
		    "give phys to tell them apart",
		    NULL);
	d = one_device("3.3", "virtio-input");
	vm.facts = &facts;
	set_text(d, "name", "Logitech USB Receiver");
	set_text(d, "phys", "usb-2/input0");
	build_fails(2,
		    "no input device is named \"Logitech USB Receiver\" at phys \"usb-2/input0\"",
		    NULL);
	/* no host facts at all (a check without a host): named for what it is */
	d = one_device("3.3", "virtio-input");
	set_text(d, "name", "kbd");
	expect_config("virtio-input,input:kbd");
}

/* virtio-i2c: BUS[:ADDR…][,BUS…], ADDR in hex <= 0x7f, up to 16 adapters. */
/* A list of i2c clients, each { address, node } (node NULL: none). */
static struct acrn_value clients(size_t count, const long long *addresses, const char *const *nodes)
{
	struct acrn_value *list = items(count);
	for (size_t i = 0; i < count; i++) {
		struct acrn_value *client = items(2);
		client[0] = num(addresses[i]);
		if (nodes && nodes[i])
			client[1] = text(nodes[i]);
		list[i] = (struct acrn_value){.set = true, .items = client, .count = 1};
	}
	return (struct acrn_value){.set = true, .items = list, .count = count};
}
#define CLIENTS(...)                                                    \
	clients(sizeof((long long[]){__VA_ARGS__}) / sizeof(long long), \
		(long long[]){__VA_ARGS__}, NULL)

static void virtio_i2c_config(void **state)
{
	(void)state;
	struct acrn_device *d = one_device("3.3", "virtio-i2c");
	const struct acrn_field *f = device_field(d, "adapters");
	struct acrn_value adapters = records(f, 2);
	put(f, &adapters, 0, "bus", num(0));
	put(f, &adapters, 0, "addresses", CLIENTS(0x1c, 0x2f));
	put(f, &adapters, 1, "bus", num(1));
	*field(d, "adapters") = adapters;
	expect_config("virtio-i2c,0:1c:2f,1");

	d = one_device("1.6", "virtio-i2c");
	adapters = records(f, 1);
	put(f, &adapters, 0, "bus", num(12));
	put(f, &adapters, 0, "addresses", CLIENTS(0x7f));
	*field(d, "adapters") = adapters;
	expect_config("virtio-i2c,12:7f");

	d = one_device("3.3", "virtio-i2c");
	adapters = records(f, 1);
	put(f, &adapters, 0, "bus", num(0));
	put(f, &adapters, 0, "addresses", CLIENTS(0x1c, 0x80));
	*field(d, "adapters") = adapters;
	build_fails(2, "adapters[1]: addresses[2]: address 128", "out of range 0-127");

	d = one_device("3.3", "virtio-i2c");
	adapters = records(f, 1);
	put(f, &adapters, 0, "addresses", CLIENTS(0x1c));
	*field(d, "adapters") = adapters;
	build_fails(2, "adapters[1]: bus is required", NULL);

	d = one_device("3.3", "virtio-i2c");
	adapters = records(f, 17);
	for (size_t i = 0; i < 17; i++)
		put(f, &adapters, i, "bus", num((long long)i));
	*field(d, "adapters") = adapters;
	build_fails(2, "adapters has 17 items", "at most 16");

	/* BUS:ADDR@NODE, and an address once across adapters (v3.3 virtio_i2c.c:630-637) */
	d = one_device("3.3", "virtio-i2c");
	adapters = records(f, 2);
	put(f, &adapters, 0, "bus", num(0));
	put(f, &adapters, 0, "addresses",
	    clients(2, (long long[]){0x1c, 0x2f}, (const char *const[]){"cam1", NULL}));
	put(f, &adapters, 1, "bus", num(1));
	put(f, &adapters, 1, "addresses", CLIENTS(0x1d));
	*field(d, "adapters") = adapters;
	expect_config("virtio-i2c,0:1c@cam1:2f,1:1d");
	put(f, &adapters, 1, "addresses", CLIENTS(0x2f));
	build_fails(2, "adapters: client address 0x2f appears twice", NULL);
	put(f, &adapters, 1, "addresses",
	    clients(1, (long long[]){0x1e}, (const char *const[]){"cam3"}));
	build_fails(2, "node \"cam3\"", "not one of cam1, cam2, hdac, default");
}

/* virtio-gpio: @CHIP{OFFSET|NAME[=VNAME]:…}…, at most 8 chips, 64 lines. */
static void virtio_gpio_config(void **state)
{
	(void)state;
	struct acrn_device *d = one_device("3.3", "virtio-gpio");
	const struct acrn_field *f = device_field(d, "chips");
	struct acrn_value chips = records(f, 1);
	put(f, &chips, 0, "chip", text("gpiochip0"));
	put(f, &chips, 0, "lines", TEXTS("3", "reset=vreset"));
	*field(d, "chips") = chips;
	expect_config("virtio-gpio,@gpiochip0{3:reset=vreset}");

	d = one_device("2.6", "virtio-gpio");
	chips = records(f, 2);
	put(f, &chips, 0, "chip", text("gpiochip0"));
	put(f, &chips, 0, "lines", TEXTS("3"));
	put(f, &chips, 1, "chip", text("gpiochip1"));
	put(f, &chips, 1, "lines", TEXTS("5", "led"));
	*field(d, "chips") = chips;
	expect_config("virtio-gpio,@gpiochip0{3}@gpiochip1{5:led}");

	const char *bad_lines[] = {"a:b", "=x", "a=b=c", "a,b", "{a}", "a@b"};
	for (size_t i = 0; i < sizeof bad_lines / sizeof bad_lines[0]; i++) {
		d = one_device("3.3", "virtio-gpio");
		chips = records(f, 1);
		put(f, &chips, 0, "chip", text("gpiochip0"));
		put(f, &chips, 0, "lines", TEXTS("1", bad_lines[i]));
		*field(d, "chips") = chips;
		build_fails(2, "device #2 (virtio-gpio): chips[1]: lines[2]", NULL);
	}
	d = one_device("3.3", "virtio-gpio");
	chips = records(f, 1);
	put(f, &chips, 0, "chip", text("gpio{0"));
	put(f, &chips, 0, "lines", TEXTS("1"));
	*field(d, "chips") = chips;
	build_fails(2, "chips[1]: chip \"gpio{0\"", NULL);

	/* 64 lines in all, not per chip */
	static const char *many[33];
	for (size_t i = 0; i < 33; i++)
		many[i] = "7";
	d = one_device("3.3", "virtio-gpio");
	chips = records(f, 2);
	put(f, &chips, 0, "chip", text("gpiochip0"));
	put(f, &chips, 0, "lines", texts(33, many));
	put(f, &chips, 1, "chip", text("gpiochip1"));
	put(f, &chips, 1, "lines", texts(33, many));
	*field(d, "chips") = chips;
	build_fails(2, "device #2 (virtio-gpio)", "66 lines");
	assert_non_null(strstr(error.message, "at most 64"));
	put(f, &chips, 1, "lines", texts(31, many));
	*field(d, "chips") = chips;
	build_ok();

	d = one_device("3.3", "virtio-gpio");
	chips = records(f, 9);
	for (size_t i = 0; i < 9; i++) {
		put(f, &chips, i, "chip", text("gpiochip0"));
		put(f, &chips, i, "lines", TEXTS("1"));
	}
	*field(d, "chips") = chips;
	build_fails(2, "chips has 9 items", "at most 8");
}

/* virtio-gpu (3.0+): geometry=WxH+X+Y or geometry=fullscreen:N per screen. */
static void virtio_gpu_config(void **state)
{
	(void)state;
	/* 3.1 on: two screens at most (v3.1 vdisplay_sdl.c:35); 3.0: one */
	struct acrn_device *d = one_device("3.1", "virtio-gpu");
	const struct acrn_field *f = device_field(d, "screens");
	struct acrn_value screens = records(f, 2);
	put(f, &screens, 0, "geometry", text("1920x1080+0+0"));
	put(f, &screens, 1, "geometry", text("fullscreen:1"));
	*field(d, "screens") = screens;
	expect_config("virtio-gpu,geometry=1920x1080+0+0,geometry=fullscreen:1");
	d = one_device("3.0", "virtio-gpu");
	*field(d, "screens") = screens;
	build_fails(2, "screens has 2 screens", "acrn-dm 3.0 shows at most 1");
	d = one_device("3.3", "virtio-gpu");
	screens = records(f, 3);
	for (size_t i = 0; i < 3; i++)
		put(f, &screens, i, "geometry", text("fullscreen:0"));
	*field(d, "screens") = screens;
	build_fails(2, "screens has 3 items", "at most 2");

	/* without a geometry acrn-dm 3.x crashes (v3.3 vdisplay_sdl.c:1378) */
	one_device("3.3", "virtio-gpu");
	build_fails(2, "device #2 (virtio-gpu): screens is required", NULL);

	one_device("2.7", "virtio-gpu");
	build_fails(2, "device #2 (virtio-gpu): virtio-gpu needs ACRN 3.0 or later", "target 2.7");

	const char *bad[] = {"1920x1080", "fullscreen", "fullscreen:x", "1920x1080+0+0+0", "big"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char shown[64];
		d = one_device("3.3", "virtio-gpu");
		screens = records(f, 1);
		put(f, &screens, 0, "geometry", text(bad[i]));
		*field(d, "screens") = screens;
		snprintf(shown, sizeof shown, "screens[1]: geometry \"%s\"", bad[i]);
		build_fails(2, shown, "WIDTHxHEIGHT+X+Y or fullscreen:N");
	}
}

/* vhost-vsock (3.0+): cid=N, 3 <= N < 0xffffffff. */
static void vhost_vsock_config(void **state)
{
	(void)state;
	set_number(one_device("3.3", "vhost-vsock"), "cid", 3);
	expect_config("vhost-vsock,cid=3");
	set_number(one_device("3.0", "vhost-vsock"), "cid", 0xfffffffe);
	expect_config("vhost-vsock,cid=4294967294");
	set_number(one_device("3.3", "vhost-vsock"), "cid", 2);
	build_fails(2, "device #2 (vhost-vsock): cid 2", "3 <= cid < 0xffffffff");
	set_number(one_device("3.3", "vhost-vsock"), "cid", 0xffffffff);
	build_fails(2, "cid 4294967295", NULL);
	set_number(one_device("2.7", "vhost-vsock"), "cid", 3);
	build_fails(2, "vhost-vsock needs ACRN 3.0", NULL);
}

static struct acrn_device *ivshmem_on(const char *target, const char *provider, const char *name,
				      long long size)
{
	struct acrn_device *d = one_device(target, "ivshmem");
	set_text(d, "provider", provider);
	set_text(d, "name", name);
	set_number(d, "size", size);
	return d;
}

/* ivshmem (2.0+): dm:/NAME or hv:/NAME, size in MB (power of two, 2-512),
 * then the optional region id. */
static void ivshmem_config(void **state)
{
	(void)state;
	set_number(ivshmem_on("3.3", "dm", "shm0", 32), "region", 1);
	expect_config("ivshmem,dm:/shm0,32,1");
	/* the region id is 3.3's (v3.3 ivshmem.c:294-299); dm:/ and hv:/ 2.2's */
	set_number(ivshmem_on("3.2", "dm", "shm0", 32), "region", 1);
	build_fails(2, "region needs ACRN 3.3", NULL);
	ivshmem_on("2.2", "hv", "shm1", 2);
	expect_config("ivshmem,hv:/shm1,2");
	ivshmem_on("3.3", "dm", "shm0", 512);
	expect_config("ivshmem,dm:/shm0,512");

	ivshmem_on("3.3", "dm", "shm0", 3);
	build_fails(2, "device #2 (ivshmem): size 3", "not a power of two");
	ivshmem_on("3.3", "dm", "shm0", 1);
	build_fails(2, "size 1", "out of range 2-512");
	ivshmem_on("3.3", "dm", "shm0", 1024);
	build_fails(2, "size 1024", "out of range 2-512");
	ivshmem_on("3.3", "xx", "shm0", 32);
	build_fails(2, "provider \"xx\"", "not one of dm, hv");
	ivshmem_on("3.3", "dm", "a/b", 32);
	build_fails(2, "name \"a/b\"", NULL);
	ivshmem_on("3.3", "dm", "a,b", 32);
	build_fails(2, "name \"a,b\"", NULL);
	/* 2.0 and 2.1 read NAME,BYTES (v2.1 ivshmem.c:217-237): not this grammar */
	ivshmem_on("2.1", "dm", "shm0", 32);
	build_fails(2, "ivshmem needs ACRN 2.2 or later", NULL);
}

/* uart: vuart_idx:N, or a backend as for -l; exactly one of them. */
static void uart_config(void **state)
{
	(void)state;
	set_number(one_device("3.3", "uart"), "vuart_idx", 1);
	expect_config("uart,vuart_idx:1");
	set_text(one_device("2.6", "uart"), "backend", "tcp:4444");
	expect_config("uart,tcp:4444");
	set_text(one_device("3.3", "uart"), "backend", "stdio");
	expect_config("uart,stdio");

	struct acrn_device *d = one_device("3.3", "uart");
	set_number(d, "vuart_idx", 1);
	set_text(d, "backend", "stdio");
	build_fails(2, "device #2 (uart)", "exactly one of vuart_idx and backend");
	one_device("3.3", "uart");
	build_fails(2, "exactly one of vuart_idx and backend", NULL);
	set_text(one_device("3.3", "uart"), "backend", "pipe");
	build_fails(2, "backend \"pipe\"", "not a UART backend");
	set_number(one_device("3.3", "uart"), "vuart_idx", 8);
	build_fails(2, "vuart_idx 8", "out of range 0-7");

	/* a uart on stdio takes acrn-dm's one stdio */
	vm_new("3.3", "t");
	add_hostbridge();
	set_text(add("lpc", 0, 1, 0), "com1", "stdio");
	set_text(add("uart", 0, 3, 0), "backend", "stdio");
	build_fails(3, "device #3 (uart): backend also uses stdio", "device #2 (lpc)");
}

/* pci-gvt up to 2.7, with -G right after its -s; 3.x refuses it. */
static void pci_gvt_config(void **state)
{
	(void)state;
	vm_new("2.7", "t");
	add_hostbridge();
	add("virtio-rnd", 0, 3, 0);
	set_text(add("pci-gvt", 0, 2, 0), "args", "64 448 8");
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "-s", "2,pci-gvt", "-G", "64 448 8", "-s",
		    "3,virtio-rnd", "t");

	vm_new("2.6", "t");
	add_hostbridge();
	add("pci-gvt", 0, 2, 0);
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "-s", "2,pci-gvt", "t");

	const char *releases[] = {"3.0", "3.3"};
	for (size_t i = 0; i < 2; i++) {
		vm_new(releases[i], "t");
		add_hostbridge();
		set_text(add("pci-gvt", 0, 2, 0), "args", "64 448 8");
		build_fails(2, "device #2 (pci-gvt): pci-gvt was removed in ACRN 3.0", releases[i]);
	}
}

/* The rare emulations: CONFIG items joined with ',', each checked for ','. */
static void rare_emulations(void **state)
{
	(void)state;
	set_text(one_device("1.6.1", "virtio-rnd"), "kernel", "on");
	expect_config("virtio-rnd,kernel=on");
	set_text(one_device("3.3", "virtio-rnd"), "kernel", "off");
	expect_config("virtio-rnd,kernel=off");
	set_text(one_device("3.3", "virtio-rnd"), "kernel", "yes");
	build_fails(2, "kernel", "\"yes\"");
	*field(one_device("3.3", "virtio-audio"), "config") = TEXTS("a", "b=c");
	expect_config("virtio-audio,a,b=c");
	*field(one_device("3.3", "virtio-ipu"), "config") = TEXTS("x", "");
	build_fails(2, "config[2]", "is empty");

	const char *old[] = {"virtio-hdcp", "virtio-coreu"};
	for (size_t i = 0; i < 2; i++) {
		char config[64], words[64];
		*field(one_device("2.7", old[i]), "config") = TEXTS("x");
		snprintf(config, sizeof config, "%s,x", old[i]);
		expect_config(config);
		one_device("3.0", old[i]);
		snprintf(words, sizeof words, "%s was removed in ACRN 3.0", old[i]);
		build_fails(2, words, NULL);
	}
}

/* npk OFFSET/COUNT (up to 2.7), virtio-heci's host MEI device and debug
 * level, virtio-rpmb simulated or physical. */
static void trace_hub_heci_rpmb(void **state)
{
	(void)state;
	set_text(one_device("2.7", "npk"), "masters", "8/24");
	expect_config("npk,8/24");
	set_text(one_device("2.7", "npk"), "masters", "8/20");
	build_fails(2, "masters \"8/20\"", "multiples of 8");
	set_text(one_device("3.0", "npk"), "masters", "8/24");
	build_fails(2, "npk was removed in ACRN 3.0", NULL);
	struct acrn_device *heci = one_device("2.7", "virtio-heci");
	set_text(heci, "bdf", "0/0f/0");
	set_number(heci, "debug", 3);
	expect_config("virtio-heci,0/f/0,d3");
	set_number(heci, "debug", 9);
	build_fails(2, "debug 9", "0-8");
	one_device("3.3", "virtio-rpmb");
	expect_config("virtio-rpmb");
	set_flag(one_device("1.6.1", "virtio-rpmb"), "physical", true);
	expect_config("virtio-rpmb,physical_rpmb");
}

/* -l com3, com4, com5 in 3.3 only; com5 takes com5,BACKEND,IOPORT,IRQ. */
static void lpc_com3_to_com5(void **state)
{
	(void)state;
	struct acrn_device *d;
	vm_new("3.3", "t");
	add_hostbridge();
	d = add("lpc", 0, 1, 0);
	set_text(d, "com3", "tcp:4445");
	set_text(d, "com4", "");
	const struct acrn_field *f = device_field(d, "com5");
	struct acrn_value com5 = records(f, 1);
	put(f, &com5, 0, "backend", text("stdio"));
	put(f, &com5, 0, "ioport", num(0x2f8));
	put(f, &com5, 0, "irq", num(5));
	*field(d, "com5") = com5;
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "-s", "1:0,lpc", "-l", "com3,tcp:4445", "-l", "com4",
		    "-l", "com5,stdio,0x2f8,5", "t");

	/* com5 on stdio shares acrn-dm's one stdio with com1 */
	set_text(d, "com1", "stdio");
	build_fails(2, "device #2 (lpc): com5 also uses stdio", "in com1");

	/* the backend is com5's first field: it cannot be left out */
	set_text(d, "com1", "tcp:4444");
	put(f, &com5, 0, "backend", text(""));
	build_fails(2, "device #2 (lpc): com5", "backend");
	put(f, &com5, 0, "backend", (struct acrn_value){0});
	build_fails(2, "device #2 (lpc): com5", "backend");
	put(f, &com5, 0, "backend", text("/dev/ttyS4"));
	put(f, &com5, 0, "irq", (struct acrn_value){0});
	build_fails(2, "com5: give ioport and irq together", NULL);
	/* both are optional (acrn-dm's 0x9000 and 10, v3.3 lpc.c:95-110) */
	put(f, &com5, 0, "ioport", (struct acrn_value){0});
	build_ok();
	EXPECT_ARGV("-s", "0:0,hostbridge", "-s", "1:0,lpc", "-l", "com1,tcp:4444", "-l",
		    "com3,tcp:4445", "-l", "com4", "-l", "com5,/dev/ttyS4", "t");

	const char *names[] = {"com3", "com4", "com5"};
	for (size_t i = 0; i < 3; i++) {
		char words[64];
		vm_new("3.2", "t");
		add_hostbridge();
		d = add("lpc", 0, 1, 0);
		if (i < 2) {
			set_text(d, names[i], "tcp:4445");
		} else {
			com5 = records(f, 1);
			put(f, &com5, 0, "backend", text("stdio"));
			put(f, &com5, 0, "ioport", num(0x2f8));
			put(f, &com5, 0, "irq", num(5));
			*field(d, "com5") = com5;
		}
		snprintf(words, sizeof words, "%s needs ACRN 3.3 or later", names[i]);
		build_fails(2, "device #2 (lpc)", words);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(console_ports_rendering),
		TEST(virtio_input_config),
		TEST(virtio_input_by_name),
		TEST(virtio_i2c_config),
		TEST(virtio_gpio_config),
		TEST(virtio_gpu_config),
		TEST(vhost_vsock_config),
		TEST(ivshmem_config),
		TEST(uart_config),
		TEST(pci_gvt_config),
		TEST(rare_emulations),
		TEST(lpc_com3_to_com5),
		TEST(trace_hub_heci_rpmb),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
