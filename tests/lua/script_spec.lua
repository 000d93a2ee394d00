-- SPDX-License-Identifier: Apache-2.0
-- acrn.import.script: a launch script read, never run.  The acrn-dm
-- command by any path or through a variable, after exec or taskset; the
-- default run through assignments, defaults, arrays, function arguments
-- and tests it can decide; Configurator helpers; host preparation; what is
-- read on the host; bounds.
local spec = require "spec"
local script = require "acrn.import.script"
local command = require "acrn.import.command"

local has = spec.has

-- The words a script runs acrn-dm with, and its warnings joined.
local function words_of(text)
  local found, why = script.read(text)
  spec.truthy(found, why)
  return found.words, table.concat(found.warnings, "\n"), found
end

-- The description import makes of a script.
local function describe(text, target)
  local found = assert(script.read(text))
  return command.read(found.words, { target = target or "3.3", apply = found.apply,
    display = found.display })
end

spec.it("acrn-dm by any path, through a variable, after exec or taskset", function()
  spec.eq(words_of("DM=/opt/acrn/bin/acrn-dm\n$DM -m 1G vm1\n"),
    { "/opt/acrn/bin/acrn-dm", "-m", "1G", "vm1" }, "a variable")
  spec.eq(words_of("exec taskset -c 1 ${ACRN_DM:-/usr/bin/acrn-dm} -m 1G vm1\n"),
    { "/usr/bin/acrn-dm", "-m", "1G", "vm1" }, "exec, taskset, a default")
  spec.eq(words_of("echo acrn-dm is next; pgrep -a -f acrn-dm; ./acrn-dm-3.3 v\n"),
    { "./acrn-dm-3.3", "v" }, "only a command that is acrn-dm")
end)

spec.it("the default run: arguments, defaults, splitting, arrays, decided tests", function()
  local words = words_of([[
mem=${MEM:-2G}
start() {
  local name=vm$1 extra="$2"
  opts="-s 3,virtio-rnd -s 4,dummy"
  declare -A pci=(["nic"]="0/1f/6")
  list=(-s "5,passthru,${pci[nic]}")
  list+=(--windows)
  if [ "$1" = "9" ]; then
    acrn-dm -m 9G never
  elif [ -z "$3" ]; then
    acrn-dm -m $mem $opts "${list[@]}" -B "$extra" $name
  fi
}
case "$1" in
  -h) echo usage ;;
  *) start 1 "quiet splash" ;;
esac
]])
  spec.eq(words, { "acrn-dm", "-m", "2G", "-s", "3,virtio-rnd", "-s", "4,dummy", "-s",
    "5,passthru,0/1f/6", "--windows", "-B", "quiet splash", "vm1" }, "words")
end)

spec.it("Configurator helpers print what the core renders, and prepare the host", function()
  local text = [[
add_cpus() { :; }
add_virtual_device() { :; }
add_passthrough_device() { :; }
add_logger_settings() { :; }
add_interrupt_storm_monitor() { :; }
vm_type=STANDARD_VM
scheduler=SCHED_NOOP
dm_params=(
  `add_cpus 2 4`
  `add_virtual_device 0:0 hostbridge`
  `add_virtual_device 3 virtio-net tap=tap_x,vhost`
  `add_passthrough_device 4 0000:01:00.1 keep_gsi`
  `add_logger_settings console=4 disk=5`
  `add_interrupt_storm_monitor 1 2 3 4`
  v1
)
acrn-dm "${dm_params[@]}"
]]
  local words = words_of(text)
  spec.eq(words, { "acrn-dm", "--cpu_affinity", "2,4", "-s", "0:0,hostbridge", "-s",
    "3,virtio-net,tap=tap_x,vhost", "-s", "4,passthru,1/0/1,keep_gsi", "--logger_setting",
    "console,level=4;disk,level=5", "--intr_monitor", "1,2,3,4", "v1" }, "words")
  local d = describe(text)
  spec.eq(d.problems, {}, "problems")
  spec.eq(d.fields.cpu_affinity, { lapic_ids = { 2, 4 }, offline = true },
    "SCHED_NOOP takes the CPUs offline")
  spec.eq(d.devices[2].fields, { tap = "tap_x", vhost = true, create = true, bridge = "acrn-br0" },
    "the tap the helper makes")
  spec.eq(d.devices[3].fields.prepare, true, "bound to pci-stub")
  d = describe((text:gsub("SCHED_NOOP", "SCHED_BVT"):gsub("vm_type=STANDARD_VM",
    "vm_type=STANDARD_VM\nown_pcpu=y")))
  spec.eq(d.fields.cpu_affinity.offline, true, "a VM that owns its CPUs")
  d = describe((text:gsub("SCHED_NOOP", "SCHED_BVT")))
  spec.eq(d.fields.cpu_affinity.offline, nil, "a standard VM keeps them")
end)

spec.it("host preparation by hand: tunctl, brctl, pci-stub, CPUs by number", function()
  local d = describe([[
tunctl -t tap7
brctl addif br1 tap7
echo 0000:00:1f.6 > /sys/bus/pci/drivers/pci-stub/bind
echo 0 > /sys/devices/system/cpu/cpu3/online
acrn-dm -s 0:0,hostbridge -s 3,virtio-net,tap7 -s 4,passthru,0/1f/6 -s 5,passthru,0/2/0 \
  --cpu_affinity 3 v1
]], "2.7")
  spec.eq(d.problems, {}, "problems")
  spec.eq(d.devices[2].fields, { tap = "tap7", create = true, bridge = "br1" }, "tap")
  spec.eq(d.devices[3].fields.prepare, true, "bound")
  spec.eq(d.devices[4].fields.prepare, false, "not bound by the script")
  spec.eq(d.devices[4].comment, "the script does not bind it to pci-stub", "said in the recipe")
  spec.eq(d.fields.cpu_affinity, { cpus = { 3 }, offline = true }, "CPU 3 taken offline")
end)

spec.it("a sysfs file it cats is read at launch; other host values are said and left out",
  function()
  local words, warnings = words_of([[
nic=$(cat /sys/class/net/eth0/address)
id=$(cat /etc/machine-id)
for i in 1 2 3; do echo $i; done
mount /dev/sda1 /mnt; mount /dev/sda2 /mnt2
acrn-dm -s 0:0,hostbridge --mac_seed ${nic:9:8}-v -k $KERNEL -s 3,virtio-blk,./disk.img \
  -B "serial=$id" v1
]])
  -- the file read stays, as a stand-in the description turns into host text
  spec.eq(#words, 8, "acrn-dm, two -s and their values, --mac_seed and its, the name")
  spec.eq(words[4], "--mac_seed", "kept")
  spec.truthy(words[5]:match("^ACRNHOSTREAD%d+Z%-v$"), words[5])
  spec.eq({ words[6], words[7], words[8] }, { "-s", "3,virtio-blk,./disk.img", "v1" },
    "the words that hold other host values are left out")
  spec.truthy(not warnings:find("mac_seed", 1, true), "the MAC is no warning: " .. warnings)
  has(warnings, "-B serial=$(cat /etc/machine-id): the script takes it from "
    .. "$(cat /etc/machine-id), read on the host at each launch; left out of the recipe (a recipe "
    .. "reads only world-readable sysfs files at launch, with acrn.host_file)")
  has(warnings, "-k $KERNEL: the script's default run leaves $KERNEL unset")
  has(warnings, "the script also runs mount on the host")
  spec.truthy(not warnings:find("nil", 1, true), "never nil")
  local _, count = warnings:gsub("mount", "")
  spec.eq(count, 1, "one warning for two mounts")
  -- what the recipe says for it: the VM's seed (up to 2.7), a device's (3.x)
  local d = describe([[
mac=$(cat /sys/class/net/e*/address)
acrn-dm -s 0:0,hostbridge -s 3,virtio-net,tap0 --mac_seed ${mac:9:8} v1
]], "2.7")
  spec.eq(d.problems, {}, "problems")
  spec.eq(tostring(d.fields.mac_seed), 'acrn.host_file("/sys/class/net/e*/address"):sub(10, 17)')
  d = describe([[
mac=$(cat /sys/class/net/e*/address)
acrn-dm -s 0:0,hostbridge -s 3,virtio-net,tap=t0,mac_seed=${mac:0:17}-x v1
]], "3.3")
  spec.eq(d.problems, {}, "problems")
  spec.eq(tostring(d.devices[2].fields.mac_seed),
    'acrn.host_file("/sys/class/net/e*/address"):sub(1, 17) .. "-x"')
end)

spec.it("bounded: deep recursion, endless loops and here-documents cost little", function()
  local found, why = script.read("f() { f; }\nf\nacrn-dm v\n")
  spec.eq(found, nil, "recursion")
  has(why, "deeper than")
  local words = words_of("while true; do sleep 1; done\ncat <<EOF\nacrn-dm not this\nEOF\n"
    .. "acrn-dm -m 1G v2\n")
  spec.eq(words, { "acrn-dm", "-m", "1G", "v2" }, "a loop read once, a here-document skipped")
  local long = string.rep("a", 300000)
  words = words_of("acrn-dm -B \"" .. long .. "\" v\n")
  spec.eq(#words[3], 300000, "a long word whole")
end)

spec.done()
