import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { globalsOf } from '../../apply/command-support.js';
import { connectVpp } from '../../apply/session.js';
import { bisectTrace } from '../../api/trace/bisect.js';
import { readTrace, type TraceEntry } from '../../api/trace/file.js';
import { stringifyTrace } from '../../api/trace/format.js';
import { maskSecrets } from '../../api/trace/mask.js';
import { formatEntry } from '../../api/trace/print.js';
import { replayTrace, type ReplayStep } from '../../api/trace/replay.js';
import { formatStats, traceStats } from '../../api/trace/stats.js';
import { VppstateError } from '../../errors.js';
import { globToRegExp } from '../../api/definitions/files.js';
import type { RegisterCommand } from './index.js';

/** A replay that met an unexpected retval, or a bisect that found nothing. */
export class TraceCommandError extends VppstateError {
  constructor(message: string) {
    super('trace.command', message);
  }
}

function index(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`not an entry number (1, 2, …): ${value}`);
  return n;
}

interface Range {
  from?: number;
  to?: number;
  until?: number;
}

/** Entries with their 1-based position, filtered by name globs and range. */
function select(
  entries: readonly TraceEntry[],
  filter: string[] | undefined,
  r: Range,
): Array<[number, TraceEntry]> {
  const res = (filter ?? []).flatMap((f) => f.split(',')).map((f) => globToRegExp(f.trim()));
  const last = r.to ?? r.until ?? entries.length;
  const out: Array<[number, TraceEntry]> = [];
  for (let i = r.from ?? 1; i <= Math.min(last, entries.length); i++) {
    const e = entries[i - 1];
    if (res.length === 0 || res.some((re) => re.test(e._msgname))) out.push([i, e]);
  }
  return out;
}

const HELP_FORMAT = `
A trace is a JSON array in the shape of VPP's own API trace (vppctl api trace save-json /
replay-json): one message per element with "_msgname", "_crc" and its fields as VPP writes them.
vppstate writes one with --trace FILE on any command (apply --journal FILE too); what came back
is kept inside each request ("_reply", "_details", "_ms" latency, "_ts" time, "_error"), under
keys VPP's replay ignores. Files written by VPP (/tmp/NAME after \`vppctl api trace save-json
NAME\`) are read as well. Entries are numbered from 1, as \`trace print\` shows them.`;

function stepLine(s: ReplayStep): string {
  const status = s.status === 'ok' ? 'ok' : s.status === 'skipped' ? 'skip' : s.status.toUpperCase();
  const remap = s.remapped.map(([p, a, b]) => `${p} ${a}→${b}`).join(', ');
  const retval = s.retval !== undefined ? ` retval=${s.retval}` : '';
  const tail = [remap, s.reason].filter((x) => x).join('; ');
  return `#${String(s.index).padEnd(5)} ${status.padEnd(10)} ${s.name}${retval}${tail ? `  (${tail})` : ''}`;
}

function runShell(cmd: string, env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', cmd], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, ...env },
    });
    child.on('error', reject);
    child.on('exit', (code, sig) => resolve(code ?? (sig ? 128 : 1)));
  });
}

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
    .action(
      (
        file: string,
        o: Range & {
          filter?: string[];
          details?: boolean;
          allFields?: boolean;
          json?: boolean;
          showSecrets?: boolean;
        },
      ) => {
        const picked = select(readTrace(file), o.filter, o);
        const shown = picked.map(([i, e]) => [i, o.showSecrets ? e : maskSecrets(e)] as const);
        if (o.json) {
          const body = shown.map(([, e]) => stringifyTrace(e)).join(',\n');
          process.stdout.write(`[\n${body}\n]\n`);
        } else {
          const lines = shown.flatMap(([i, e]) =>
            formatEntry(e, i, { details: o.details, allFields: o.allFields }),
          );
          process.stdout.write(lines.length > 0 ? `${lines.join('\n')}\n` : '');
        }
        process.exitCode = 0;
      },
    );

  trace
    .command('stats')
    .description('counts, failures and latency (total, average, p50, p99, max) per message')
    .argument('<file>', 'trace file')
    .option('--filter <msg...>', 'only these messages (names or globs)')
    .option('--json', 'as JSON')
    .action((file: string, o: { filter?: string[]; json?: boolean }) => {
      const s = traceStats(select(readTrace(file), o.filter, {}).map(([, e]) => e));
      process.stdout.write(o.json ? `${JSON.stringify(s, null, 2)}\n` : formatStats(s));
      process.exitCode = 0;
    });

  trace
    .command('replay')
    .description('send the requests of a trace to VPP (--socket) in order, remapping interface indexes')
    .argument('<file>', 'trace file')
    .option('--from <n>', 'first entry to replay', index)
    .option('--until <n>', 'last entry to replay (a prefix of the trace)', index)
    .option('--continue', 'go on after an unexpected retval or a failed request')
    .option('--skip-reads', 'leave out dumps and other reads')
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
    .action(
      async (
        file: string,
        o: { from?: number; until?: number; continue?: boolean; skipReads?: boolean; quiet?: boolean },
        cmd: Command,
      ) => {
        const entries = readTrace(file);
        const client = await connectVpp(globalsOf(cmd));
        try {
          const r = await replayTrace(client, entries, {
            from: o.from,
            until: o.until,
            keepGoing: o.continue,
            skipReads: o.skipReads,
            onStep: (s) => {
              if (s.status === 'skipped' && !o.quiet) return;
              if (o.quiet && s.status === 'ok') return;
              if (s.status !== 'skipped') process.stdout.write(`${stepLine(s)}\n`);
            },
          });
          const remaps = [...r.indexMap].map(([a, b]) => `${a}→${b}`).join(', ');
          const summary = `replayed ${r.sent} requests (${r.skipped} entries skipped)${
            remaps ? `; interface indexes remapped: ${remaps}` : ''
          }`;
          if (r.problems.length === 0) {
            process.stdout.write(`${summary}; every retval as expected\n`);
            process.exitCode = 0;
            return;
          }
          process.stdout.write(`${summary}\n`);
          const first = r.problems[0];
          throw new TraceCommandError(
            r.stoppedAt
              ? `stopped at #${first.index} ${first.name}: ${first.reason ?? first.status} (--continue goes on)`
              : `${r.problems.length} requests did not go as recorded; the first: #${first.index} ${first.name}: ${first.reason ?? first.status}`,
          );
        } finally {
          await client.disconnect().catch(() => undefined);
        }
      },
    );

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
    .action(
      async (
        file: string,
        o: { check: string; reset?: string; from?: number; until?: number },
        cmd: Command,
      ) => {
        const g = globalsOf(cmd);
        const entries = readTrace(file);
        const env = (i: number): Record<string, string> => ({
          VPPSTATE_SOCKET: g.socket,
          VPPSTATE_TRACE_INDEX: String(i),
        });
        const reset = o.reset;
        const found = await bisectTrace(entries, {
          connect: () => connectVpp(g),
          check: async (i) => (await runShell(o.check, env(i))) === 0,
          reset:
            reset === undefined
              ? undefined
              : async () => {
                  const code = await runShell(reset, env(0));
                  if (code !== 0) throw new TraceCommandError(`--reset command exited with ${code}`);
                },
          from: o.from,
          until: o.until,
          onProbe: (i, good) => process.stderr.write(`after #${i}: check ${good ? 'passes' : 'fails'}\n`),
        });
        process.stdout.write(
          `first request after which the check fails: #${found.index} (${found.checks} checks)\n${formatEntry(
            maskSecrets(found.entry),
            found.index,
          ).join('\n')}\n`,
        );
        process.exitCode = 0;
      },
    );
};
