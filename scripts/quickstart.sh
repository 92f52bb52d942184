#!/usr/bin/env bash
# The README's main command: the quickstart, end to end, on the embedded simulator or (with
# --socket PATH) on a real VPP. Plans and applies examples/quickstart.yaml, makes an out-of-band
# change, shows the drift, applies again (and once more, to show that nothing is sent), exports.
#   npm run quickstart                                  # on the simulator it starts and stops
#   npm run quickstart -- --socket /run/vpp/api.sock   # on that VPP (creates loop0, loop1, VRF 10)
# VPPSTATE_CLI overrides the command run as vppstate (default: node dist/bin/vppstate.js, built if absent).
set -euo pipefail
cd "$(dirname "$0")/.."
socket=''
while [ $# -gt 0 ]; do
  case "$1" in
    --socket) socket="${2:?--socket needs the path of a VPP API socket}"; shift 2 ;;
    --socket=*) socket="${1#--socket=}"; shift ;;
    -h | --help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "quickstart: unknown argument $1 (see --help)" >&2; exit 1 ;;
  esac
done
if [ -n "${VPPSTATE_CLI:-}" ]; then
  read -r -a cli <<<"$VPPSTATE_CLI"
else
  [ -f dist/bin/vppstate.js ] || npm run build --silent
  cli=(node dist/bin/vppstate.js)
fi
vppstate() { "${cli[@]}" "$@"; }
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

dir=$(mktemp -d)
if [ -n "$socket" ]; then
  [ -S "$socket" ] || { echo "quickstart: $socket is not a socket (is VPP running, with socksvr?)" >&2; exit 1; }
  export VPPSTATE_SOCKET="$socket"
  trap 'rm -rf "$dir"' EXIT
  echo "Quickstart on the VPP at $socket"
else
  export VPPSTATE_SOCKET="$dir/vpp-api.sock"
  # Not through the vppstate function: $! must be node itself, or the kill below misses it.
  "${cli[@]}" sim --quiet >"$dir/sim.log" 2>&1 &
  sim=$!
  # (wait reports the simulator's SIGTERM: not the script's exit status)
  trap 'kill $sim 2>/dev/null; wait $sim 2>/dev/null || true; rm -rf "$dir"' EXIT
  for _ in $(seq 300); do [ -S "$VPPSTATE_SOCKET" ] && break; sleep 0.1; done
  [ -S "$VPPSTATE_SOCKET" ] || { echo "the simulator did not start:"; cat "$dir/sim.log"; exit 1; }
fi

config=examples/quickstart.yaml
step "1. vppstate plan $config   (a fresh VPP: everything to create; exit code 2 = changes)"
rc=0; vppstate plan "$config" --detailed-exitcode || rc=$?
[ "$rc" -eq 2 ] || { echo "expected exit code 2, got $rc"; exit 1; }

step "2. vppstate apply $config --yes   (apply, then verify by reading back)"
vppstate apply "$config" --yes

step "3. an out-of-band change: loop1's MTU set to 9000 behind vppstate's back"
index=$(vppstate call sw_interface_dump name_filter_valid=true name_filter=loop1 |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s)[0].sw_if_index))')
vppstate call sw_interface_set_mtu sw_if_index="$index" 'mtu=[9000,0,0,0]' >/dev/null
echo "vppstate call sw_interface_set_mtu sw_if_index=$index mtu=[9000,0,0,0]"

step "4. vppstate drift $config   (exit code 2 = drift)"
rc=0; vppstate drift "$config" || rc=$?
[ "$rc" -eq 2 ] || { echo "expected exit code 2, got $rc"; exit 1; }

step "5. vppstate apply $config --yes   (back in sync)"
vppstate apply "$config" --yes

step "6. vppstate apply $config --yes   (again: nothing to do, no write sent)"
vppstate apply "$config" --yes

step "7. vppstate export | vppstate plan -   (adopting a running VPP: the export plans to nothing)"
vppstate export | vppstate plan - --detailed-exitcode
echo
if [ -n "$socket" ]; then
  echo "Quickstart done: the VPP at $socket holds examples/quickstart.yaml."
else
  echo "Quickstart done: the simulator is stopped. Run it yourself with: vppstate sim --socket /tmp/vpp-api.sock"
fi
