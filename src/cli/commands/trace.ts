import { InvalidArgumentError, type Command } from 'commander';
import { lazyAction } from '../lazy.js';
import type { RegisterCommand } from './index.js';

function index(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`not an entry number (1, 2, …): ${value}`);
  return n;
}

const HELP_FORMAT = `
A trace is a JSON array in the shape of VPP's own API trace (vppctl api trace save-json /
replay-json): one message per element with "_msgname", "_crc" and its fields as VPP writes them.
vppstate writes one with --trace FILE on any command (apply --journal FILE too); what came back
is kept inside each request ("_reply", "_details", "_ms" latency, "_ts" time, "_error"), under
keys VPP's replay ignores. Files written by VPP (/tmp/NAME after \`vppctl api trace save-json
NAME\`) are read as well. Entries are numbered from 1, as \`trace print\` shows them.`;

export const registerTrace: RegisterCommand = (program: Command) => {
  const trace = program
    .command('trace')
    .description(
      'read, summarise, replay and bisect API traces (vppstate --trace FILE, or VPP\u2019s save-json)',
    )
    .addHelpText('after', HELP_FORMAT);

  trace
    .command('print')
    .description('print a trace, one request per line with its reply, latency and errno name')
    .argument('<file>', 'trace file')
    .option('--filter <msg...>', 'only these messages (names or globs, e.g. sw_interface_* ip_route_add_del)')
    .option('--from <n>', 'first entry', index)
    .option('--to <n>', 'last entry', index)
    .option('--details', 'every details message of a dump, not only their number')
    .option('--all-fields', 'every field, zeros included')
    .option('--json', 'the selected entries as a trace (a JSON array VPP\u2019s replay-json takes)')
    .option('--show-secrets', 'print secrets (memif secrets, keys) instead of masking them')
    .addHelpText(
      'after',
      `
Examples:
  vppstate trace print apply.json
  vppstate trace print apply.json --filter 'sw_interface_*' --from 10 --to 40
  vppstate trace print /tmp/vpp-trace.json --json > requests.json`,
    )
    .action(lazyAction(() => import('./trace.run.js').then((m) => ({ run: m.print }))));

  trace
    .command('stats')
    .description('counts, failures and latency (total, average, p50, p99, max) per message')
    .argument('<file>', 'trace file')
    .option('--filter <msg...>', 'only these messages (names or globs)')
    .option('--json', 'as JSON')
    .action(lazyAction(() => import('./trace.run.js').then((m) => ({ run: m.stats }))));

  trace
    .command('replay')
    .description('send the requests of a trace to VPP (--socket) in order, remapping interface indexes')
    .argument('<file>', 'trace file')
    .option('--from <n>', 'first entry to replay', index)
    .option('--until <n>', 'last entry to replay (a prefix of the trace)', index)
    .option('--continue', 'go on after an unexpected retval or a failed request')
    .option('--skip-reads', 'leave out dumps and other reads (show_*, *_get*)')
    .option('-q, --quiet', 'only the summary and problems')
    .addHelpText(
      'after',
      `
Requests go in the order of the trace; connection housekeeping (sockclnt_*, memclnt_*,
get_api_json) and events are skipped. When a reply carries an interface index that differs
from the recorded one (VPP allocates them), later requests get the new one: the index a create
returned in the trace → the one it returns now. The replay stops at the first retval that
differs from the recorded one (for a trace VPP wrote, which has no replies: the first negative
retval) unless --continue.

Examples:
  vppstate --socket /run/vpp/api.sock trace replay apply.json
  vppstate trace replay /tmp/vpp-trace.json --until 120 --continue

Exit code 0 when every retval was as recorded, 1 otherwise.`,
    )
    .action(lazyAction(() => import('./trace.run.js').then((m) => ({ run: m.replay }))));

  trace
    .command('bisect')
    .description('find the first request of a trace after which a check command fails')
    .argument('<file>', 'trace file')
    .requiredOption('--check <cmd>', 'shell command; exit 0 means VPP is good')
    .option(
      '--reset <cmd>',
      'shell command that puts VPP back where the trace starts (enables a binary search)',
    )
    .option('--from <n>', 'first entry', index)
    .option('--until <n>', 'last entry', index)
    .addHelpText(
      'after',
      `
Replays the trace onto VPP (--socket) and runs the check (sh -c CMD, with VPPSTATE_SOCKET and
VPPSTATE_TRACE_INDEX, the last entry replayed, in its environment). Without --reset: one
replay, the check after every request that writes. With --reset: a binary search, each probe
resetting VPP, replaying a prefix and checking (about log2(requests) replays).

Examples:
  vppstate trace bisect apply.json --check 'vppctl show int | grep -q "loop0 .* up"'
  vppstate trace bisect big.json --check ./healthy.sh --reset 'systemctl restart vpp && sleep 2'

Exit code 0 with the request found, 1 when the check fails before the trace or never.`,
    )
    .action(lazyAction(() => import('./trace.run.js').then((m) => ({ run: m.bisect }))));
};
