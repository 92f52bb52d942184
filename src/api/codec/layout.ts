import type { ApiDefinitions, FieldDefinition, TypeDefinition } from '../definitions/index.js';
import { BASE_TYPES, shortTypeName } from '../definitions/index.js';
import { ApiDefinitionError } from '../errors.js';
import { EnumInfo } from './enums.js';

/** Integer wire types an enum or scalar may use. */
export type IntType = 'u8' | 'i8' | 'u16' | 'i16' | 'u32' | 'i32';
export type ScalarType = IntType | 'u64' | 'i64' | 'f64' | 'bool';
/** Friendly formats (as vpp_papi's vpp_format). */
export type FormatKind = 'ip4' | 'ip6' | 'address' | 'prefix' | 'ip4prefix' | 'ip6prefix' | 'mac';

/** The resolved wire layout of a value; the compiler turns it into code. */
export type Node =
  | { k: 'scalar'; t: ScalarType }
  | { k: 'enum'; t: IntType; info: EnumInfo }
  | { k: 'fmt'; f: FormatKind; generic: Node }
  | { k: 'struct'; name: string; fields: FieldNode[] }
  | { k: 'union'; name: string; members: FieldNode[]; size: number }
  | { k: 'array'; elem: Node; len: number }
  | { k: 'bytes'; len: number }
  | { k: 'string'; len: number }
  | { k: 'vstring' }
  | { k: 'vla'; elem: Node; count: string }
  | { k: 'vbytes'; count: string }
  | { k: 'rest'; elem: Node }
  | { k: 'restbytes' };

export interface FieldNode {
  name: string;
  node: Node;
  /** The definition's `default` option, if any. */
  def?: unknown;
  /** Union member `case` / union field `discriminator` options. */
  caseName?: string;
  discriminator?: string;
  /** Names of the variable-length arrays this field counts. */
  counts?: string[];
}

export const SCALAR_SIZE: Record<ScalarType, number> = {
  u8: 1,
  i8: 1,
  bool: 1,
  u16: 2,
  i16: 2,
  u32: 4,
  i32: 4,
  u64: 8,
  i64: 8,
  f64: 8,
};

const FRIENDLY: Record<string, { f: FormatKind; size: number }> = {
  ip4_address: { f: 'ip4', size: 4 },
  ip6_address: { f: 'ip6', size: 16 },
  address: { f: 'address', size: 17 },
  prefix: { f: 'prefix', size: 18 },
  address_with_prefix: { f: 'prefix', size: 18 },
  ip4_prefix: { f: 'ip4prefix', size: 5 },
  ip4_address_with_prefix: { f: 'ip4prefix', size: 5 },
  ip6_prefix: { f: 'ip6prefix', size: 17 },
  ip6_address_with_prefix: { f: 'ip6prefix', size: 17 },
  mac_address: { f: 'mac', size: 6 },
};

/** Fixed wire size, or -1 when it depends on the value. */
export function fixedSize(n: Node): number {
  switch (n.k) {
    case 'scalar':
    case 'enum':
      return SCALAR_SIZE[n.t];
    case 'fmt':
      return fixedSize(n.generic);
    case 'struct': {
      let s = 0;
      for (const f of n.fields) {
        const x = fixedSize(f.node);
        if (x < 0) return -1;
        s += x;
      }
      return s;
    }
    case 'union':
      return n.size;
    case 'array': {
      const e = fixedSize(n.elem);
      return e < 0 ? -1 : e * n.len;
    }
    case 'bytes':
    case 'string':
      return n.len;
    default:
      return -1;
  }
}

/** Smallest wire size (variable parts empty). */
export function minSize(n: Node): number {
  switch (n.k) {
    case 'struct': {
      let s = 0;
      for (const f of n.fields) s += minSize(f.node);
      return s;
    }
    case 'array':
      return minSize(n.elem) * n.len;
    case 'vstring':
      return 4;
    case 'vla':
    case 'vbytes':
    case 'rest':
    case 'restbytes':
      return 0;
    default:
      return fixedSize(n);
  }
}

/** Resolves field lists to layouts, memoising named types. */
export class LayoutResolver {
  private readonly cache = new Map<string, Node>();
  private readonly enums = new Map<string, EnumInfo>();
  constructor(private readonly defs: ApiDefinitions) {}

  enumInfo(t: TypeDefinition & { kind: 'enum' | 'enumflag' }): EnumInfo {
    let e = this.enums.get(t.name);
    if (e === undefined) {
      e = new EnumInfo(t.name, t.kind === 'enumflag', t.members);
      this.enums.set(t.name, e);
    }
    return e;
  }

  /** The layout of a named or base type (no array wrapper). */
  named(type: string, where: string): Node {
    if (BASE_TYPES.has(type)) {
      if (type === 'string') return { k: 'vstring' };
      return { k: 'scalar', t: type as ScalarType };
    }
    const short = shortTypeName(type);
    const hit = this.cache.get(short);
    if (hit !== undefined) return hit;
    const t = this.defs.types.get(short);
    if (t === undefined) throw new ApiDefinitionError(`${where}: unknown type ${type}`);
    let node: Node;
    switch (t.kind) {
      case 'enum':
      case 'enumflag':
        node = { k: 'enum', t: t.enumtype as IntType, info: this.enumInfo(t) };
        break;
      case 'alias':
        node = this.field(
          { type: t.type, name: t.name, length: t.length },
          `${where} (alias ${t.name})`,
        ).node;
        break;
      case 'type':
        node = { k: 'struct', name: t.name, fields: this.fields(t.fields, `${where} (type ${t.name})`) };
        break;
      case 'union': {
        const members = this.fields(t.fields, `${where} (union ${t.name})`);
        let size = 0;
        for (const m of members) {
          const s = fixedSize(m.node);
          if (s < 0)
            throw new ApiDefinitionError(`${where}: union ${t.name} member ${m.name} has no fixed size`);
          size = Math.max(size, s);
        }
        node = { k: 'union', name: t.name, members, size };
        break;
      }
    }
    const friendly = FRIENDLY[short];
    if (friendly !== undefined && fixedSize(node) === friendly.size)
      node = { k: 'fmt', f: friendly.f, generic: node };
    this.cache.set(short, node);
    return node;
  }

  /** One field, with its array/string wrapper. */
  field(f: FieldDefinition, where: string): FieldNode {
    const w = `${where} field ${f.name}`;
    let node: Node;
    if (f.type === 'string') {
      node = f.length !== undefined && f.length > 0 ? { k: 'string', len: f.length } : { k: 'vstring' };
    } else if (f.length === undefined) {
      node = this.named(f.type, w);
    } else if (f.countField !== undefined) {
      node =
        f.type === 'u8'
          ? { k: 'vbytes', count: f.countField }
          : { k: 'vla', elem: this.named(f.type, w), count: f.countField };
    } else if (f.length === 0) {
      node = f.type === 'u8' ? { k: 'restbytes' } : { k: 'rest', elem: this.named(f.type, w) };
    } else {
      node =
        f.type === 'u8'
          ? { k: 'bytes', len: f.length }
          : { k: 'array', elem: this.named(f.type, w), len: f.length };
    }
    const out: FieldNode = { name: f.name, node };
    const o = f.options;
    if (o !== undefined) {
      if ('default' in o) out.def = o.default;
      if (typeof o.case === 'string') out.caseName = o.case;
      if (typeof o.discriminator === 'string') out.discriminator = o.discriminator;
    }
    return out;
  }

  fields(list: FieldDefinition[], where: string): FieldNode[] {
    const out = list.map((f) => this.field(f, where));
    for (const f of out) {
      const n = f.node;
      if (n.k === 'vla' || n.k === 'vbytes') {
        const c = out.find((x) => x.name === n.count);
        if (
          c === undefined ||
          (c.node.k !== 'scalar' && c.node.k !== 'enum') ||
          c.node.t === 'bool' ||
          c.node.t === 'f64'
        ) {
          throw new ApiDefinitionError(
            `${where} field ${f.name}: count field ${n.count} is not an integer field`,
          );
        }
        (c.counts ??= []).push(f.name);
      }
      if ((n.k === 'rest' || n.k === 'restbytes') && f !== out[out.length - 1]) {
        throw new ApiDefinitionError(
          `${where} field ${f.name}: array without length or count field must be last`,
        );
      }
      if (n.k === 'rest' && fixedSize(n.elem) <= 0) {
        throw new ApiDefinitionError(
          `${where} field ${f.name}: array without count field needs fixed-size elements`,
        );
      }
    }
    return out;
  }
}
