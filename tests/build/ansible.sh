#!/bin/sh
# The Ansible role contrib/ansible/roles/acrn_vm with Debian's ansible-core
# on this machine (local connection, the launcher of BUILD-DIR, the stand-in
# acrn-dm): check mode changes nothing, a real run puts the checked recipes
# in place, a second run changes nothing, and a recipe acrn-launch refuses
# is not put in place.  systemd is left out (acrn_vm_manage_service: false).
#
#   tests/build/ansible.sh BUILD-DIR
set -eu
cd "$(dirname "$0")/../.."
launcher=$(cd "${1:?usage: ansible.sh BUILD-DIR}" && pwd)/acrn-launch
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
head -c 4096 /dev/zero > "$work/bzImage"
head -c 1048576 /dev/zero > "$work/web.img"
export ANSIBLE_ROLES_PATH="$PWD/contrib/ansible/roles" ANSIBLE_NOCOLOR=1 \
  ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false
play() { # LOG ARGS...
  log=$1
  shift
  ansible-playbook -i localhost, contrib/ansible/tests/test.yml \
    -e "launcher=$launcher" -e "work=$work" -e "stand_in_dm=$PWD/tests/stand-in/acrn-dm" \
    "$@" > "$log" 2>&1
}
recap() { # LOG -> "ok=N changed=N ... failed=N"
  sed -n 's/^localhost *: //p' "$1" | tr -s ' '
}
changed() { recap "$1" | sed 's/.*changed=\([0-9]*\).*/\1/'; }
failed() { recap "$1" | sed 's/.*failed=\([0-9]*\).*/\1/'; }
fail() {
  echo "ansible: $1" >&2
  cat "$2" >&2
  exit 1
}

play "$work/check.log" --check || fail "check mode failed" "$work/check.log"
[ "$(changed "$work/check.log")" -gt 0 ] || fail "check mode saw nothing to change" "$work/check.log"
[ ! -e "$work/vms" ] || fail "check mode changed the host" "$work/check.log"
echo "check mode:  $(recap "$work/check.log")"

play "$work/run1.log" || fail "the first run failed" "$work/run1.log"
[ "$(changed "$work/run1.log")" -gt 0 ] || fail "the first run changed nothing" "$work/run1.log"
for name in web db; do
  "$launcher" -n "$work/vms/$name.lua" > /dev/null || fail "vms/$name.lua does not build" "$work/run1.log"
done
grep -q 'pm_notify_channel = "power_button"' "$work/vms/web.lua" ||
  fail "the recipe lacks its power management channel" "$work/run1.log"
echo "first run:   $(recap "$work/run1.log")"

play "$work/run2.log" || fail "the second run failed" "$work/run2.log"
[ "$(changed "$work/run2.log")" -eq 0 ] || fail "the second run changed something" "$work/run2.log"
echo "second run:  $(recap "$work/run2.log")"

# a recipe acrn-launch refuses (memory below 128 MiB) is not put in place
cp "$work/vms/db.lua" "$work/db.before"
if play "$work/bad.log" -e db_memory=64M; then
  fail "a refused recipe was accepted" "$work/bad.log"
fi
[ "$(failed "$work/bad.log")" -gt 0 ] || fail "no task failed" "$work/bad.log"
grep -q "failed to validate" "$work/bad.log" || fail "the failure is not the validation" "$work/bad.log"
cmp -s "$work/db.before" "$work/vms/db.lua" || fail "the refused recipe replaced the old one" "$work/bad.log"
echo "refused:     $(recap "$work/bad.log")"
