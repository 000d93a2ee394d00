#!/bin/bash
# A fixture in the shape of ACRN 3.3's Configurator output for an RT VM:
# its CPUs (LAPIC ids) taken offline by add_cpus, a tap made for it.

# Helpers with the names and the printed words of ACRN 3.x's Configurator
# launch scripts, written for acrn-launch's tests.

function probe_modules() {
    modprobe pci_stub
}

function offline_cpus() {
    for lapic in "$@"; do
        cpu=$(awk -v id="$lapic" '/^processor/ {p = $3} /^apicid/ && $3 == id {print p}' /proc/cpuinfo)
        [ -n "$cpu" ] && [ "$cpu" != 0 ] || continue
        echo 0 > /sys/devices/system/cpu/cpu$cpu/online
        echo $cpu > /sys/devices/virtual/misc/acrn_hsm/remove_cpu
    done
}

function unbind_device() {
    local dir=/sys/bus/pci/devices/$1
    echo "$(cat $dir/vendor) $(cat $dir/device)" > /sys/bus/pci/drivers/pci-stub/new_id
    echo $1 > $dir/driver/unbind
    echo $1 > /sys/bus/pci/drivers/pci-stub/bind
}

function create_tap() {
    ip link show $1 > /dev/null 2>&1 || ip tuntap add dev $1 mode tap
    ip link show acrn-br0 > /dev/null 2>&1 && ip link set $1 master acrn-br0
    ip link set dev $1 up
}

function add_cpus() {
    if [ "${vm_type}" = "RTVM" ] || [ "${scheduler}" = "SCHED_NOOP" ] || [ "${own_pcpu}" = "y" ]; then
        offline_cpus "$@"
    fi
    local IFS=,
    echo -n "--cpu_affinity $*"
}

function add_interrupt_storm_monitor() {
    echo -n "--intr_monitor $1,$2,$3,$4"
}

function add_logger_settings() {
    local out=""
    for pair in "$@"; do
        out="${out:+$out;}${pair%%=*},level=${pair#*=}"
    done
    echo -n "--logger_setting $out"
}

function add_virtual_device() {
    if [ "$2" = "virtio-net" ] && [[ "$3" == tap=* ]]; then
        local tap=${3#tap=}
        create_tap ${tap%%,*} >&2
    fi
    echo -n "-s $1,$2${3:+,$3}"
}

function add_passthrough_device() {
    unbind_device ${2%,*}
    local b=${2#*:} d f
    d=${b#*:}; b=${b%%:*}; f=${d#*.}; d=${d%.*}
    printf -- '-s %s,passthru,%x/%x/%x' $1 $((16#$b)) $((16#$d)) $((16#$f))
    echo -n "${3:+,$3}"
}

vm_type='RTVM'
scheduler='SCHED_BVT'
own_pcpu='n'

probe_modules
host_mac=$(cat /sys/class/net/e*/address)

dm_params=(
    `add_cpus                   4 6`
    -m 1024M
    --ovmf /usr/share/acrn/bios/OVMF.fd
    `add_virtual_device         0:0 hostbridge`
    --virtio_poll 1000000
    `add_virtual_device         3 virtio-console @stdio:stdio_port`
    `add_virtual_device         4 virtio-net tap=RT,mac_seed=${host_mac:0:17}-POST_RT_VM1`
    `add_virtual_device         5 virtio-blk ./core-image-weston-intel-corei7-64.wic`
    `add_interrupt_storm_monitor 10000 10 1 100`
    --rtvm
    --lapic_pt
    `add_logger_settings        console=4 kmsg=3 disk=5`
    POST_RT_VM1
)

echo "Launch device model with parameters: ${dm_params[@]}"
acrn-dm "${dm_params[@]}"
