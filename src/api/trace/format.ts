/**
 * Messages in the JSON shape of VPP's API trace (`api trace save-json`, `replay-json`): what
 * vppapigen's generated `tojson` functions write, and what their `fromjson` counterparts read.
 *
 * - `_msgname` and `_crc` (8 hex digits, no 0x) first; `_vl_msg_id`, `client_index` and `context`
 *   are left out; every other field, count fields included, in definition order.
 * - Numbers as numbers (u64/i64 as bigint, written as plain digits); bool as true/false; strings
 *   as strings; addresses, prefixes and MACs as text ("10.0.0.1", "10.0.0.0/24", "02:fe:…").
 * - u8 arrays that are not strings or addresses as "0x" + lowercase hex.
 * - An enum as the name of its member, or "Invalid ENUM" when the value is not exactly one
 *   member (VPP's own words: a combination of bits, 0 without a member). VPP's format cannot
 *   say more; vppstate keeps the number beside the message in `_raw` (path → value), so that
 *   its own replay loses nothing. An enumflags type as an array of the names of the members whose
 *   bits are set.
 * - Structs as objects; unions as an object with every member read from the same bytes.
 *
 * VPP's replay-json needs every field of a message (it stops at the first missing one) and
 * crashes on an array where it expects an enum name: this module writes exactly its shape.
 */
import type { ApiDefinitions, MessageDefinition } from '../definitions/index.js';
import type { EnumInfo } from '../codec/enums.js';
import { LayoutResolver, type FieldNode, type Node } from '../codec/layout.js';
import type { ApiMessage, ApiValue } from '../types.js';
import { VppstateError } from '../../errors.js';

/** A JSON value as a trace holds it (u64/i64 may be bigint). */
export type TraceValue =
  null | boolean | number | bigint | string | readonly TraceValue[] | { readonly [k: string]: TraceValue };

/** One message in VPP's trace shape, with whatever vppstate adds under `_` keys. */
export interface TraceMessage {
  _msgname: string;
  _crc: string;
  [field: string]: TraceValue | undefined;
}

/** What VPP writes for an enum value that is not one member. */
export const INVALID_ENUM = 'Invalid ENUM';

/** Fields VPP's tojson leaves out of every message. */
const NOPRINT = new Set(['_vl_msg_id', 'client_index', 'context']);

/** A trace message that cannot be turned back into a request. */
export class TraceFormatError extends VppstateError {
  constructor(message: string) {
    super('trace.format', message);
  }
}

/** `0x` + lowercase hex, as VPP's format_hex_bytes_no_wrap after its "0x". */
export function hexOf(bytes: Uint8Array): string {
  return `0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`;
}

function bytesOfHex(s: string, where: string): Buffer {
  const body = s.startsWith('0x') || s.startsWith('0X') ? s.slice(2) : undefined;
  if (body === undefined || body.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(body))
    throw new TraceFormatError(`${where}: expected bytes as "0x" and hex digits, got ${JSON.stringify(s)}`);
  return Buffer.from(body, 'hex');
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

const pathOf = (base: string, field: string): string => (base ? `${base}.${field}` : field);

/**
 * Converts messages between the client's decoded values (src/api/types.ts) and VPP's trace JSON,
 * driven by the definitions (one instance per definition set; layouts are cached).
 */
export class TraceFormat {
  private readonly resolver: LayoutResolver;
  private readonly layouts = new Map<string, FieldNode[]>();
  constructor(readonly definitions: ApiDefinitions) {
    this.resolver = new LayoutResolver(definitions);
  }

  /** The field layout of a message (throws ApiDefinitionError for an unknown name). */
  fields(name: string): FieldNode[] {
    let f = this.layouts.get(name);
    if (f === undefined) {
      const def = this.definitions.message(name);
      f = this.resolver.fields(def.fields, `${def.file}: message ${name}`);
      this.layouts.set(name, f);
    }
    return f;
  }

  definition(name: string): MessageDefinition {
    return this.definitions.message(name);
  }

  /**
   * A decoded message in VPP's trace shape; enum values VPP cannot name go to `_raw`. With
   * `readable` (output for people, not a trace) such a value is written as its members joined
   * with `|` (or its number) instead of "Invalid ENUM", which the encoder takes back as well.
   */
  toTrace(name: string, msg: ApiMessage, opts: { readable?: boolean } = {}): TraceMessage {
    const def = this.definitions.message(name);
    const out: TraceMessage = { _msgname: name, _crc: def.crc.slice(2) };
    const raw: Record<string, number> = {};
    for (const f of this.fields(name)) {
      if (NOPRINT.has(f.name)) continue;
      out[f.name] = toJson(f.node, msg[f.name], f.name, raw, opts.readable === true);
    }
    if (Object.keys(raw).length > 0 && opts.readable !== true) out._raw = raw;
    return out;
  }

  /**
   * A trace message back into values the encoder takes. `_` keys are ignored except `_raw`,
   * which restores enum values VPP wrote as "Invalid ENUM". Missing fields stay missing (zero).
   */
  fromTrace(msg: Readonly<Record<string, unknown>>, name = String(msg._msgname)): ApiMessage {
    const raw = isObj(msg._raw) ? (msg._raw as Record<string, unknown>) : {};
    const out: ApiMessage = {};
    for (const f of this.fields(name)) {
      if (NOPRINT.has(f.name)) continue;
      const v = msg[f.name];
      if (v === undefined) continue;
      const x = fromJson(f.node, v, f.name, raw, name);
      if (x !== undefined) out[f.name] = x;
    }
    return out;
  }
}

function toJson(
  n: Node,
  v: ApiValue | undefined,
  path: string,
  raw: Record<string, number>,
  readable: boolean,
): TraceValue {
  switch (n.k) {
    case 'scalar':
      if (n.t === 'bool') return v === true || v === 1;
      if (typeof v === 'bigint') return v;
      return typeof v === 'number' ? v : 0;
    case 'enum':
      return enumJson(n.info, typeof v === 'number' ? v : 0, path, raw, readable);
    case 'fmt':
      return typeof v === 'string' ? v : toJson(n.generic, v, path, raw, readable);
    case 'string':
    case 'vstring':
      return typeof v === 'string' ? v : '';
    case 'bytes':
    case 'vbytes':
    case 'restbytes':
      return hexOf(v instanceof Uint8Array ? v : new Uint8Array(0));
    case 'struct': {
      const o: Record<string, TraceValue> = {};
      const src = isObj(v) ? (v as ApiMessage) : {};
      for (const f of n.fields) o[f.name] = toJson(f.node, src[f.name], pathOf(path, f.name), raw, readable);
      return o;
    }
    case 'union': {
      const o: Record<string, TraceValue> = {};
      const src = isObj(v) ? (v as ApiMessage) : {};
      for (const m of n.members) o[m.name] = toJson(m.node, src[m.name], pathOf(path, m.name), raw, readable);
      return o;
    }
    case 'array':
    case 'vla':
    case 'rest': {
      const a = Array.isArray(v) ? (v as readonly ApiValue[]) : [];
      return a.map((x, i) => toJson(n.elem, x, `${path}[${i}]`, raw, readable));
    }
  }
}

function enumJson(
  info: EnumInfo,
  v: number,
  path: string,
  raw: Record<string, number>,
  readable: boolean,
): TraceValue {
  if (info.flags) {
    // vppapigen: every member with a non-zero value whose bits meet the value, in definition order.
    const names: string[] = [];
    for (const [name, bit] of info.members) if (bit !== 0 && (v & bit) !== 0) names.push(name);
    if (names.length === 0 ? v !== 0 : info.valueOf(names) !== v) raw[path] = v;
    return names;
  }
  for (const [name, val] of info.members) if (val === v) return name;
  raw[path] = v;
  return readable ? info.nameOf(v) || v : INVALID_ENUM;
}

function fromJson(
  n: Node,
  v: unknown,
  path: string,
  raw: Record<string, unknown>,
  msg: string,
): ApiValue | undefined {
  const where = `${msg}.${path}`;
  if (v === null || v === undefined) return undefined;
  switch (n.k) {
    case 'scalar':
      if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return v;
      if (typeof v === 'string' && /^-?\d+$/.test(v) && (n.t === 'u64' || n.t === 'i64')) return BigInt(v);
      throw new TraceFormatError(
        `${where}: expected a ${n.t === 'bool' ? 'boolean' : 'number'}, got ${show(v)}`,
      );
    case 'enum': {
      const r = raw[path];
      if (typeof r === 'number') return r;
      if (v === INVALID_ENUM)
        throw new TraceFormatError(
          `${where}: VPP wrote "${INVALID_ENUM}" (a value of ${n.info.name} that is not one member, e.g. 0 or a combination); the value itself is not in the trace`,
        );
      if (typeof v === 'number') return v;
      if (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))) {
        if (n.info.valueOf(v as string | string[]) === undefined)
          throw new TraceFormatError(`${where}: ${show(v)} is not a member of ${n.info.name}`);
        return v as string | string[];
      }
      throw new TraceFormatError(`${where}: expected a member name of ${n.info.name}, got ${show(v)}`);
    }
    case 'fmt':
      return typeof v === 'string' ? v : fromJson(n.generic, v, path, raw, msg);
    case 'string':
    case 'vstring':
      if (typeof v !== 'string') throw new TraceFormatError(`${where}: expected a string, got ${show(v)}`);
      return v;
    case 'bytes':
    case 'vbytes':
    case 'restbytes':
      if (typeof v === 'string') return bytesOfHex(v, where);
      if (v instanceof Uint8Array) return v;
      if (Array.isArray(v)) return v as number[];
      throw new TraceFormatError(`${where}: expected bytes as "0x…", got ${show(v)}`);
    case 'struct':
    case 'union': {
      if (!isObj(v)) {
        // A friendly string where the encoder takes one (address_union "10.0.0.1").
        if (typeof v === 'string') return v;
        throw new TraceFormatError(`${where}: expected an object, got ${show(v)}`);
      }
      const o: ApiMessage = {};
      for (const f of n.k === 'struct' ? n.fields : n.members) {
        const x = fromJson(f.node, v[f.name], pathOf(path, f.name), raw, msg);
        if (x !== undefined) o[f.name] = x;
      }
      return o;
    }
    case 'array':
    case 'vla':
    case 'rest': {
      if (!Array.isArray(v)) throw new TraceFormatError(`${where}: expected an array, got ${show(v)}`);
      return v.map((x, i) => fromJson(n.elem, x, `${path}[${i}]`, raw, msg) ?? 0);
    }
  }
}

function show(v: unknown): string {
  const s = typeof v === 'bigint' ? v.toString() : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/**
 * JSON text of a trace value: bigints as plain digits; `undefined` properties left out. Without
 * `indent` on one line (one message per line in files); with it, indented for people.
 */
export function stringifyTrace(
  x: TraceValue | TraceMessage | readonly TraceMessage[] | undefined,
  indent = '',
  depth = 0,
): string {
  const v = x as TraceValue | undefined;
  if (v === undefined || v === null) return 'null';
  switch (typeof v) {
    case 'bigint':
      return v.toString();
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'string':
      return JSON.stringify(v);
  }
  const nl = indent === '' ? '' : `\n${indent.repeat(depth + 1)}`;
  const end = indent === '' ? '' : `\n${indent.repeat(depth)}`;
  const sep = indent === '' ? ':' : ': ';
  if (Array.isArray(v)) {
    const items = (v as readonly TraceValue[]).map((e) => stringifyTrace(e, indent, depth + 1));
    return items.length === 0 ? '[]' : `[${nl}${items.join(`,${nl}`)}${end}]`;
  }
  const parts: string[] = [];
  for (const [k, e] of Object.entries(v as Record<string, TraceValue | undefined>)) {
    if (e === undefined) continue;
    parts.push(`${JSON.stringify(k)}${sep}${stringifyTrace(e, indent, depth + 1)}`);
  }
  return parts.length === 0 ? '{}' : `{${nl}${parts.join(`,${nl}`)}${end}}`;
}
