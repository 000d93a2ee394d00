-- Imported by `acrn-launch import` from the acrn-dm command in 2.7-nuc-win.sh, as read:
--   acrn-dm -A -m 4096M -s 0:0,hostbridge -U d2795438-25d6-11e8-864e-cb7a18b34643 --windows \
--     --logger_setting 'console,level=4;kmsg,level=3;disk,level=5' \
--     -s 6,virtio-blk,./win10-ltsc.img -s 7,virtio-net,tap_WaaG -s 2,passthru,0/2/0 \
--     --ovmf /usr/share/acrn/bios/OVMF.fd --intr_monitor 10000,10,1,100 -s 31:0,lpc \
--     -l com1,stdio -s 5,passthru,00/1f/3 post_vm_id1
-- Note: line 40: the script decides on the host whether to change $audio_option, which
-- acrn-dm's command uses; read as if it does
local acrn = require "acrn"

return acrn.vm {
  name = "post_vm_id1",
  -- target 2.6, the newest release that fits (up to 2.6): -U
  -- d2795438-25d6-11e8-864e-cb7a18b34643 (up to 2.6)
  target = "2.6",
  uuid = "d2795438-25d6-11e8-864e-cb7a18b34643",
  acpi = true,
  memory = "4096M",
  ovmf = "/usr/share/acrn/bios/OVMF.fd",
  intr_monitor = { threshold = 10000, probe_period = 10, delay_time = 1, delay_duration = 100 },
  logger = { console = 4, kmsg = 3, disk = 5 },
  windows = true,
  devices = {
    acrn.hostbridge {},
    acrn.virtio_blk { path = "./win10-ltsc.img", slot = 6 },
    acrn.virtio_net { tap = "tap_WaaG", create = true, bridge = "acrn-br0", slot = 7 },
    acrn.passthru { bdf = "0/2/0", prepare = true, slot = 2 },
    acrn.lpc { com1 = "stdio", slot = 31 },
    acrn.passthru { bdf = "00/1f/3", prepare = true, slot = 5 },
  },
}
