/**
 * Replaying a trace onto a VPP: its requests in order, with interface indexes remapped.
 *
 * VPP allocates sw_if_index values itself, so an interface created during the replay may get
 * another index than it got when the trace was recorded. Each reply that carries an interface
 * index (create_loopback_instance_reply, create_subif_reply, memif_create_reply…) is compared
 * with the recorded one, and every later request carries the index VPP gave now: the index a
 * create returned in the trace → the one it returns now. Fields holding interface indexes are
 * found by type (`interface_index`) or name (`sw_if_index`, `*_sw_if_index`), at any depth.
 *
 * A trace written by VPP (`api trace save-json`) holds requests only: it replays the same, but
 * without recorded replies there is nothing to remap from, and any negative retval is
 * unexpected.
 */
import type { ApiDefinitions, FieldDefinition } from '../definitions/index.js';
import { BASE_TYPES } from '../definitions/index.js';
import { VppApiError } from '../client/errors.js';
import { errnoEntry } from '../errno.js';
import type { ApiMessage, CallOptions } from '../types.js';
import type { TraceEntry } from './file.js';
import { TraceFormat } from './format.js';

/** What the replay needs of a client (VppClient has it). */
export interface ReplayClient {
  readonly definitions: ApiDefinitions;
  call(name: string, args?: ApiMessage, opts?: CallOptions): Promise<ApiMessage>;
  dump(name: string, args?: ApiMessage, opts?: CallOptions): Promise<ApiMessage[]>;
}

/** Messages that belong to a connection, not to what a client asked of VPP: never replayed. */
const SESSION = /^(sockclnt_|memclnt_|get_api_json$|trace_plugin_msg_ids$|rpc_call|unknown_message_id_)/;

const NO_INDEX = 0xffffffff;

export type StepStatus = 'ok' | 'skipped' | 'unexpected' | 'failed';

export interface ReplayStep {
  /** 1-based position in the trace. */
  readonly index: number;
  readonly name: string;
  readonly status: StepStatus;
  /** Why it was skipped, or what went wrong. */
  readonly reason?: string;
  readonly retval?: number;
  /** The retval the trace recorded, when it has one. */
  readonly expected?: number;
  /** Interface indexes changed in this request: [field path, recorded, sent]. */
  readonly remapped: ReadonlyArray<readonly [string, number, number]>;
  /** Whether it only reads (a dump or a stream service). */
  readonly read: boolean;
}

export interface ReplayOptions {
  /** First entry to replay (1-based, default 1). */
  readonly from?: number;
  /** Last entry to replay (1-based, inclusive; default the last). */
  readonly until?: number;
  /** Go on after an unexpected retval or a failed request (default: stop at the first). */
  readonly keepGoing?: boolean;
  /** Leave out dumps and stream services. */
  readonly skipReads?: boolean;
  /** Called after each entry (also skipped ones). */
  readonly onStep?: (step: ReplayStep) => void | Promise<void>;
  /** Recorded interface index → index now, carried over from an earlier replay. */
  readonly indexMap?: Map<number, number>;
}

export interface ReplayResult {
  readonly steps: readonly ReplayStep[];
  /** Requests sent. */
  readonly sent: number;
  readonly skipped: number;
  /** The step that stopped the replay (unexpected or failed), unless keepGoing. */
  readonly stoppedAt?: ReplayStep;
  readonly problems: readonly ReplayStep[];
  /** Recorded → replayed interface indexes that differed. */
  readonly indexMap: ReadonlyMap<number, number>;
}

/** Whether a field holds an interface index. */
function isIndexField(f: FieldDefinition): boolean {
  const t = f.type.replace(/^vl_api_(.*)_t$/, '$1');
  return t === 'interface_index' || (f.type === 'u32' && /(^|_)sw_if_index$/.test(f.name));
}

/**
 * Visits every interface-index value in a JSON message (recursing into types and arrays), and
 * replaces it with what `fn` returns.
 */
export function mapIndexFields(
  defs: ApiDefinitions,
  fields: readonly FieldDefinition[],
  value: Readonly<Record<string, unknown>>,
  fn: (v: number, path: string) => number,
  path = '',
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...value };
  for (const f of fields) {
    const v = value[f.name];
    if (v === undefined || v === null) continue;
    const p = path ? `${path}.${f.name}` : f.name;
    const one = (x: unknown, q: string): unknown => {
      if (isIndexField(f)) return typeof x === 'number' ? fn(x, q) : x;
      const sub = structFields(defs, f.type);
      if (sub !== undefined && typeof x === 'object' && x !== null && !Array.isArray(x))
        return mapIndexFields(defs, sub, x as Record<string, unknown>, fn, q);
      return x;
    };
    out[f.name] =
      Array.isArray(v) && f.length !== undefined ? v.map((x, i) => one(x, `${p}[${i}]`)) : one(v, p);
  }
  return out;
}

function structFields(defs: ApiDefinitions, type: string): FieldDefinition[] | undefined {
  if (BASE_TYPES.has(type)) return undefined;
  let t = defs.types.get(type.replace(/^vl_api_(.*)_t$/, '$1'));
  // Aliases of types (address_with_prefix → prefix) lead to the struct.
  for (let i = 0; t?.kind === 'alias' && i < 8; i++)
    t = defs.types.get(t.type.replace(/^vl_api_(.*)_t$/, '$1'));
  return t !== undefined && (t.kind === 'type' || t.kind === 'union') ? t.fields : undefined;
}

/** Requests that only read by their names (VPP's habit): show_version, sw_interface_get_table… */
const READ_NAME = /^(show_|get_|control_ping$)|_get(_[a-z0-9]+)?$|_dump$|_is_enabled$/;

/** Whether a request only reads: a dump or stream service, or a show_* / *_get* request. */
export function isReadRequest(defs: ApiDefinitions, name: string): boolean {
  const s = defs.services.get(name);
  return (s !== undefined && (s.stream || s.streamMsg !== undefined)) || READ_NAME.test(name);
}

/** Why an entry is not replayed, or undefined when it is a request to send. */
export function skipReason(defs: ApiDefinitions, e: TraceEntry): string | undefined {
  if (e._dir === 'rx') return 'received from VPP (event)';
  if (SESSION.test(e._msgname)) return 'connection housekeeping';
  if (!defs.messages.has(e._msgname)) return 'not in this VPP\u2019s definitions';
  if (!defs.services.has(e._msgname)) return 'not a request (no service answers it)';
  return undefined;
}

/** Replays entries onto a connected client; see the module comment. */
export async function replayTrace(
  client: ReplayClient,
  entries: readonly TraceEntry[],
  opts: ReplayOptions = {},
): Promise<ReplayResult> {
  const defs = client.definitions;
  const format = new TraceFormat(defs);
  const map = opts.indexMap ?? new Map<number, number>();
  const steps: ReplayStep[] = [];
  const problems: ReplayStep[] = [];
  let sent = 0;
  let skipped = 0;
  let stoppedAt: ReplayStep | undefined;
  const from = Math.max(1, opts.from ?? 1);
  const until = Math.min(entries.length, opts.until ?? entries.length);
  for (let i = from; i <= until; i++) {
    const e = entries[i - 1];
    const name = e._msgname;
    const read = defs.messages.has(name) && isReadRequest(defs, name);
    let step: ReplayStep;
    const why = skipReason(defs, e) ?? (read && opts.skipReads ? 'a read (--skip-reads)' : undefined);
    if (why !== undefined) {
      step = { index: i, name, status: 'skipped', reason: why, remapped: [], read };
      skipped++;
    } else {
      step = await replayOne(client, format, e, i, map, read);
      sent++;
    }
    steps.push(step);
    if (step.status === 'unexpected' || step.status === 'failed') problems.push(step);
    await opts.onStep?.(step);
    if (problems.length > 0 && !opts.keepGoing) {
      stoppedAt = step;
      break;
    }
  }
  return { steps, sent, skipped, stoppedAt, problems, indexMap: map };
}

async function replayOne(
  client: ReplayClient,
  format: TraceFormat,
  e: TraceEntry,
  index: number,
  map: Map<number, number>,
  read: boolean,
): Promise<ReplayStep> {
  const defs = format.definitions;
  const name = e._msgname;
  const def = defs.message(name);
  const remapped: Array<readonly [string, number, number]> = [];
  const recordedReply =
    typeof e._reply === 'object' && e._reply !== null ? (e._reply as Record<string, unknown>) : undefined;
  const expected = typeof recordedReply?.retval === 'number' ? recordedReply.retval : undefined;
  const crcNote =
    e._crc !== '' && e._crc !== def.crc.slice(2)
      ? `recorded with crc ${e._crc}, this VPP has ${def.crc.slice(2)}`
      : undefined;
  let args: ApiMessage;
  try {
    const moved = mapIndexFields(defs, def.fields, e, (v, path) => {
      const to = v === NO_INDEX ? undefined : map.get(v);
      if (to === undefined || to === v) return v;
      remapped.push([path, v, to]);
      return to;
    });
    args = format.fromTrace(moved, name);
  } catch (err) {
    const reason = `${(err as Error).message}${crcNote ? ` (${crcNote})` : ''}`;
    return { index, name, status: 'failed', reason, remapped, read };
  }
  let reply: ApiMessage | undefined;
  let retval: number | undefined;
  try {
    const svc = defs.services.get(name);
    if (svc !== undefined && (svc.stream || svc.streamMsg !== undefined)) await client.dump(name, args);
    else {
      reply = await client.call(name, args);
      retval = typeof reply.retval === 'number' ? reply.retval : undefined;
    }
  } catch (err) {
    if (!(err instanceof VppApiError)) {
      return { index, name, status: 'failed', reason: (err as Error).message, remapped, read };
    }
    retval = err.retval;
  }
  if (reply !== undefined && recordedReply !== undefined) learn(defs, name, recordedReply, reply, map);
  const unexpected = expected !== undefined ? retval !== undefined && retval !== expected : (retval ?? 0) < 0;
  if (!unexpected)
    return {
      index,
      name,
      status: 'ok',
      retval,
      expected,
      remapped,
      read,
      ...(crcNote ? { reason: crcNote } : {}),
    };
  const got = retval !== undefined ? `${retval} ${errnoEntry(retval)?.name ?? ''}`.trim() : 'no retval';
  const want = expected !== undefined ? `; the trace recorded ${expected}` : '';
  return {
    index,
    name,
    status: 'unexpected',
    reason: `VPP answered ${got}${want}`,
    retval,
    expected,
    remapped,
    read,
  };
}

/** Recorded reply vs reply now: interface indexes that differ join the map. */
function learn(
  defs: ApiDefinitions,
  request: string,
  recorded: Readonly<Record<string, unknown>>,
  now: ApiMessage,
  map: Map<number, number>,
): void {
  const replyName = defs.services.get(request)?.reply;
  const rdef = replyName !== undefined ? defs.messages.get(replyName) : undefined;
  if (rdef === undefined) return;
  mapIndexFields(defs, rdef.fields, recorded, (old, path) => {
    const v = valueAt(now, path);
    if (typeof v === 'number' && old !== NO_INDEX && v !== NO_INDEX) {
      if (v === old) map.delete(old);
      else map.set(old, v);
    }
    return old;
  });
}

function valueAt(m: ApiMessage, path: string): unknown {
  let cur: unknown = m;
  for (const part of path.split(/\.|\[(\d+)\]/).filter((x) => x !== undefined && x !== '')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}
