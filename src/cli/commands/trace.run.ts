import { spawn } from 'node:child_process';
import type { Command } from 'commander';
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

/** A replay that met an unexpected retval, or a bisect that found nothing. */
export class TraceCommandError extends VppstateError {
  constructor(message: string) {
    super('trace.command', message);
  }
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

export function print(
  file: string,
  o: Range & {
    filter?: string[];
    details?: boolean;
    allFields?: boolean;
    json?: boolean;
    showSecrets?: boolean;
  },
): void {
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
}

export function stats(file: string, o: { filter?: string[]; json?: boolean }): void {
  const s = traceStats(select(readTrace(file), o.filter, {}).map(([, e]) => e));
  process.stdout.write(o.json ? `${JSON.stringify(s, null, 2)}\n` : formatStats(s));
  process.exitCode = 0;
}

export async function replay(
  file: string,
  o: { from?: number; until?: number; continue?: boolean; skipReads?: boolean; quiet?: boolean },
  cmd: Command,
): Promise<void> {
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
    const summary = `replayed ${count(r.sent, 'request')} (${count(r.skipped, 'entry', 'entries')} skipped)${
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
        : `${count(r.problems.length, 'request')} did not go as recorded; the first: #${first.index} ${first.name}: ${first.reason ?? first.status}`,
    );
  } finally {
    await client.disconnect().catch(() => undefined);
  }
}

export async function bisect(
  file: string,
  o: { check: string; reset?: string; from?: number; until?: number },
  cmd: Command,
): Promise<void> {
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
}

const count = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
