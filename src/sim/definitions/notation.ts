/**
 * The compact notation the simulator's message definitions are written in, and the builder that
 * turns it into the .api.json shape (ApiJsonFile) the codec and the server consume.
 *
 * Messages: `{ request: 0xf9e6675e, fields: 'interface_index sw_if_index' }`: the kind (request,
 * reply, details: each adds its header fields; event, message: fields exactly as written) keyed to
 * the crc, then the fields, then `options` if any. No doc text: VPP's .api files are the reference.
 *
 * Fields, `;`- or newline-separated, much as in VPP's .api language:
 *   `u32 id`                  scalar (any name but the base types means `vl_api_<name>_t`)
 *   `string name[64]`         fixed length;  `string tag[]`: variable, no count field
 *   `fib_path paths[n_paths]` variable-length array counted by the earlier field n_paths
 *   `u32 id = 0xffffffff`     `default` option ("quoted" for a string: VPP writes bool defaults as "true")
 *   `address_union un [discriminator=af]`   any other field options
 * Enums: `'u32: A=1, B, C'` (a value left out is the previous one plus one, from 0).
 * Aliases: `'u8[6]'`, `'u32'`, `'prefix'`. Services: `'reply'`, `'details stream'`,
 * `'reply stream details'` (cursor services), `'reply events ev1 ev2'`.
 */
import type { ApiJsonFile } from '../../api/definitions/index.js';
import { VppstateError } from '../../errors.js';

/** Bad notation in a definition; the message names module, item and field. */
export class SimDefinitionError extends VppstateError {
  constructor(message: string) {
    super('SIM_DEFINITION', message);
  }
}

type Options = Record<string, unknown>;

/**
 * One message: its kind keyed to its crc, then the fields written after the kind's header.
 * `{ request: 0xf9e6675e, fields: 'interface_index sw_if_index' }`.
 */
export interface MessageSpec {
  /** Adds `u16 _vl_msg_id; u32 client_index; u32 context`. */
  readonly request?: number;
  /** Adds `u16 _vl_msg_id; u32 context; i32 retval`. */
  readonly reply?: number;
  /** Adds `u16 _vl_msg_id; u32 context`. */
  readonly details?: number;
  /** An event: the fields exactly as written. */
  readonly event?: number;
  /** A message of unusual shape (a reply without retval…): the fields exactly as written. */
  readonly message?: number;
  readonly fields?: string;
  /** Message options (`vat_help`, `in_progress`, `deprecated`…); `{}` when left out. */
  readonly options?: Options;
}

const HEADERS = {
  request: 'u16 _vl_msg_id; u32 client_index; u32 context',
  reply: 'u16 _vl_msg_id; u32 context; i32 retval',
  details: 'u16 _vl_msg_id; u32 context',
  event: '',
  message: '',
} as const;
const KINDS = Object.keys(HEADERS) as Array<keyof typeof HEADERS>;
const MESSAGE_KEYS = new Set<string>([...KINDS, 'fields', 'options']);

export interface ModuleSpec {
  readonly types?: Record<string, string>;
  readonly messages?: Record<string, MessageSpec>;
  readonly unions?: Record<string, string>;
  readonly enums?: Record<string, string>;
  readonly enumflags?: Record<string, string>;
  readonly services?: Record<string, string>;
  readonly aliases?: Record<string, string>;
}

const BASE_TYPES = new Set(['u8', 'i8', 'u16', 'i16', 'u32', 'i32', 'u64', 'i64', 'f64', 'bool', 'string']);
const ENUM_TYPES = new Set(['u8', 'i8', 'u16', 'i16', 'u32', 'i32']);
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Build one module's ApiJsonFile; throws SimDefinitionError naming module/item/field. */
export function apiModule(module: string, s: ModuleSpec): ApiJsonFile {
  const out: ApiJsonFile = { module };
  const where = (item: string): string => `${module}/${item}`;
  // Sections come out in the order written, so a module reads (and serialises) top-down.
  for (const key of Object.keys(s) as Array<keyof ModuleSpec>) {
    if (key === 'types' || key === 'unions')
      out[key] = entries(s[key], (n, t) => [n, ...parseFields(t, where(n))]);
    else if (key === 'messages') out.messages = entries(s.messages, (n, m) => buildMessage(n, m, where(n)));
    else if (key === 'enums' || key === 'enumflags')
      out[key] = entries(s[key], (n, e) => parseEnum(n, e, where(n), key === 'enumflags'));
    else if (key === 'services') {
      const services: NonNullable<ApiJsonFile['services']> = {};
      for (const [n, text] of Object.entries(s.services ?? {}))
        services[n] = parseService(text, where(`service ${n}`), n, s.messages ?? {});
      out.services = services;
    } else if (key === 'aliases') {
      const aliases: NonNullable<ApiJsonFile['aliases']> = {};
      for (const [n, text] of Object.entries(s.aliases ?? {}))
        aliases[n] = parseAlias(text, where(`alias ${n}`));
      out.aliases = aliases;
    } else throw new SimDefinitionError(`${module}: unknown section "${String(key)}"`);
  }
  return out;
}

function entries<T>(
  rec: Record<string, T> | undefined,
  fn: (name: string, value: T) => unknown[],
): unknown[] {
  return Object.entries(rec ?? {}).map(([n, v]) => fn(n, v));
}

function buildMessage(name: string, m: MessageSpec, where: string): unknown[] {
  const extra = Object.keys(m).filter((k) => !MESSAGE_KEYS.has(k));
  if (extra.length > 0) throw new SimDefinitionError(`${where}: unknown key "${extra[0] ?? ''}"`);
  const kinds = KINDS.filter((k) => m[k] !== undefined);
  const kind = kinds[0];
  if (kind === undefined || kinds.length > 1)
    throw new SimDefinitionError(`${where}: give exactly one of ${KINDS.join(', ')} (its crc)`);
  const crc = m[kind] ?? -1;
  if (!Number.isInteger(crc) || crc < 0 || crc > 0xffffffff)
    throw new SimDefinitionError(`${where}: crc ${String(crc)} is not a 32-bit unsigned integer`);
  const header = HEADERS[kind];
  const fields = parseFields(header ? `${header}; ${m.fields ?? ''}` : (m.fields ?? ''), where);
  if (fields.length === 0) throw new SimDefinitionError(`${where}: a message needs at least _vl_msg_id`);
  return [name, ...fields, { crc: `0x${crc.toString(16).padStart(8, '0')}`, options: m.options ?? {} }];
}

/** Parse a field list into .api.json field tuples: [type, name, length?, countField?, options?]. */
function parseFields(text: string, where: string): unknown[][] {
  const out: unknown[][] = [];
  const seen = new Set<string>();
  for (const raw of text.split(/[;\n]/)) {
    const f = raw.trim();
    if (!f) continue;
    const m = /^(\S+)\s+([^\s[=]+)(?:\[([^\]]*)\])?\s*(?:\[([^\]]*)\])?\s*(?:=\s*(.*))?$/.exec(f);
    if (!m)
      throw new SimDefinitionError(
        `${where}: cannot read field "${f}" (expected "type name[len] = default")`,
      );
    const [, type = '', name = '', len, opts, def] = m;
    const at = `${where}.${name}`;
    if (!IDENT.test(type)) throw new SimDefinitionError(`${at}: bad type "${type}"`);
    if (!IDENT.test(name)) throw new SimDefinitionError(`${where}: bad field name "${name}" in "${f}"`);
    if (seen.has(name)) throw new SimDefinitionError(`${at}: duplicate field`);
    const tuple: unknown[] = [qualify(type), name];
    if (len !== undefined) {
      const l = len.trim();
      if (l === '') tuple.push(0);
      else if (/^\d+$/.test(l)) tuple.push(Number(l));
      else if (seen.has(l)) tuple.push(0, l);
      else throw new SimDefinitionError(`${at}: length "${l}" is neither a number nor an earlier field`);
    }
    const options: Options = {};
    if (opts !== undefined)
      for (const kv of opts.split(',')) {
        const o = /^\s*([A-Za-z_]\w*)\s*=\s*(.+?)\s*$/.exec(kv);
        if (!o) throw new SimDefinitionError(`${at}: cannot read option "${kv.trim()}" (expected key=value)`);
        options[o[1] ?? ''] = parseValue(o[2] ?? '', `${at} option ${o[1] ?? ''}`);
      }
    if (def !== undefined) options.default = parseValue(def.trim(), `${at} default`);
    if (Object.keys(options).length > 0) tuple.push(options);
    seen.add(name);
    out.push(tuple);
  }
  return out;
}

function qualify(type: string): string {
  return BASE_TYPES.has(type) ? type : `vl_api_${type}_t`;
}

function parseValue(text: string, where: string): unknown {
  if (/^-?\d+$/.test(text) || /^0x[0-9a-f]+$/i.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null') return null;
  if (/^"[^"\\]*"$/.test(text)) return text.slice(1, -1);
  if (IDENT.test(text)) return text;
  throw new SimDefinitionError(`${where}: cannot read value "${text}"`);
}

function parseEnum(name: string, text: string, where: string, flags: boolean): unknown[] {
  const m = /^\s*(\w+)\s*:(.*)$/s.exec(text);
  if (!m || !ENUM_TYPES.has(m[1] ?? ''))
    throw new SimDefinitionError(`${where}: expected "<u8|u16|u32|i8|i16|i32>: NAME=value, ..."`);
  const out: unknown[] = [name];
  const names = new Set<string>();
  let next = 0;
  for (const part of (m[2] ?? '').split(',')) {
    const e = /^\s*([A-Za-z_]\w*)\s*(?:=\s*(-?\d+|0x[0-9a-fA-F]+))?\s*$/.exec(part);
    if (!e) throw new SimDefinitionError(`${where}: cannot read enum member "${part.trim()}"`);
    const member = e[1] ?? '';
    if (names.has(member)) throw new SimDefinitionError(`${where}.${member}: duplicate enum member`);
    if (flags && e[2] === undefined)
      throw new SimDefinitionError(`${where}.${member}: enumflags members need an explicit value`);
    const value = e[2] === undefined ? next : Number(e[2]);
    names.add(member);
    out.push([member, value]);
    next = value + 1;
  }
  out.push({ enumtype: m[1] });
  return out;
}

function parseAlias(text: string, where: string): { type: string; length?: number } {
  const m = /^\s*([A-Za-z_]\w*)(?:\[(\d+)\])?\s*$/.exec(text);
  if (!m) throw new SimDefinitionError(`${where}: expected "type" or "type[length]", got "${text}"`);
  const alias: { type: string; length?: number } = { type: qualify(m[1] ?? '') };
  if (m[2] !== undefined) alias.length = Number(m[2]);
  return alias;
}

function parseService(
  text: string,
  where: string,
  requestName: string,
  messages: Record<string, MessageSpec>,
): { reply: string; stream?: boolean; stream_msg?: string; events?: string[] } {
  const [replyName, keyword, ...rest] = text.trim().split(/\s+/);
  const known = (n: string | undefined): string => {
    if (!n || !Object.hasOwn(messages, n))
      throw new SimDefinitionError(`${where}: "${n ?? ''}" is not a message of this module`);
    return n;
  };
  known(requestName);
  const service: { reply: string; stream?: boolean; stream_msg?: string; events?: string[] } = {
    reply: known(replyName),
  };
  if (keyword === 'stream' && rest.length <= 1) {
    service.stream = true;
    if (rest[0] !== undefined) service.stream_msg = known(rest[0]);
  } else if (keyword === 'events' && rest.length > 0) service.events = rest.map(known);
  else if (keyword !== undefined)
    throw new SimDefinitionError(`${where}: expected "reply", "reply stream [msg]" or "reply events e..."`);
  return service;
}
