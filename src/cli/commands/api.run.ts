import type { Command } from 'commander';
import { globalsOf, type Globals } from '../../apply/command-support.js';
import { connectVpp } from '../../apply/session.js';
import type { VppClient } from '../../api/client/client.js';
import { globToRegExp } from '../../api/definitions/files.js';
import { ApiDefinitions } from '../../api/definitions/index.js';
import { describeMessage, listMessages, type ApiListRow } from '../../api/inspect.js';
import { stringifyTrace, TraceFormat } from '../../api/trace/format.js';
import { maskSecrets } from '../../api/trace/mask.js';
import { VppstateError } from '../../errors.js';

export class ApiCommandError extends VppstateError {
  constructor(message: string) {
    super('cli.api', message);
  }
}

/** A name pattern: a glob when it has glob characters, else a substring. */
function matcher(pattern: string | undefined): (name: string) => boolean {
  if (pattern === undefined || pattern === '') return () => true;
  if (/[*?[]/.test(pattern)) {
    const re = globToRegExp(pattern);
    return (n) => re.test(n);
  }
  return (n) => n.includes(pattern);
}

/** Connects, or says why not; undefined when `optional` and VPP cannot be reached. */
async function tryConnect(g: Globals, optional: boolean): Promise<VppClient | undefined> {
  try {
    return await connectVpp(g);
  } catch (err) {
    if (!optional) throw err;
    process.stderr.write(
      `vppstate: VPP not reachable at ${g.socket} (${(err as Error).message}); showing --api-dir ${g.apiDir} alone\n`,
    );
    return undefined;
  }
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return `${rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')).join('\n')}\n`;
}

const AGREEMENT_TEXT: Record<ApiListRow['agreement'], string> = {
  same: 'same',
  'crc-changed': 'crc changed',
  'vpp-only': 'not in local definitions',
  'local-only': 'absent from VPP',
  unknown: '',
};

export async function list(
  pattern: string | undefined,
  o: { requests?: boolean; changed?: boolean; json?: boolean },
  cmd: Command,
): Promise<void> {
  const g = globalsOf(cmd);
  const local = g.apiDir !== undefined ? ApiDefinitions.fromDirectory(g.apiDir) : undefined;
  const client = await tryConnect(g, local !== undefined);
  try {
    const match = matcher(pattern);
    // Without --api-dir, compare with the declarations vppstate ships (VPP v26.10).
    const localCrcs =
      local === undefined ? (await import('../../api/generated/vpp.js')).VPP_MESSAGE_CRCS : undefined;
    const all = listMessages({
      vppTable: client?.messageTable,
      vppDefinitions: client !== undefined && local === undefined ? client.definitions : undefined,
      local,
      localCrcs,
    }).filter((r) => match(r.name));
    const rows = all.filter(
      (r) =>
        (!o.requests || r.kind === 'request') &&
        (!o.changed || (r.agreement !== 'same' && r.agreement !== 'unknown')),
    );
    if (o.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    else if (rows.length > 0) {
      process.stdout.write(
        table([
          ['MESSAGE', 'CRC', 'KIND', 'STATUS', 'LOCAL DEFINITIONS'],
          ...rows.map((r) => [
            r.name,
            r.crc ?? '-',
            r.kind,
            r.status.join(', '),
            r.agreement === 'crc-changed'
              ? `crc changed (local ${r.localCrc ?? '?'})`
              : AGREEMENT_TEXT[r.agreement],
          ]),
        ]),
      );
      const count = (a: ApiListRow['agreement']) => all.filter((r) => r.agreement === a).length;
      const against =
        local !== undefined ? `--api-dir ${g.apiDir}` : 'vppstate\u2019s VPP v26.10 declarations';
      const summary =
        client === undefined
          ? `${rows.length} messages in ${g.apiDir}`
          : `${rows.length} of ${all.length} messages shown; against ${against}: ${count('same')} same, ${count('crc-changed')} crc changed, ${count('vpp-only')} not in local definitions, ${count('local-only')} absent from VPP`;
      process.stdout.write(`\n${summary}\n`);
    } else process.stderr.write(`no message matches ${pattern ?? ''}\n`);
    process.exitCode = 0;
  } finally {
    await client?.disconnect().catch(() => undefined);
  }
}

export async function show(name: string, o: { json?: boolean }, cmd: Command): Promise<void> {
  const g = globalsOf(cmd);
  let defs: ApiDefinitions;
  let client: VppClient | undefined;
  if (g.apiDir !== undefined) defs = ApiDefinitions.fromDirectory(g.apiDir);
  else {
    client = await connectVpp(g);
    defs = client.definitions;
  }
  try {
    const d = describeMessage(defs, name);
    process.stdout.write(o.json ? `${JSON.stringify(d.json, null, 2)}\n` : d.text);
    process.exitCode = 0;
  } finally {
    await client?.disconnect().catch(() => undefined);
  }
}

export async function events(
  names: string[],
  o: { count?: string; showSecrets?: boolean },
  cmd: Command,
): Promise<void> {
  const limit = o.count === undefined ? Infinity : Number(o.count);
  if (!(limit > 0)) throw new ApiCommandError(`--count: not a positive number: ${o.count}`);
  const client = await connectVpp(globalsOf(cmd));
  const defs = client.definitions;
  const subs: Array<{ request: string; events: string[] }> = [];
  for (const n of names) {
    const direct = defs.services.get(n);
    const owner = [...defs.services.values()].find((s) => s.events?.includes(n));
    const svc = direct?.events !== undefined ? direct : owner;
    if (svc === undefined || svc.events === undefined)
      throw new ApiCommandError(
        `${n} is neither a subscription with events nor an event (try: vppstate api list want_)`,
      );
    if (!subs.some((s) => s.request === svc.request)) subs.push({ request: svc.request, events: svc.events });
  }
  const format = new TraceFormat(defs);
  let seen = 0;
  let stop: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (stop = resolve));
  for (const s of subs)
    for (const e of s.events)
      client.on(e, (m) => {
        if (seen >= limit) return;
        seen++;
        const t = { ...format.toTrace(e, m, { readable: true }), _ts: new Date().toISOString() };
        process.stdout.write(`${stringifyTrace(o.showSecrets ? t : maskSecrets(t))}\n`);
        if (seen >= limit) stop();
      });
  const onSignal = (): void => stop();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    for (const s of subs) await client.call(s.request, { enable_disable: 1, pid: process.pid });
    process.stderr.write(`listening for ${subs.flatMap((s) => s.events).join(', ')} (Ctrl-C to stop)\n`);
    await done;
    for (const s of subs)
      await client.call(s.request, { enable_disable: 0, pid: process.pid }).catch(() => undefined);
    process.exitCode = 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await client.disconnect().catch(() => undefined);
  }
}
