/**
 * The differential harness: runs a scenario on one target (anything speaking VPP's socket
 * protocol) and records every answer — reply, details, events — as plain JSON; compares two
 * recordings field by field, skipping the fields declared volatile per message (VOLATILE), and
 * prints each difference with its step, message, field path and both values.
 */
import { existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { ApiMessage } from '../../src/api/types.js';
import { RawSession, harnessDefinitions, type Exchange, type Received } from './session.js';
import { type Scenario, ScenarioError, resolveArgs, stepsDigest } from './scenario.js';

/** JSON values as recorded: bigints beyond 2^53 as "123n", bytes as hex. */
export type Plain = null | boolean | number | string | Plain[] | { [k: string]: Plain };
export type PlainMessage = { [field: string]: Plain };

export interface StepRecord {
  readonly step: number;
  readonly call: string;
  /** The request as sent (refs resolved to this target's values). */
  readonly args: PlainMessage;
  readonly reply?: { readonly name: string; readonly fields: PlainMessage };
  /** Details in the order sent; cursor services: every round's, concatenated. */
  readonly details?: PlainMessage[];
  /** The details' message name when any was not the service's. */
  readonly detailsNames?: string[];
  /** Cursor services: requests made (VPP pages by time: not compared). */
  readonly rounds?: number;
  /** Messages without our context that arrived after this request and before the next. */
  readonly events?: Array<{ readonly name: string; readonly fields: PlainMessage }>;
  readonly timeout?: true;
}

/** A hardware port as the target showed it before the scenario (its MAC comes from the host). */
export interface PortRecord {
  readonly name: string;
  readonly mac: string;
}

export interface Recording {
  readonly format: 1;
  readonly scenario: string;
  readonly title: string;
  /** stepsDigest of the scenario recorded: another digest means the recording is stale. */
  readonly digest: string;
  readonly target: string;
  readonly hardware: readonly PortRecord[];
  readonly steps: readonly StepRecord[];
}

const HERE = dirname(fileURLToPath(import.meta.url));
export const RECORDINGS_DIR = join(HERE, 'recordings');

// ---- plain values ---------------------------------------------------------------------------

/** Decoded fields as JSON: `_vl_msg_id`, the top-level `context` and `__name` siblings dropped. */
export function plainMessage(m: ApiMessage | Record<string, unknown>): PlainMessage {
  const out: PlainMessage = {};
  for (const [k, v] of Object.entries(m)) {
    if (k === '_vl_msg_id' || k === 'context' || k.endsWith('__name')) continue;
    out[k] = plain(v);
  }
  return out;
}

function plain(v: unknown): Plain {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : `${v}n`;
  if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object') {
    const o: PlainMessage = {};
    for (const [k, x] of Object.entries(v)) if (!k.endsWith('__name')) o[k] = plain(x);
    return o;
  }
  if (v === undefined) return null;
  return v as Plain;
}

// ---- running --------------------------------------------------------------------------------

export const RETVAL_EAGAIN = -165;
const ANY = 0xffffffff;

export interface RunOptions {
  /** Recorded as `target`. */
  readonly target: string;
  /** Per-request timeout (default 10 s). */
  readonly timeoutMs?: number;
}

/** Reads the hardware ports (everything after local0 that exists before the scenario). */
export async function readPorts(socket: string, names: readonly string[]): Promise<PortRecord[]> {
  if (names.length === 0) return [];
  const s = await RawSession.open(socket, 'vppstate-conform-setup');
  try {
    const ex = await s.request('sw_interface_dump', { sw_if_index: ANY, name_filter_valid: false }, 1);
    return names.map((name) => {
      const d = ex.details.find((x) => x.fields.interface_name === name);
      if (!d) throw new ScenarioError(`hardware port ${name} not found on the target`);
      return { name, mac: String(d.fields.l2_address) };
    });
  } finally {
    await s.close();
  }
}

function isCursorService(s: RawSession, name: string): boolean {
  const svc = s.definitions.services.get(name);
  return (
    svc?.streamMsg !== undefined &&
    (s.definitions.messages.get(name)?.fields.some((f) => f.name === 'cursor') ?? false)
  );
}

/**
 * Runs the scenario's steps in order on a fresh target reached at `socket` (the caller made it
 * fresh), one request at a time, each with its step number as context.
 */
export async function runScenario(
  socket: string,
  sc: Scenario,
  hardware: readonly PortRecord[],
  opts: RunOptions,
): Promise<Recording> {
  const s = await RawSession.open(socket);
  const bound = new Map<string, unknown>();
  const steps: StepRecord[] = [];
  let subscribed = false;
  try {
    for (let i = 0; i < sc.steps.length; i++) {
      const st = sc.steps[i]!;
      const n = i + 1;
      const where = `${sc.name} step ${n} (${st.call})`;
      const args = resolveArgs(st.args, bound, where) as ApiMessage;
      let ex: Exchange;
      let rounds: number | undefined;
      const details: Received[] = [];
      if (isCursorService(s, st.call)) {
        rounds = 0;
        let cursor = args.cursor ?? 0;
        for (;;) {
          ex = await s.request(st.call, { ...args, cursor }, n, opts.timeoutMs);
          rounds++;
          details.push(...ex.details);
          if (ex.timeout || ex.reply?.fields.retval !== RETVAL_EAGAIN) break;
          cursor = ex.reply.fields.cursor ?? 0;
          if (rounds > 100_000) throw new ScenarioError(`${where}: the cursor never ends`);
        }
      } else {
        ex = await s.request(st.call, args, n, opts.timeoutMs);
        details.push(...ex.details);
      }
      if (st.call.startsWith('want_') && ex.reply?.fields.retval === 0) subscribed = true;
      if (subscribed) {
        // Events come from a process that runs after the handler: a ping's reply, then a
        // moment of quiet, and everything sent for this step has arrived.
        await s.request('control_ping', {}, 0x7ffffff0, opts.timeoutMs);
        await s.quiet(15);
      }
      const events = s.takeEvents().filter((e) => e.name !== 'control_ping_reply');
      const expectDetails = s.definitions.services.get(st.call)?.stream === true;
      const detailsName =
        s.definitions.services.get(st.call)?.streamMsg ?? s.definitions.services.get(st.call)?.reply;
      const names = details.map((d) => d.name);
      const rec: StepRecord = {
        step: n,
        call: st.call,
        args: plainMessage(args),
        ...(ex.reply ? { reply: { name: ex.reply.name, fields: plainMessage(ex.reply.fields) } } : {}),
        ...(expectDetails || details.length > 0
          ? { details: details.map((d) => plainMessage(d.fields)) }
          : {}),
        ...(names.some((x) => x !== detailsName) ? { detailsNames: names } : {}),
        ...(rounds !== undefined ? { rounds } : {}),
        ...(events.length > 0
          ? { events: events.map((e) => ({ name: e.name, fields: plainMessage(e.fields) })) }
          : {}),
        ...(ex.timeout ? { timeout: true as const } : {}),
      };
      steps.push(rec);
      if (st.bind && ex.reply)
        for (const [name, field] of Object.entries(st.bind)) {
          const v = ex.reply.fields[field];
          if (v === undefined) throw new ScenarioError(`${where}: the reply has no ${field} to bind ${name}`);
          bound.set(name, v);
        }
    }
  } finally {
    await s.close();
  }
  return {
    format: 1,
    scenario: sc.name,
    title: sc.title,
    digest: stepsDigest(sc),
    target: opts.target,
    hardware,
    steps,
  };
}

// ---- recordings on disk ---------------------------------------------------------------------

/** Recordings above this size are stored gzipped. */
const GZIP_ABOVE = 256 * 1024;

export function recordingPath(name: string): string | undefined {
  for (const f of [`${name}.json`, `${name}.json.gz`]) {
    const p = join(RECORDINGS_DIR, f);
    if (existsSync(p)) return p;
  }
  return undefined;
}

export function loadRecording(name: string): Recording | undefined {
  const p = recordingPath(name);
  if (p === undefined) return undefined;
  const raw = readFileSync(p);
  return JSON.parse((p.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8')) as Recording;
}

/** Writes one step per line: diffs of a re-recording stay readable. */
export function saveRecording(r: Recording): string {
  mkdirSync(RECORDINGS_DIR, { recursive: true });
  const { steps, ...head } = r;
  const text =
    `${JSON.stringify(head).slice(0, -1)},"steps":[\n` +
    steps.map((s) => JSON.stringify(s)).join(',\n') +
    '\n]}\n';
  const gz = Buffer.byteLength(text) > GZIP_ABOVE;
  const file = join(RECORDINGS_DIR, `${r.scenario}.json${gz ? '.gz' : ''}`);
  const other = join(RECORDINGS_DIR, `${r.scenario}.json${gz ? '' : '.gz'}`);
  if (existsSync(other)) unlinkSync(other);
  writeFileSync(file, gz ? gzipSync(text, { level: 9 }) : text);
  return file;
}

// ---- comparing ------------------------------------------------------------------------------

/** A field whose value differs from one run of VPP to the next, whatever the scenario. */
export interface VolatileField {
  /** Field path within the message: `vpe_pid`, `sw_if_details[].context`. */
  readonly path: string;
  /** Only for messages where this holds (e.g. one interface type). */
  readonly when?: (m: PlainMessage) => boolean;
  readonly why: string;
}

const isVxlan = (m: PlainMessage): boolean => String(m.interface_name ?? '').startsWith('vxlan_tunnel');

/**
 * Volatile fields, per message (never per scenario). Each was seen to change between two runs
 * of the same scenario on fresh VPPs, or is the host's and not VPP's.
 */
export const VOLATILE: Readonly<Record<string, readonly VolatileField[]>> = {
  control_ping_reply: [{ path: 'vpe_pid', why: "VPP's process id" }],
  show_version_reply: [
    { path: 'build_date', why: 'when this VPP was built; the simulator is no build' },
    { path: 'build_directory', why: 'where this VPP was built' },
  ],
  sw_interface_details: [
    {
      path: 'l2_address',
      when: isVxlan,
      why: 'VPP gives each VXLAN tunnel a random 02:fe:xx:xx:xx:xx MAC (seeded with the time)',
    },
  ],
};

export interface Difference {
  readonly step: number;
  readonly message: string;
  /** `reply.retval`, `details[3].flags`, `events[0].sw_if_index`, `details` (count)… */
  readonly path: string;
  readonly vpp: unknown;
  readonly sim: unknown;
}

export function formatDifference(d: Difference, names = { a: 'VPP', b: 'simulator' }): string {
  const show = (v: unknown): string => (v === undefined ? '(absent)' : JSON.stringify(v));
  return `step ${d.step} ${d.message}: ${d.path}: ${names.a} ${show(d.vpp)}, ${names.b} ${show(d.sim)}`;
}

function volatileFor(message: string, m: PlainMessage): Set<string> {
  const out = new Set<string>();
  for (const v of VOLATILE[message] ?? []) if (!v.when || v.when(m)) out.add(v.path);
  return out;
}

/**
 * Values the host gave each run (the hardware ports' MACs, which VPP draws at random for
 * af_packet): port i's value in one recording equals port i's in the other.
 */
type HostValues = ReadonlyMap<string, string>;

function hostValues(a: Recording, b: Recording): HostValues {
  const m = new Map<string, string>();
  a.hardware.forEach((p, i) => {
    const q = b.hardware[i];
    if (q && q.name === p.name) m.set(p.mac, q.mac);
  });
  return m;
}

function compareFields(
  a: Plain | undefined,
  b: Plain | undefined,
  path: string,
  rel: string,
  vol: ReadonlySet<string>,
  out: Array<{ path: string; a: unknown; b: unknown }>,
  host: HostValues,
): void {
  if (vol.has(rel)) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push({ path: `${path}.length`, a: a.length, b: b.length });
    for (let i = 0; i < Math.min(a.length, b.length); i++)
      compareFields(a[i], b[i], `${path}[${i}]`, `${rel}[]`, vol, out, host);
    return;
  }
  if (
    a !== null &&
    b !== null &&
    typeof a === 'object' &&
    typeof b === 'object' &&
    !Array.isArray(a) &&
    !Array.isArray(b)
  ) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
      compareFields(a[k], b[k], path ? `${path}.${k}` : k, rel ? `${rel}.${k}` : k, vol, out, host);
    return;
  }
  if (a !== b && !(typeof a === 'string' && host.get(a) === b)) out.push({ path, a, b });
}

function compareMessage(
  name: string,
  a: PlainMessage | undefined,
  b: PlainMessage | undefined,
  path: string,
  host: HostValues,
): Array<{ path: string; a: unknown; b: unknown }> {
  const out: Array<{ path: string; a: unknown; b: unknown }> = [];
  if (a === undefined || b === undefined) {
    if (a !== b) out.push({ path, a, b });
    return out;
  }
  const vol = volatileFor(name, a);
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
    compareFields(a[k], b[k], `${path}.${k}`, k, vol, out, host);
  return out;
}

/**
 * Every difference between two recordings of the same scenario, step by step (at most
 * `perStep` per step, counts first).
 */
export function compareRecordings(a: Recording, b: Recording, perStep = 12): Difference[] {
  const out: Difference[] = [];
  const host = hostValues(a, b);
  const n = Math.max(a.steps.length, b.steps.length);
  for (let i = 0; i < n; i++) {
    const x = a.steps[i];
    const y = b.steps[i];
    const step = x?.step ?? y?.step ?? i + 1;
    const message = x?.call ?? y?.call ?? '?';
    const here: Array<{ path: string; a: unknown; b: unknown }> = [];
    if (!x || !y) here.push({ path: 'step', a: x ? 'ran' : undefined, b: y ? 'ran' : undefined });
    else {
      if (x.timeout !== y.timeout)
        here.push({ path: 'timeout', a: x.timeout ?? false, b: y.timeout ?? false });
      if (x.reply?.name !== y.reply?.name)
        here.push({ path: 'reply name', a: x.reply?.name, b: y.reply?.name });
      else if (x.reply && y.reply)
        here.push(...compareMessage(x.reply.name, x.reply.fields, y.reply.fields, 'reply', host));
      const dn = detailsNameOf(message);
      const da = x.details ?? [];
      const db = y.details ?? [];
      if (da.length !== db.length) here.push({ path: 'details (count)', a: da.length, b: db.length });
      if (JSON.stringify(x.detailsNames) !== JSON.stringify(y.detailsNames))
        here.push({ path: 'details names', a: x.detailsNames, b: y.detailsNames });
      for (let k = 0; k < Math.min(da.length, db.length); k++)
        here.push(...compareMessage(x.detailsNames?.[k] ?? dn, da[k], db[k], `details[${k}]`, host));
      const ea = x.events ?? [];
      const eb = y.events ?? [];
      if (ea.length !== eb.length) here.push({ path: 'events (count)', a: ea.length, b: eb.length });
      for (let k = 0; k < Math.min(ea.length, eb.length); k++) {
        const e = ea[k]!;
        const f = eb[k]!;
        if (e.name !== f.name) here.push({ path: `events[${k}] name`, a: e.name, b: f.name });
        else here.push(...compareMessage(e.name, e.fields, f.fields, `events[${k}]`, host));
      }
    }
    for (const d of here.slice(0, perStep)) out.push({ step, message, path: d.path, vpp: d.a, sim: d.b });
    if (here.length > perStep)
      out.push({ step, message, path: `(${here.length - perStep} more)`, vpp: undefined, sim: undefined });
  }
  return out;
}

/** The details message of a dump or cursor service. */
function detailsNameOf(request: string): string {
  const svc = harnessDefinitions().services.get(request);
  return svc?.streamMsg ?? svc?.reply ?? `${request}_details`;
}

/** Count of requests sent, per message, in a set of recordings. */
export function messagesUsed(recs: readonly Recording[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of recs) for (const s of r.steps) m.set(s.call, (m.get(s.call) ?? 0) + (s.rounds ?? 1));
  return m;
}
