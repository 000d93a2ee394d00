-- SPDX-License-Identifier: Apache-2.0
-- The bash baselines of bench/run: writes to stdout a bash launch script in
-- the style of the ones ACRN 3.x's Configurator generates (launch_cfg_gen.py):
-- helper functions echo fragments of acrn-dm's command line, each called in
-- a command substitution inside an array, then acrn-dm is run with the array.
--
--   lua5.4 bench/gen-bash.lua [--dm PATH] [--configurator SYSFS] ARG...
--
-- ARG... is the argv acrn-launch renders (without the program; the last
-- word is the VM's name); the script rebuilds exactly that argv, one
-- helper call per device or option, and runs "${ACRN_DM:-PATH}" (PATH:
-- --dm, default /usr/bin/acrn-dm) as a child, as ACRN's scripts do.
--
-- With --configurator SYSFS the script has the shape of ACRN 3.3's
-- Configurator output with its host preparation: probe_modules runs
-- modprobe, the host's MAC is read with cat for mac_seed, each tap is made
-- with ip, each passed-through device is unbound and bound to pci-stub
-- through sysfs, and a real-time VM's CPUs are taken offline.  The host
-- commands (ip, modprobe) are the caller's stubs on PATH; sysfs is the fake
-- tree under SYSFS, whose files the script reads this writes there (the
-- MAC, each device's vendor and device ids; the files written to are
-- created empty).  Without it, the same script's host preparation does
-- nothing: only the text is built.
local argv = table.move(arg, 1, #arg, 1, {})
local dm, sysfs = "/usr/bin/acrn-dm", nil
while argv[1] == "--dm" or argv[1] == "--configurator" do
  if argv[1] == "--dm" then
    dm = assert(argv[2], "--dm needs a path")
  else
    sysfs = assert(argv[2], "--configurator needs the fake sysfs directory")
  end
  table.remove(argv, 1)
  table.remove(argv, 1)
end
local name = argv[#argv] or "vm"

local function quote(word)
  if word ~= "" and not word:find("[^%w%%+,./:=@_-]") then
    return word
  end
  return "'" .. word:gsub("'", [['\'']]) .. "'"
end

-- A fragment echoed by a helper is split into words by the shell, unquoted
-- as in the generated scripts; a value that would split or glob differently
-- is kept as a literal word instead.
local function splits_cleanly(value)
  return value ~= "" and not value:find("[%s*?%[\\'\"$`]")
end

-- What the Configurator's script reads on the host (--configurator): the
-- MAC behind mac_seed, the passed-through devices.
local host_mac, passed = nil, {}

-- A word of a helper call: quoted, but for a mac_seed's MAC, which the
-- Configurator's script reads from sysfs (${mac:0:17}).
local function call_word(word)
  local before, mac, after = word:match("^(.*mac_seed=)(%x%x:%x%x:%x%x:%x%x:%x%x:%x%x)(.*)$")
  if sysfs and mac then
    host_mac = mac
    return quote(before) .. "${mac:0:17}" .. (after ~= "" and quote(after) or "")
  end
  return quote(word)
end

-- One array entry: a helper call in $(...), or a literal word.
local entries = {}
local function call(helper, ...)
  local words = { helper }
  for _, word in ipairs({ ... }) do
    words[#words + 1] = call_word(word)
  end
  entries[#entries + 1] = string.format("$(%-30s %s)", helper,
    table.concat(words, " ", 2))
end
local function literal(...)
  local words = {}
  for _, word in ipairs({ ... }) do
    words[#words + 1] = quote(word)
  end
  entries[#entries + 1] = table.concat(words, " ")
end

-- "-s SLOT,KIND[,OPTIONS]" -> add_virtual_device / add_passthrough_device.
local function device(value)
  local slot, kind, options = value:match("^([^,]+),([^,]+),?(.*)$")
  if not slot or not splits_cleanly(value) then
    return literal("-s", value)
  end
  if kind == "passthru" then
    local b, d, f, rest = options:match("^(%x+)/(%x+)/(%x+),?(.*)$")
    if b then
      local bdf = string.format("%02x:%02x.%x", tonumber(b, 16), tonumber(d, 16),
        tonumber(f, 16))
      passed[#passed + 1] = "0000:" .. bdf
      return call("add_passthrough_device", slot, "0000:" .. bdf,
        rest ~= "" and rest or nil)
    end
  end
  if options == "" then
    return call("add_virtual_device", slot, kind)
  end
  return call("add_virtual_device", slot, kind, options)
end

-- "--logger_setting a,level=N;b,level=M" -> add_logger_settings a=N b=M.
local function logger(value)
  local settings = {}
  for item in (value .. ";"):gmatch("([^;]*);") do
    local logger_name, level = item:match("^([%w_]+),level=(%d+)$")
    if not logger_name then
      return literal("--logger_setting", value)
    end
    settings[#settings + 1] = logger_name .. "=" .. level
  end
  return call("add_logger_settings", table.unpack(settings))
end

local i = 1
while i <= #argv do
  local word, value = argv[i], argv[i + 1]
  if word == "-s" and value then
    device(value)
    i = i + 1
  elseif word == "--cpu_affinity" and value and value:match("^%d+[,%d]*$") then
    local ids = {}
    for id in value:gmatch("%d+") do
      ids[#ids + 1] = id
    end
    call("add_cpus", table.unpack(ids))
    i = i + 1
  elseif word == "--intr_monitor" and value and value:match("^%d+,%d+,%d+,%d+$") then
    call("add_interrupt_storm_monitor", value:match("^(%d+),(%d+),(%d+),(%d+)$"))
    i = i + 1
  elseif word == "--logger_setting" and value then
    logger(value)
    i = i + 1
  elseif word:sub(1, 1) == "-" and value and value:sub(1, 1) ~= "-" and i + 1 < #argv then
    literal(word, value) -- an option and its value, e.g. -m 2048M
    i = i + 1
  else
    literal(word) -- a flag, or the VM's name at the end
  end
  i = i + 1
end


-- The fake sysfs the Configurator-shaped script reads and writes.
local function write_file(path, text)
  os.execute("mkdir -p '" .. path:match("^(.*)/[^/]*$") .. "'")
  local file = assert(io.open(path, "w"))
  file:write(text)
  file:close()
end

-- The host preparation: ACRN's (host commands, sysfs) with --configurator,
-- none without.
local host, what, read_mac
if sysfs then
  write_file(sysfs .. "/class/net/eth0/address", (host_mac or "00:16:3e:00:00:01") .. "\n")
  for _, bdf in ipairs(passed) do
    write_file(sysfs .. "/bus/pci/devices/" .. bdf .. "/vendor", "0x8086\n")
    write_file(sysfs .. "/bus/pci/devices/" .. bdf .. "/device", "0x9a49\n")
    write_file(sysfs .. "/bus/pci/devices/" .. bdf .. "/driver/unbind", "")
  end
  write_file(sysfs .. "/bus/pci/drivers/pci-stub/new_id", "")
  write_file(sysfs .. "/bus/pci/drivers/pci-stub/bind", "")
  host = ([=[
# --- helpers ---------------------------------------------------------------
function probe_modules() {
    modprobe pci_stub
}

function offline_cpus() {
    # arguments: the APIC IDs (decimal, as /proc/cpuinfo has them) of the
    # CPUs a real-time VM takes from the Service VM
    for i in $*; do
        processor_id=$(grep -B 15 "apicid.*: ${i}$" /proc/cpuinfo | grep "^processor" | head -n 1 | cut -d ' ' -f 2)
        [ -n "${processor_id}" ] || continue
        if [ "${processor_id}" = "0" ]; then
            echo "processor 0 stays online" >> /dev/stderr
            continue
        fi
        cpu_path="@SYSFS@/devices/system/cpu/cpu${processor_id}"
        if [ -f ${cpu_path}/online ]; then
            online=`cat ${cpu_path}/online`
            if [ "${online}" = "1" ]; then
                echo 0 > ${cpu_path}/online
                echo ${processor_id} > @SYSFS@/devices/virtual/misc/acrn_hsm/remove_cpu
            fi
        fi
    done
}

function unbind_device() {
    physical_bdf=$1
    vendor_id=$(cat @SYSFS@/bus/pci/devices/${physical_bdf}/vendor)
    device_id=$(cat @SYSFS@/bus/pci/devices/${physical_bdf}/device)
    echo $(printf "%04x %04x" ${vendor_id} ${device_id}) > @SYSFS@/bus/pci/drivers/pci-stub/new_id
    echo ${physical_bdf} > @SYSFS@/bus/pci/devices/${physical_bdf}/driver/unbind
    echo ${physical_bdf} > @SYSFS@/bus/pci/drivers/pci-stub/bind
}

function create_tap() {
    tap=$1
    tap_exist=$(ip a show dev $tap)
    if [ "$tap_exist"x != "x" ]; then
        echo "$tap is there already"
    else
        ip tuntap add dev $tap mode tap
    fi
    br_exist=$(ip a | grep acrn-br0 | awk '{print $1}')
    if [ "$br_exist"x != "x" -a "$tap_exist"x = "x" ]; then
        ip link set "$tap" master acrn-br0
        ip link set dev "$tap" down
        ip link set dev "$tap" up
    fi
}
]=]):gsub("@SYSFS@", (sysfs:gsub("%%", "%%%%")))
  what = "The host commands (ip, modprobe) are stubs on PATH; /sys is the fake tree\n# "
    .. sysfs .. "."
  read_mac = "mac=$(cat " .. sysfs .. "/class/net/e*/address)"
else
  host = [=[
# --- helpers: the host is left as it is ------------------------------------
function probe_modules() { :; }
function offline_cpus() { :; }
function unbind_device() { :; }
function create_tap() { :; }
]=]
  what = "Its host preparation does nothing: only the text is built."
  read_mac = ""
end

local rtvm = false
for _, word in ipairs(argv) do
  rtvm = rtvm or word == "--rtvm"
end

local function literally(text)
  return (text:gsub("%%", "%%%%"))
end
io.write((([=[
#!/bin/bash
# Launch script for VM name: @NAME@
# Written by bench/gen-bash.lua in the shape of ACRN 3.3's Configurator
# output: the same helpers and subshells, in the same order.
# @WHAT@

@HOST@
# --- what acrn-dm is given -------------------------------------------------
function add_cpus() {
    if [ "${vm_type}" = "RTVM" ] || [ "${scheduler}" = "SCHED_NOOP" ] || [ "${own_pcpu}" = "y" ]; then
        offline_cpus $*
    fi
    cpu_list=$(local IFS=, ; echo "$*")
    echo -n "--cpu_affinity ${cpu_list}"
}

function add_interrupt_storm_monitor() {
    echo -n "--intr_monitor $1,$2,$3,$4"
}

function add_logger_settings() {
    loggers=()
    for conf in $*; do
        loggers+=("${conf%=*},level=${conf#*=}")
    done
    cmd_param=$(local IFS=';' ; echo "${loggers[*]}")
    echo -n "--logger_setting ${cmd_param}"
}

function add_virtual_device() {
    slot=$1
    kind=$2
    options=$3
    if [ "${kind}" = "virtio-net" ] && [[ ${options} =~ tap=([^,]+) ]]; then
        create_tap "${BASH_REMATCH[1]}" >&2
    fi
    echo -n "-s ${slot},${kind}"
    if [ -n "${options}" ]; then
        echo -n ",${options}"
    fi
}

function add_passthrough_device() {
    slot=$1
    physical_bdf=$2
    options=$3
    unbind_device ${physical_bdf%,*}
    bus_temp=${physical_bdf#*:};     bus=$((16#${bus_temp%:*}))
    dev_temp=${physical_bdf##*:};    dev=$((16#${dev_temp%.*}))
    fun=$((16#${physical_bdf#*.}))
    echo -n "-s "
    printf '%s,passthru,%x/%x/%x' ${slot} ${bus} ${dev} ${fun}
    if [ -n "${options}" ]; then
        echo -n ",${options}"
    fi
}

# --- this VM ---------------------------------------------------------------
vm_type='@VM_TYPE@'
scheduler='SCHED_BVT'
own_pcpu='n'

probe_modules
@READ_MAC@

dm_params=(
@ENTRIES@
)

echo "Launch device model with parameters: ${dm_params[@]}"
"${ACRN_DM:-@DM@}" "${dm_params[@]}"
]=]):gsub("@NAME@", literally(name)):gsub("@WHAT@", literally(what))
  :gsub("@HOST@", literally(host)):gsub("@READ_MAC@", literally(read_mac))
  :gsub("@VM_TYPE@", rtvm and "RTVM" or "STANDARD_VM"):gsub("@DM@", literally(dm))
  :gsub("@ENTRIES@", function()
    return "    " .. table.concat(entries, "\n    ")
  end)))
