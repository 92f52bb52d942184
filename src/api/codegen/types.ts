/**
 * TypeScript declarations for a set of VPP API definitions (`vppstate gen types`): one type per
 * message, struct, union and enum, each message twice, as the client decodes it (`Foo`) and as
 * the encoder takes it (`FooIn`, every field optional: what is left out is zero), and a typed map
 * (`VppMessages`: request name → request, reply, details) that VppClient's call() and dump()
 * use, so that names, fields and types are checked at compile time.
 *
 * The shapes follow the codec (src/api/types.ts), generated from its own layouts so the two never
 * disagree: u64 as bigint, enums as numbers with a `<field>__name` sibling on decode (names,
 * lists of names or numbers on encode), addresses, prefixes and MACs as text, bytes as Uint8Array.
 */
import type { ApiDefinitions } from '../definitions/index.js';
import type { EnumInfo } from '../codec/enums.js';
import { LayoutResolver, type FieldNode, type Node } from '../codec/layout.js';

export interface GenerateOptions {
  /** Where the definitions came from, for the header comment. */
  readonly source?: string;
}

/** `sw_interface_set_flags` → `SwInterfaceSetFlags`. */
export function pascal(name: string): string {
  const s = name
    .split(/[^A-Za-z0-9]+/)
    .filter((p) => p !== '')
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');
  return /^[0-9]/.test(s) ? `T${s}` : s;
}

const HIDDEN_IN = new Set(['_vl_msg_id', 'client_index', 'context']);
const FRIENDLY_IN: Record<string, string> = {
  ip4: 'string | Uint8Array',
  ip6: 'string | Uint8Array',
  mac: 'string | Uint8Array',
};

/** A property name as TypeScript needs it. */
function prop(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}

function doc(text: string): string {
  return `/** ${text.replace(/\*\//g, '*\\/')} */`;
}

class Generator {
  private readonly resolver: LayoutResolver;
  private readonly out: string[] = [];
  /** Short type name → TS name, for named structs, unions and enums emitted. */
  private readonly named = new Map<string, string>();
  private readonly used = new Set<string>(['VppMessages', 'VppEvents', 'VPP_MESSAGE_CRCS']);
  private readonly pendingTypes: Array<() => void> = [];

  constructor(private readonly defs: ApiDefinitions) {
    this.resolver = new LayoutResolver(defs);
  }

  private unique(base: string): string {
    let n = base;
    for (let i = 2; this.used.has(n) || this.used.has(`${n}In`); i++) n = `${base}_${i}`;
    this.used.add(n);
    this.used.add(`${n}In`);
    return n;
  }

  /** The TS name of a named struct/union/enum, emitting it the first time. */
  private typeName(kind: string, name: string, emit: (ts: string) => void): string {
    const key = `${kind} ${name}`;
    let ts = this.named.get(key);
    if (ts === undefined) {
      ts = this.unique(pascal(name));
      this.named.set(key, ts);
      const tsName = ts;
      this.pendingTypes.push(() => emit(tsName));
    }
    return ts;
  }

  private enumName(info: EnumInfo): string {
    return this.typeName('enum', info.name, (ts) => {
      const def = this.defs.types.get(info.name);
      const members = info.members.map(([n]) => JSON.stringify(n));
      this.out.push(
        doc(
          `${info.flags ? 'enumflags' : 'enum'} ${info.name}${def ? ` (${def.file})` : ''}: ${info.members.map(([n, v]) => `${n}=${v}`).join(', ')}`,
        ),
        `export type ${ts} = ${members.length > 0 ? [...new Set(members)].join(' | ') : 'never'};`,
      );
    });
  }

  private structName(n: Node & { k: 'struct' | 'union' }): string {
    return this.typeName(n.k, n.name, (ts) => {
      const def = this.defs.types.get(n.name);
      const fields = n.k === 'struct' ? n.fields : n.members;
      this.out.push(
        doc(`${n.k === 'struct' ? 'type' : 'union'} ${n.name}${def ? ` (${def.file})` : ''}`),
        `export type ${ts} = ${this.object(fields, 'out', false)};`,
        `export type ${ts}In = ${this.object(fields, 'in', false)};`,
      );
    });
  }

  /** The TS type of a value in one direction. */
  private type(n: Node, dir: 'in' | 'out'): string {
    switch (n.k) {
      case 'scalar':
        if (n.t === 'bool') return dir === 'in' ? 'boolean | 0 | 1' : 'boolean';
        if (n.t === 'u64' || n.t === 'i64') return dir === 'in' ? 'bigint | number' : 'bigint';
        return 'number';
      case 'enum': {
        const e = this.enumName(n.info);
        return dir === 'in' ? `number | ${e} | readonly ${e}[]` : 'number';
      }
      case 'fmt': {
        if (dir === 'out') return 'string';
        const simple = FRIENDLY_IN[n.f];
        return simple ?? `string | ${this.type(n.generic, 'in')}`;
      }
      case 'struct':
      case 'union': {
        const t = this.structName(n);
        const inT = n.name === 'address_union' ? `string | ${t}In` : `${t}In`;
        return dir === 'in' ? inT : t;
      }
      case 'array':
      case 'vla':
      case 'rest': {
        const e = this.type(n.elem, dir);
        const wrapped = /[|&]/.test(e) ? `(${e})` : e;
        return dir === 'in' ? `readonly ${wrapped}[]` : `${wrapped}[]`;
      }
      case 'bytes':
      case 'vbytes':
      case 'restbytes':
        return dir === 'in' ? 'Uint8Array | readonly number[]' : 'Uint8Array';
      case 'string':
      case 'vstring':
        return 'string';
    }
  }

  /** An object type over fields; `top` hides what the client fills in (client_index, context). */
  private object(fields: readonly FieldNode[], dir: 'in' | 'out', top: boolean): string {
    const parts: string[] = [];
    for (const f of fields) {
      if (dir === 'in' && top && HIDDEN_IN.has(f.name)) continue;
      const opt = dir === 'in' ? '?' : '';
      parts.push(`${prop(f.name)}${opt}: ${this.type(f.node, dir)};`);
      if (dir === 'out' && f.node.k === 'enum') parts.push(`${prop(`${f.name}__name`)}: string;`);
    }
    return parts.length === 0 ? (dir === 'in' ? 'Record<never, never>' : '{}') : `{ ${parts.join(' ')} }`;
  }

  private flush(): void {
    while (this.pendingTypes.length > 0) this.pendingTypes.shift()?.();
  }

  run(opts: GenerateOptions): string {
    const head = [
      `// Generated by \`vppstate gen types\`${opts.source ? ` from ${opts.source}` : ''}. Do not edit: regenerate.`,
      '/* eslint-disable */',
      '',
    ];
    const messages = [...this.defs.messages.values()].sort((a, b) => a.name.localeCompare(b.name));
    const msgType = new Map<string, string>();
    for (const m of messages) {
      const fields = this.resolver.fields(m.fields, `${m.file}: message ${m.name}`);
      const ts = this.unique(pascal(m.name));
      msgType.set(m.name, ts);
      const status = [m.deprecated ? 'deprecated' : '', m.inProgress ? 'in progress' : ''].filter((x) => x);
      this.out.push(
        doc(`${m.name} (crc ${m.crc.slice(2)}, ${m.file})${status.length ? ` — ${status.join(', ')}` : ''}`),
        `export type ${ts} = ${this.object(fields, 'out', true)};`,
        `export type ${ts}In = ${this.object(fields, 'in', true)};`,
      );
      this.flush();
    }
    const map: string[] = [];
    const events: string[] = [];
    for (const s of [...this.defs.services.values()].sort((a, b) => a.request.localeCompare(b.request))) {
      const req = msgType.get(s.request);
      if (req === undefined) continue;
      const parts = [`request: ${req}In;`];
      const reply = s.reply !== 'null' ? msgType.get(s.reply) : undefined;
      if (s.streamMsg !== undefined) {
        const d = msgType.get(s.streamMsg);
        if (d !== undefined) parts.push(`details: ${d};`);
        if (reply !== undefined) parts.push(`reply: ${reply};`);
      } else if (s.stream) {
        if (reply !== undefined) parts.push(`details: ${reply};`);
      } else if (reply !== undefined) parts.push(`reply: ${reply};`);
      map.push(`  ${prop(s.request)}: { ${parts.join(' ')} };`);
      for (const e of s.events ?? []) {
        const et = msgType.get(e);
        if (et !== undefined && !events.some((x) => x.startsWith(`  ${prop(e)}:`)))
          events.push(`  ${prop(e)}: ${et};`);
      }
    }
    const crcs = messages.map((m) => `  ${prop(m.name)}: '${m.crc.slice(2)}',`);
    return [
      ...head,
      ...this.out,
      '',
      doc('Request name → what it takes (`request`), its reply, and the details a dump or stream yields.'),
      'export interface VppMessages {',
      ...map,
      '}',
      '',
      doc('Event name → the event message (subscribe with the want_* request whose service lists it).'),
      'export interface VppEvents {',
      ...events,
      '}',
      '',
      doc('Message name → crc (8 hex digits) of the definitions these declarations were generated from.'),
      'export const VPP_MESSAGE_CRCS: Readonly<Record<string, string>> = {',
      ...crcs,
      '};',
      '',
    ].join('\n');
  }
}

/** The declarations module for `defs` (see the module comment). */
export function generateTypes(defs: ApiDefinitions, opts: GenerateOptions = {}): string {
  return new Generator(defs).run(opts);
}
