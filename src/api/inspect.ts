/**
 * Looking at an API: which messages a VPP offers compared with local definitions (`vppstate api
 * list`), and one message or type described for people (`vppstate api show`).
 */
import { ApiDefinitionError } from './errors.js';
import {
  BASE_TYPES,
  shortTypeName,
  type ApiDefinitions,
  type FieldDefinition,
  type ServiceDefinition,
} from './definitions/index.js';

export type MessageKind = 'request' | 'reply' | 'details' | 'event' | 'other';

/**
 * How VPP and the local definitions agree on one message: the same crc, a changed crc, only in
 * VPP, only local; `unknown` when there is nothing to compare with.
 */
export type Agreement = 'same' | 'crc-changed' | 'vpp-only' | 'local-only' | 'unknown';

export interface ApiListRow {
  readonly name: string;
  /** VPP's crc (8 hex digits), when VPP offers the message. */
  readonly crc?: string;
  /** The local definitions' crc, when they have it. */
  readonly localCrc?: string;
  readonly kind: MessageKind;
  /** `deprecated`, `in progress`, as the definitions say. */
  readonly status: readonly string[];
  readonly agreement: Agreement;
}

export interface ListSources {
  /** VPP's message table (`name_crc` → id), from the handshake. */
  readonly vppTable?: ReadonlyMap<string, number>;
  /** VPP's own definitions (get_api_json), for kinds and status. */
  readonly vppDefinitions?: ApiDefinitions;
  /** The local definitions to compare with (an --api-dir). */
  readonly local?: ApiDefinitions;
  /** Or just their crcs by name (the shipped declarations'). */
  readonly localCrcs?: Readonly<Record<string, string>>;
}

/** `name_crc` → [name, crc]. */
function splitNameCrc(nameCrc: string): [string, string] {
  const cut = nameCrc.lastIndexOf('_');
  return cut > 0 ? [nameCrc.slice(0, cut), nameCrc.slice(cut + 1)] : [nameCrc, ''];
}

function kinds(defs: ApiDefinitions | undefined): Map<string, MessageKind> {
  const out = new Map<string, MessageKind>();
  if (defs === undefined) return out;
  for (const s of defs.services.values()) {
    out.set(s.request, 'request');
    if (s.streamMsg !== undefined) out.set(s.streamMsg, 'details');
    if (s.reply !== 'null' && !out.has(s.reply))
      out.set(s.reply, s.stream && s.streamMsg === undefined ? 'details' : 'reply');
    for (const e of s.events ?? []) if (!out.has(e)) out.set(e, 'event');
  }
  return out;
}

/** Every message VPP offers and/or the local definitions hold, sorted by name. */
export function listMessages(src: ListSources): ApiListRow[] {
  const vpp = new Map<string, string>();
  for (const nameCrc of src.vppTable?.keys() ?? []) {
    const [n, c] = splitNameCrc(nameCrc);
    vpp.set(n, c);
  }
  const local = new Map<string, string>();
  if (src.local !== undefined) for (const m of src.local.messages.values()) local.set(m.name, m.crc.slice(2));
  else if (src.localCrcs !== undefined)
    for (const [n, c] of Object.entries(src.localCrcs)) local.set(n, c.replace(/^0x/, ''));
  const haveLocal = src.local !== undefined || src.localCrcs !== undefined;
  const defs = src.vppDefinitions ?? src.local;
  const kindOf = kinds(defs);
  const names = new Set([...vpp.keys(), ...(src.vppTable === undefined || haveLocal ? local.keys() : [])]);
  const rows: ApiListRow[] = [];
  for (const name of [...names].sort()) {
    const crc = vpp.get(name);
    const localCrc = local.get(name);
    let agreement: Agreement = 'unknown';
    if (src.vppTable !== undefined && haveLocal) {
      if (crc !== undefined && localCrc !== undefined) agreement = crc === localCrc ? 'same' : 'crc-changed';
      else agreement = crc !== undefined ? 'vpp-only' : 'local-only';
    }
    const def = defs?.messages.get(name);
    const status: string[] = [];
    if (def?.deprecated) status.push('deprecated');
    if (def?.inProgress) status.push('in progress');
    rows.push({
      name,
      ...(crc !== undefined
        ? { crc }
        : src.vppTable === undefined && localCrc !== undefined
          ? { crc: localCrc }
          : {}),
      ...(localCrc !== undefined ? { localCrc } : {}),
      kind: kindOf.get(name) ?? (name.endsWith('_reply') ? 'reply' : 'other'),
      status,
      agreement,
    });
  }
  return rows;
}

const HIDDEN = new Set(['_vl_msg_id', 'client_index', 'context']);

/** What text forms the codec takes and gives for the friendly types. */
const FRIENDLY: Record<string, string> = {
  ip4_address: 'IPv4 address, "192.0.2.1"',
  ip6_address: 'IPv6 address, "2001:db8::1"',
  address: 'IP address, "192.0.2.1" or "2001:db8::1"',
  prefix: 'IP prefix, "10.0.0.0/24"',
  address_with_prefix: 'address with prefix length, "10.0.0.1/24"',
  ip4_prefix: 'IPv4 prefix, "10.0.0.0/24"',
  ip6_prefix: 'IPv6 prefix, "2001:db8::/32"',
  ip4_address_with_prefix: 'IPv4 address with prefix length, "10.0.0.1/24"',
  ip6_address_with_prefix: 'IPv6 address with prefix length, "2001:db8::1/64"',
  mac_address: 'MAC address, "02:fe:00:00:00:01"',
};

class Describer {
  readonly lines: string[] = [];
  private readonly expanded = new Set<string>();
  constructor(private readonly defs: ApiDefinitions) {}

  fields(list: readonly FieldDefinition[], indent: string, all = false): void {
    const shown = list.filter((f) => all || !HIDDEN.has(f.name));
    if (shown.length === 0) {
      this.lines.push(`${indent}(no fields)`);
      return;
    }
    const width = Math.max(...shown.map((f) => f.name.length));
    for (const f of shown) {
      const { text, nested } = this.typeText(f);
      const dflt = f.options?.default !== undefined ? `  (default ${JSON.stringify(f.options.default)})` : '';
      this.lines.push(`${indent}${f.name.padEnd(width)}  ${text}${dflt}`);
      nested?.(`${indent}    `);
    }
  }

  /** A field's type in words, and (for structs, unions and enums) what to print beneath it. */
  private typeText(f: FieldDefinition): { text: string; nested?: (indent: string) => void } {
    const t = f.type;
    const arr = (base: string): string =>
      f.countField !== undefined
        ? `${base}[] (count in ${f.countField})`
        : f.length === 0
          ? `${base}[] (to the end of the message)`
          : f.length !== undefined
            ? `${base}[${f.length}]`
            : base;
    if (t === 'string')
      return {
        text:
          f.length !== undefined && f.length > 0
            ? `string (at most ${f.length - 1} characters)`
            : 'string (variable length)',
      };
    if (t === 'u8' && f.length !== undefined)
      return {
        text: f.countField !== undefined ? `bytes (length in ${f.countField})` : `bytes[${f.length}]`,
      };
    if (BASE_TYPES.has(t)) return { text: arr(t) };
    const short = shortTypeName(t);
    const def = this.defs.types.get(short);
    if (def === undefined) return { text: arr(`${short} (unknown type)`) };
    const friendly = FRIENDLY[short];
    if (friendly !== undefined) return { text: arr(`${short} (${friendly})`) };
    switch (def.kind) {
      case 'alias':
        return {
          text: arr(`${short} (${def.type}${def.length !== undefined ? `[${def.length}]` : ''})`),
        };
      case 'enum':
      case 'enumflag': {
        const what = def.kind === 'enum' ? 'enum' : 'flags';
        return {
          text: arr(`${short} (${what} ${def.enumtype})`),
          nested: (indent) => this.members(short, def.members, indent),
        };
      }
      case 'type':
      case 'union':
        return {
          text: arr(`${short} (${def.kind === 'type' ? 'struct' : 'union: one of'})`),
          nested: (indent) => {
            if (this.expanded.has(short)) {
              this.lines.push(`${indent}(fields of ${short} as above)`);
              return;
            }
            this.expanded.add(short);
            this.fields(def.fields, indent, true);
          },
        };
    }
  }

  private members(name: string, members: ReadonlyArray<readonly [string, number]>, indent: string): void {
    if (this.expanded.has(name)) {
      this.lines.push(`${indent}(members of ${name} as above)`);
      return;
    }
    this.expanded.add(name);
    const line = members.map(([n, v]) => `${n}=${v}`);
    for (let i = 0; i < line.length; i += 3) this.lines.push(`${indent}${line.slice(i, i + 3).join('  ')}`);
  }
}

function serviceOf(defs: ApiDefinitions, name: string): ServiceDefinition | undefined {
  const own = defs.services.get(name);
  if (own !== undefined) return own;
  for (const s of defs.services.values())
    if (s.reply === name || s.streamMsg === name || s.events?.includes(name)) return s;
  return undefined;
}

/** `vppstate api show`: a message or a type, in words; and its definition as JSON. */
export function describeMessage(defs: ApiDefinitions, name: string): { text: string; json: unknown } {
  const d = new Describer(defs);
  const msg = defs.messages.get(name);
  if (msg === undefined) {
    const t = defs.types.get(shortTypeName(name));
    if (t === undefined) {
      const near = [...defs.messages.keys()].filter((n) => n.includes(name)).slice(0, 8);
      throw new ApiDefinitionError(
        `no message or type ${name}${near.length > 0 ? `; did you mean: ${near.join(', ')}` : ''}`,
      );
    }
    d.lines.push(`${t.name}  ${t.kind === 'type' ? 'struct' : t.kind}  (${t.file})`);
    switch (t.kind) {
      case 'type':
      case 'union':
        d.fields(t.fields, '  ', true);
        break;
      case 'alias':
        d.lines.push(`  ${t.type}${t.length !== undefined ? `[${t.length}]` : ''}`);
        break;
      default:
        for (const [n, v] of t.members) d.lines.push(`  ${n} = ${v}`);
    }
    return { text: `${d.lines.join('\n')}\n`, json: t };
  }
  const status = [msg.deprecated ? 'deprecated' : '', msg.inProgress ? 'in progress' : ''].filter((x) => x);
  const replacedBy = msg.options?.replaced_by;
  d.lines.push(
    `${msg.name}  crc ${msg.crc.slice(2)}  (${msg.file})${status.length > 0 ? `  [${status.join(', ')}]` : ''}`,
  );
  if (typeof replacedBy === 'string') d.lines.push(`  replaced by ${replacedBy}`);
  const svc = serviceOf(defs, name);
  if (svc !== undefined) {
    if (svc.request === name) {
      if (svc.streamMsg !== undefined)
        d.lines.push(
          `  a stream: VPP answers with ${svc.streamMsg} messages, then ${svc.reply} (retval, cursor: -165 means call again from the cursor)`,
        );
      else if (svc.stream)
        d.lines.push(
          `  a dump: VPP answers with one ${svc.reply} per object; a control_ping after it ends the dump`,
        );
      else if (svc.reply !== 'null') d.lines.push(`  VPP answers with ${svc.reply}`);
      if (svc.events !== undefined && svc.events.length > 0)
        d.lines.push(`  subscribes to events: ${svc.events.join(', ')}`);
    } else if (svc.events?.includes(name)) d.lines.push(`  an event; subscribe with ${svc.request}`);
    else d.lines.push(`  the answer to ${svc.request}`);
  }
  const vat = msg.options?.vat_help;
  if (typeof vat === 'string') d.lines.push(`  vat: ${name} ${vat}`);
  d.lines.push('', 'fields:');
  d.fields(msg.fields, '  ');
  const answers =
    svc !== undefined && svc.request === name
      ? [svc.streamMsg, svc.reply].filter((x): x is string => x !== undefined && x !== 'null' && x !== name)
      : [];
  for (const a of answers) {
    const m = defs.messages.get(a);
    if (m === undefined) continue;
    d.lines.push('', `${a} fields:`);
    d.fields(m.fields, '  ');
  }
  return {
    text: `${d.lines.join('\n')}\n`,
    json: { message: msg, service: svc, answers: answers.map((a) => defs.messages.get(a)) },
  };
}
