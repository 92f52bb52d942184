/**
 * Traces for people: one line per message, numbered as in the file, with the reply (or the
 * number of details), the latency and VPP's errno name for a negative retval.
 *
 *   #3   10:31:46.880  create_loopback_instance is_specified=true user_instance=5
 *                      → retval=0 sw_if_index=2  (28.9 ms)
 */
import { errnoEntry } from '../errno.js';
import type { TraceEntry } from './file.js';
import type { TraceValue } from './format.js';

export interface PrintOptions {
  /** Every field, zeros included (default: fields that are zero, false, empty are left out). */
  readonly allFields?: boolean;
  /** Each details message of a dump on its own line (default: their number). */
  readonly details?: boolean;
}

/** Whether a value says nothing worth reading: 0, false, "", 0x00…, all-zero MAC, empty. */
function isZero(v: TraceValue | undefined): boolean {
  if (v === undefined || v === null || v === 0 || v === 0n || v === false || v === '') return true;
  if (typeof v === 'string') return /^0x(00)*$/.test(v) || v === '00:00:00:00:00:00';
  if (Array.isArray(v)) return (v as readonly TraceValue[]).every(isZero);
  if (typeof v === 'object') return Object.values(v as Record<string, TraceValue>).every(isZero);
  return false;
}

function scalar(v: TraceValue): string {
  if (typeof v === 'string') return /^[\w.:/|+@-]+$/.test(v) ? v : JSON.stringify(v);
  if (typeof v === 'bigint') return v.toString();
  return String(v);
}

/** `a=1 b.c=x d[0].e=y`: nested fields flattened into paths. */
export function formatFields(fields: Readonly<Record<string, unknown>>, opts: PrintOptions = {}): string {
  const parts: string[] = [];
  // Enum values VPP's shape cannot name ("Invalid ENUM") show as the number the trace kept.
  const raw = (fields._raw ?? {}) as Record<string, unknown>;
  const walk = (v: TraceValue, path: string, top = false): void => {
    // A message's own numbers and booleans always show (sw_if_index=0 is local0, is_add=false
    // a delete); inside structs zeros are mostly padding.
    if (!opts.allFields && isZero(v) && !(top && (typeof v === 'number' || typeof v === 'boolean'))) return;
    if (Array.isArray(v)) {
      const a = v as readonly TraceValue[];
      if (!opts.allFields && a.length > 8 && a.some((x) => typeof x === 'object' && x !== null)) {
        parts.push(`${path}=[${a.length} entries]`);
        return;
      }
      // Enum flags and short scalar lists read better whole.
      if (a.every((x) => typeof x !== 'object' || x === null)) {
        parts.push(`${path}=[${a.map((x) => scalar(x)).join(',')}]`);
        return;
      }
      a.forEach((x, i) => walk(x, `${path}[${i}]`));
      return;
    }
    if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v as Record<string, TraceValue>))
        walk(x, path ? `${path}.${k}` : k);
      return;
    }
    const r = raw[path];
    parts.push(`${path}=${typeof r === 'number' ? r : scalar(v)}`);
  };
  for (const [k, v] of Object.entries(fields)) if (!k.startsWith('_')) walk(v as TraceValue, k, true);
  return parts.join(' ');
}

/** HH:MM:SS.mmm of an ISO time (UTC, as written), or blanks when there is none. */
function clock(ts: unknown): string {
  if (typeof ts !== 'string') return ' '.repeat(12);
  const m = /T(\d\d:\d\d:\d\d\.\d{3})/.exec(ts);
  return m ? m[1] : ts.slice(0, 12).padEnd(12);
}

/** `retval=-2 (VNET_API_ERROR_INVALID_SW_IF_INDEX)`-style text of a reply. */
function replyText(reply: Record<string, unknown>, opts: PrintOptions): string {
  const retval = reply.retval;
  let text = formatFields(Object.fromEntries(Object.entries(reply).filter(([k]) => k !== 'retval')), opts);
  if (typeof retval === 'number') {
    const e = retval < 0 ? errnoEntry(retval) : undefined;
    const head = `retval=${retval}${retval < 0 ? ` ${e?.name ?? 'UNKNOWN_ERROR'}` : ''}`;
    text = text ? `${head} ${text}` : head;
  }
  return text;
}

function ms(x: unknown): string {
  return typeof x === 'number' ? `  (${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms)` : '';
}

/** The lines of one entry (index is its 1-based position in the file). */
export function formatEntry(e: TraceEntry, index: number, opts: PrintOptions = {}): string[] {
  const num = `#${index}`.padEnd(6);
  const head = `${num}${clock(e._ts)}  `;
  const pad = ' '.repeat(head.length);
  const fields = formatFields(e, opts);
  if (e._dir === 'rx') return [`${head}← ${e._msgname}${fields ? ` ${fields}` : ''}`];
  const lines = [`${head}${e._msgname}${fields ? ` ${fields}` : ''}`];
  const reply = e._reply as Record<string, unknown> | undefined;
  const details = Array.isArray(e._details) ? (e._details as Array<Record<string, unknown>>) : undefined;
  if (typeof e._error === 'string') lines.push(`${pad}→ ${e._error}${ms(e._ms)}`);
  else if (details !== undefined) {
    const tail = reply !== undefined ? `; ${reply._msgname as string} ${replyText(reply, opts)}` : '';
    lines.push(`${pad}→ ${details.length} details${tail}${ms(e._ms)}`);
    if (opts.details)
      for (const d of details) lines.push(`${pad}    ${d._msgname as string} ${formatFields(d, opts)}`);
  } else if (reply !== undefined) lines.push(`${pad}→ ${replyText(reply, opts)}${ms(e._ms)}`);
  return lines;
}

/** Whether an entry's outcome is an error: a negative retval, or no reply at all. */
export function entryFailed(e: TraceEntry): boolean {
  if (typeof e._error === 'string') return true;
  const r = e._reply as Record<string, unknown> | undefined;
  return typeof r?.retval === 'number' && r.retval < 0;
}
