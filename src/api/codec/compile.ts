/**
 * Compiles one message layout into a specialised decoder and encoder (JavaScript source built
 * once and instantiated with `new Function`, as ajv does). Offsets of fixed parts are constants
 * in the generated code; bounds are checked once per fixed run, and once per variable part.
 */
import { ApiDefinitionError } from '../errors.js';
import type { ApiMessage, FieldSelection } from '../types.js';
import type { EnumInfo } from './enums.js';
import type { FieldNode, IntType, Node } from './layout.js';
import { SCALAR_SIZE, fixedSize, minSize } from './layout.js';
import * as R from './runtime.js';

/** The runtime helpers as a plain object: property reads stay cheap in generated code. */
const HELPERS: Readonly<Record<string, unknown>> = Object.freeze({ ...R });

type PathPart = string | { index: string };

/** Rejects selections naming fields the layout does not have (a typo would read as absent). */
function checkSelection(
  msgName: string,
  fields: readonly FieldNode[],
  sel: FieldSelection,
  path: string,
): void {
  const byName = new Map(fields.map((f) => [f.name, f]));
  for (const [name, sub] of Object.entries(sel)) {
    const f = byName.get(name) ?? (name.endsWith('__name') ? byName.get(name.slice(0, -6)) : undefined);
    const where = path ? `${path}.${name}` : name;
    if (f === undefined || (f.name !== name && enumOf(f.node) === undefined))
      throw new ApiDefinitionError(`selection for ${msgName}: no field ${where}`);
    if (sub === true) continue;
    const inner = innerFields(f.node);
    if (inner === undefined || f.name !== name)
      throw new ApiDefinitionError(`selection for ${msgName}: ${where} has no fields to select (use true)`);
    checkSelection(msgName, inner, sub, where);
  }
}

/** The fields a nested selection applies to: of a struct, a union, or an array's element. */
function innerFields(n: Node): readonly FieldNode[] | undefined {
  if (n.k === 'struct') return n.fields;
  if (n.k === 'union') return n.members;
  if (n.k === 'array' || n.k === 'vla' || n.k === 'rest') return innerFields(n.elem);
  return undefined;
}

/** A JS expression that builds the field path (only evaluated when an error is thrown). */
function pathExpr(path: readonly PathPart[]): string {
  if (path.length === 0) return '""';
  const out: string[] = [];
  let lit = '';
  for (const p of path) {
    if (typeof p === 'string') lit += lit === '' && out.length === 0 ? p : `.${p}`;
    else {
      out.push(JSON.stringify(`${lit}[`), p.index);
      lit = ']';
    }
  }
  if (lit !== '') out.push(JSON.stringify(lit));
  return out.join(' + ');
}

/** An object-literal key; `__proto__` computed so that it stays an own property. */
function propKey(name: string): string {
  return name === '__proto__' ? '["__proto__"]' : JSON.stringify(name);
}

/** Code reading field `name` of object `o`; an inherited `__proto__` is not a value. */
function readKey(o: string, name: string): string {
  const k = JSON.stringify(name);
  return name === '__proto__' ? `(Object.hasOwn(${o}, ${k}) ? ${o}[${k}] : undefined)` : `${o}[${k}]`;
}

const INT_READ: Record<IntType, (b: string) => string> = {
  u8: (p) => `b[${p}]`,
  i8: (p) => `(b[${p}] << 24 >> 24)`,
  u16: (p) => `(b[${p}] << 8 | b[${p} + 1])`,
  i16: (p) => `((b[${p}] << 24 | b[${p} + 1] << 16) >> 16)`,
  u32: (p) => `((b[${p}] << 24 | b[${p} + 1] << 16 | b[${p} + 2] << 8 | b[${p} + 3]) >>> 0)`,
  i32: (p) => `(b[${p}] << 24 | b[${p} + 1] << 16 | b[${p} + 2] << 8 | b[${p} + 3])`,
};

/** Fast in-range test of an already-number value, per wire type. */
const INT_FAST: Record<IntType, (v: string) => string> = {
  u8: (v) => `(${v} & 0xff) === ${v}`,
  i8: (v) => `(${v} << 24 >> 24) === ${v}`,
  u16: (v) => `(${v} & 0xffff) === ${v}`,
  i16: (v) => `(${v} << 16 >> 16) === ${v}`,
  u32: (v) => `(${v} >>> 0) === ${v}`,
  i32: (v) => `(${v} | 0) === ${v}`,
};

function intWrite(t: IntType, at: (d: number) => string, v: string): string {
  switch (t) {
    case 'u8':
    case 'i8':
      return `b[${at(0)}] = ${v};`;
    case 'u16':
    case 'i16':
      return `b[${at(0)}] = ${v} >>> 8; b[${at(1)}] = ${v};`;
    default:
      return `b[${at(0)}] = ${v} >>> 24; b[${at(1)}] = ${v} >>> 16; b[${at(2)}] = ${v} >>> 8; b[${at(3)}] = ${v};`;
  }
}

const MAX_COUNT: Record<IntType, number> = {
  u8: 0xff,
  i8: 0x7f,
  u16: 0xffff,
  i16: 0x7fff,
  u32: 0xffffffff,
  i32: 0x7fffffff,
};

/** Shared bookkeeping: emitted lines, constants, unique names, current position. */
class Gen {
  readonly lines: string[] = [];
  readonly consts: unknown[] = [];
  private n = 0;
  base = '';
  k = 0;
  /** Bytes known to be in bounds (decode) or capacity (encode) from the current position. */
  avail = 0;
  constructor(readonly msgName: string) {}

  tmp(prefix: string): string {
    return `${prefix}${this.n++}`;
  }
  konst(x: unknown): string {
    this.consts.push(x);
    return `k${this.consts.length - 1}`;
  }
  at(d = 0): string {
    const o = this.k + d;
    if (this.base === '') return String(o);
    return o === 0 ? this.base : `${this.base} + ${o}`;
  }
  emit(s: string): void {
    this.lines.push(s);
  }
  advance(s: number): void {
    this.k += s;
    this.avail -= s;
  }
  rebase(expr: string): void {
    const v = this.tmp('p');
    this.emit(`let ${v} = ${expr};`);
    this.base = v;
    this.k = 0;
    this.avail = 0;
  }
  /**
   * Emits `for (i = 0; i < count; i++) { body }` over consecutive array elements from the current
   * position, the position set to element i in the body (at start + i * size when elements have a
   * fixed size, else one after another), then moves past them. `fixedLen`: the element count when
   * it is a constant.
   */
  eachElement(i: string, count: string, es: number, fixedLen: number | undefined, body: () => void): void {
    const start = this.at();
    if (es > 0) {
      const saveBase = this.base;
      const saveK = this.k;
      const saveAvail = this.avail;
      this.emit(`for (let ${i} = 0; ${i} < ${count}; ${i}++) {`);
      this.base = this.tmp('q');
      this.emit(`const ${this.base} = ${start} + ${i} * ${es};`);
      this.k = 0;
      this.avail = es;
      body();
      this.emit('}');
      this.base = saveBase;
      this.k = saveK;
      this.avail = saveAvail;
      if (fixedLen !== undefined) this.advance(es * fixedLen);
      else this.rebase(`${start} + ${count} * ${es}`);
    } else {
      const q = this.tmp('q');
      this.emit(`let ${q} = ${start};`);
      this.emit(`for (let ${i} = 0; ${i} < ${count}; ${i}++) {`);
      this.base = q;
      this.k = 0;
      this.avail = 0;
      body();
      this.emit(`${q} = ${this.at()};`);
      this.emit('}');
      this.rebase(q);
    }
  }

  /** Instantiate `body` (which returns the function) with the helpers and constants in scope. */
  build(body: string): (...args: unknown[]) => unknown {
    const names = this.consts.map((_, i) => `k${i}`);
    const factory = new Function('R', 'BAD', ...names, body) as (
      ...a: unknown[]
    ) => (...args: unknown[]) => unknown;
    return factory(HELPERS, R.BAD, ...this.consts);
  }
}

// ---------------------------------------------------------------------------------------------
// Decoder

class DecodeGen extends Gen {
  readonly msgK: string;
  constructor(msgName: string) {
    super(msgName);
    this.msgK = this.konst(msgName);
  }

  ensure(n: number, path: readonly PathPart[]): void {
    if (this.avail >= n) return;
    this.emit(
      `if (${this.at(n)} > end) throw R.truncated(${this.msgK}, ${pathExpr(path)}, ${this.at(n)}, end, off);`,
    );
    this.avail = n;
  }

  /** Decode a field list into an object literal expression (only the selected fields, if any). */
  fields(fields: readonly FieldNode[], path: readonly PathPart[], sel?: FieldSelection): string {
    const props: string[] = [];
    const counts = new Map<string, string>();
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      const fp = [...path, f.name];
      const need = minSize(f.node);
      if (this.avail < need) {
        let rest = 0;
        for (let j = i; j < fields.length; j++) rest += minSize(fields[j].node);
        this.ensure(rest, fp);
      }
      const want = sel === undefined ? true : sel[f.name];
      const wantName = sel === undefined || sel[`${f.name}__name`] === true;
      const size = fixedSize(f.node);
      if (want === undefined && !wantName && f.counts === undefined && size >= 0) {
        this.ensure(size, fp);
        this.advance(size);
        continue;
      }
      let count: string | undefined;
      if (f.node.k === 'vla' || f.node.k === 'vbytes') count = counts.get(f.node.count);
      const v = this.node(f.node, fp, count, typeof want === 'object' ? want : undefined);
      if (f.counts !== undefined) counts.set(f.name, v);
      if (want !== undefined) props.push(`${propKey(f.name)}: ${v}`);
      const names = wantName ? this.enumNames(f, v) : undefined;
      if (names !== undefined) props.push(names);
    }
    return `{ ${props.join(', ')} }`;
  }

  /** The `<field>__name` property of an enum (or array of enums) field whose value is in `v`. */
  private enumNames(f: FieldNode, v: string): string | undefined {
    const en = enumOf(f.node);
    if (en === undefined) return undefined;
    const info = this.konst(en);
    const key = propKey(`${f.name}__name`);
    return f.node.k === 'enum'
      ? `${key}: ${info}.nameOf(${v})`
      : `${key}: ${v}.map((x) => ${info}.nameOf(x))`;
  }

  /** Emit code for one value at the current position; return its expression; move the position. */
  node(n: Node, path: readonly PathPart[], count?: string, sel?: FieldSelection): string {
    switch (n.k) {
      case 'scalar': {
        const s = SCALAR_SIZE[n.t];
        this.ensure(s, path);
        const p = this.at();
        let e: string;
        if (n.t === 'bool') e = `(b[${p}] !== 0)`;
        else if (n.t === 'u64') e = `R.rdU64(b, ${p})`;
        else if (n.t === 'i64') e = `R.rdI64(b, ${p})`;
        else if (n.t === 'f64') e = `R.rdF64(b, ${p})`;
        else e = INT_READ[n.t](p);
        this.advance(s);
        // Values must be read before later code moves bases: keep them in a constant.
        const v = this.tmp('v');
        this.emit(`const ${v} = ${e};`);
        return v;
      }
      case 'enum': {
        const s = SCALAR_SIZE[n.t];
        this.ensure(s, path);
        const v = this.tmp('v');
        this.emit(`const ${v} = ${INT_READ[n.t](this.at())};`);
        this.advance(s);
        return v;
      }
      case 'fmt': {
        const s = fixedSize(n.generic);
        this.ensure(s, path);
        const fn = {
          ip4: 'rdIp4',
          ip6: 'rdIp6',
          mac: 'rdMac',
          address: 'rdAddress',
          prefix: 'rdPrefix',
          ip4prefix: 'rdIp4Prefix',
          ip6prefix: 'rdIp6Prefix',
        }[n.f];
        const v = this.tmp('v');
        this.emit(`const ${v} = R.${fn}(b, ${this.at()});`);
        this.advance(s);
        return v;
      }
      case 'struct': {
        const lit = this.fields(n.fields, path, sel);
        const v = this.tmp('s');
        this.emit(`const ${v} = ${lit};`);
        return v;
      }
      case 'union': {
        this.ensure(n.size, path);
        const saveK = this.k;
        const saveAvail = this.avail;
        const props: string[] = [];
        for (const m of n.members) {
          const want = sel === undefined ? true : sel[m.name];
          const wantName = sel === undefined || sel[`${m.name}__name`] === true;
          if (want === undefined && !wantName) continue;
          this.k = saveK;
          this.avail = saveAvail;
          const v = this.node(
            m.node,
            [...path, m.name],
            undefined,
            typeof want === 'object' ? want : undefined,
          );
          if (want !== undefined) props.push(`${propKey(m.name)}: ${v}`);
          const names = wantName ? this.enumNames(m, v) : undefined;
          if (names !== undefined) props.push(names);
        }
        this.k = saveK;
        this.avail = saveAvail;
        this.advance(n.size);
        const v = this.tmp('u');
        this.emit(`const ${v} = { ${props.join(', ')} };`);
        return v;
      }
      case 'bytes':
      case 'string': {
        this.ensure(n.len, path);
        const v = this.tmp('v');
        this.emit(`const ${v} = R.${n.k === 'bytes' ? 'rdBytes' : 'rdStr'}(b, ${this.at()}, ${n.len});`);
        this.advance(n.len);
        return v;
      }
      case 'vstring': {
        this.ensure(4, path);
        const l = this.tmp('l');
        this.emit(`const ${l} = ${INT_READ.u32(this.at())};`);
        this.emit(
          `if (${l} > end - (${this.at(4)})) throw R.decErr(${this.msgK}, ${pathExpr(path)}, "string length " + ${l} + " runs past the end of the message");`,
        );
        const v = this.tmp('v');
        this.emit(`const ${v} = R.rdVStr(b, ${this.at(4)}, ${l});`);
        this.rebase(`${this.at(4)} + ${l}`);
        return v;
      }
      case 'vbytes':
      case 'restbytes': {
        const l = this.tmp('l');
        this.emit(`const ${l} = ${n.k === 'vbytes' ? (count ?? '0') : `end - (${this.at()})`};`);
        if (n.k === 'vbytes') {
          this.emit(
            `if (${l} > end - (${this.at()})) throw R.decErr(${this.msgK}, ${pathExpr(path)}, "count " + ${l} + " runs past the end of the message");`,
          );
        }
        const v = this.tmp('v');
        this.emit(`const ${v} = R.rdBytes(b, ${this.at()}, ${l});`);
        this.rebase(`${this.at()} + ${l}`);
        return v;
      }
      case 'array':
      case 'vla':
      case 'rest':
        return this.array(n, path, count, sel);
    }
  }

  private array(
    n: Node & { k: 'array' | 'vla' | 'rest' },
    path: readonly PathPart[],
    count?: string,
    sel?: FieldSelection,
  ): string {
    const es = fixedSize(n.elem);
    const a = this.tmp('a');
    const i = this.tmp('i');
    const ep = [...path, { index: i }];
    const msgK = this.msgK;
    // Small fixed arrays of scalars: unrolled.
    if (n.k === 'array' && es > 0 && n.len <= 16 && (n.elem.k === 'scalar' || n.elem.k === 'enum')) {
      this.ensure(es * n.len, path);
      const items: string[] = [];
      for (let j = 0; j < n.len; j++)
        items.push(this.node(n.elem, [...path.slice(0, -1), `${path[path.length - 1] as string}[${j}]`]));
      this.emit(`const ${a} = [${items.join(', ')}];`);
      return a;
    }
    let len: string;
    if (n.k === 'array') len = String(n.len);
    else if (n.k === 'vla') len = count ?? '0';
    else {
      len = this.tmp('n');
      if (es <= 0) throw new Error('variable-size elements need a count field');
      this.emit(`const ${len} = Math.floor((end - (${this.at()})) / ${es});`);
      this.emit(
        `if (${len} * ${es} !== end - (${this.at()})) throw R.decErr(${msgK}, ${pathExpr(path)}, "trailing bytes do not make whole elements");`,
      );
    }
    const minE = Math.max(1, minSize(n.elem));
    if (n.k === 'array' && es > 0) this.ensure(es * n.len, path);
    else if (n.k === 'vla') {
      this.emit(
        `if (${len} * ${minE} > end - (${this.at()})) throw R.decErr(${msgK}, ${pathExpr(path)}, "count " + ${len} + " runs past the end of the message");`,
      );
    } else if (n.k === 'array') {
      this.ensure(minE * n.len, path);
    }
    this.emit(`const ${a} = new Array(${len});`);
    this.eachElement(i, len, es, n.k === 'array' ? n.len : undefined, () => {
      const v = this.node(n.elem, ep, undefined, sel);
      this.emit(`${a}[${i}] = ${v};`);
    });
    return a;
  }
}

function enumOf(n: Node): EnumInfo | undefined {
  if (n.k === 'enum') return n.info;
  if ((n.k === 'array' || n.k === 'vla' || n.k === 'rest') && n.elem.k === 'enum') return n.elem.info;
  return;
}

export type DecodeFn = (b: Uint8Array, off?: number, end?: number) => ApiMessage;
export type EncodeFn = (m: ApiMessage, id: number) => Buffer;

export function compileDecoder(
  msgName: string,
  fields: readonly FieldNode[],
  sel?: FieldSelection,
): DecodeFn {
  if (sel !== undefined) checkSelection(msgName, fields, sel, '');
  const g = new DecodeGen(msgName);
  const msgK = g.msgK;
  g.base = 'off';
  g.avail = 0;
  const lit = g.fields(fields, [], sel);
  const body = [
    'return function decode(b, off, end) {',
    'if (off === undefined) off = 0;',
    'if (end === undefined) end = b.length;',
    `if (!((off >>> 0) === off && (end >>> 0) === end && off <= end && end <= b.length)) throw R.decErr(${msgK}, "", "bad range [" + off + ", " + end + ") of a " + b.length + "-byte buffer");`,
    ...g.lines,
    // Bytes after the last field are ignored, as VPP's own clients do: VPP ends
    // get_api_json_reply with a NUL that the string's length does not count.
    `return ${lit};`,
    '};',
  ].join('\n');
  return g.build(body) as DecodeFn;
}

// ---------------------------------------------------------------------------------------------
// Encoder

class EncodeGen extends Gen {
  readonly msgK: string;
  constructor(msgName: string) {
    super(msgName);
    this.msgK = this.konst(msgName);
  }

  cap(n: number): void {
    if (this.avail >= n) return;
    this.emit(`if (${this.at(n)} > b.length) b = R.grow(${this.at(n)});`);
    this.avail = n;
  }

  fail(path: readonly PathPart[]): string {
    return `throw R.encErr(${this.msgK}, ${pathExpr(path)});`;
  }

  failP(path: readonly PathPart[], problem: string): string {
    return `throw R.encErrP(${this.msgK}, ${pathExpr(path)}, ${problem});`;
  }

  /** Encode the fields of the object in variable `o`. */
  fields(fields: readonly FieldNode[], o: string, path: readonly PathPart[], top: boolean): void {
    // Unknown keys: a switch on interned strings is cheaper than a Set lookup per key.
    const cases = fields.map((f) => `case ${JSON.stringify(f.name)}:`).join(' ');
    this.emit(
      `for (const uk in ${o}) { switch (uk) { ${cases} continue; default: if (R.isAnnotation(uk)) continue; ${this.failP(path, '"unknown field " + uk')} } }`,
    );
    const arrays = new Map<string, { a: string; n: string }>();
    const enums = new Map<string, string>();
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      const fp = [...path, f.name];
      const need = minSize(f.node);
      if (this.avail < need) {
        let rest = 0;
        for (let j = i; j < fields.length; j++) rest += minSize(fields[j].node);
        this.cap(rest);
      }
      if (top && i === 0 && f.name === '_vl_msg_id') {
        this.emit(intWrite('u16', (d) => this.at(d), 'id'));
        this.advance(2);
        continue;
      }
      if (f.counts !== undefined) {
        // The count comes from the array(s) it counts.
        const t = (f.node as { t: IntType }).t;
        let first: string | undefined;
        for (const name of f.counts) {
          const an = fields.find((x) => x.name === name) as FieldNode;
          const a = this.tmp('a');
          const n = this.tmp('n');
          this.emit(`const ${a} = ${readKey(o, name)};`);
          this.emit(`const ${n} = R.len(${a}, ${an.node.k === 'vbytes'});`);
          this.emit(`if (${n} < 0) ${this.fail([...path, name])}`);
          this.emit(
            `if (${n} > ${MAX_COUNT[t]}) ${this.failP([...path, name], `${n} + ${JSON.stringify(` elements do not fit count field ${f.name} (${t})`)}`)}`,
          );
          if (first !== undefined) {
            this.emit(
              `if (${n} !== ${first}) ${this.failP([...path, name], JSON.stringify(`arrays sharing count field ${f.name} differ in length`))}`,
            );
          } else first = n;
          arrays.set(name, { a, n });
        }
        this.emit(intWrite(t, (d) => this.at(d), first as string));
        this.advance(SCALAR_SIZE[t]);
        continue;
      }
      const arr = arrays.get(f.name);
      const v = this.tmp('x');
      if (arr !== undefined) this.emit(`const ${v} = ${arr.a};`);
      else this.emit(`let ${v} = ${readKey(o, f.name)};`);
      // A union with a `discriminator` option picks its member from that (earlier) enum field.
      const d = f.discriminator !== undefined ? fields.find((x) => x.name === f.discriminator) : undefined;
      const disc =
        d !== undefined && d.node.k === 'enum' && enums.has(d.name)
          ? { value: enums.get(d.name) as string, info: d.node.info }
          : undefined;
      this.node(f.node, v, fp, f.def, arr?.n, disc);
      if (f.node.k === 'enum') enums.set(f.name, v);
    }
  }

  /** Encode the value in variable `v` (the variable may be reassigned with the normalised value). */
  node(
    n: Node,
    v: string,
    path: readonly PathPart[],
    def: unknown,
    count?: string,
    disc?: { value: string; info: EnumInfo },
  ): void {
    const defK = def === undefined ? 'undefined' : this.konst(def);
    switch (n.k) {
      case 'scalar': {
        const s = SCALAR_SIZE[n.t];
        this.cap(s);
        const t = n.t;
        if (t === 'bool') {
          this.emit(
            `if (typeof ${v} !== 'boolean') { ${v} = R.bool(${v}, ${defK}); if (${v} === BAD) ${this.fail(path)} }`,
          );
          this.emit(`b[${this.at()}] = ${v} ? 1 : 0;`);
        } else if (t === 'u64' || t === 'i64') {
          const range =
            t === 'u64'
              ? `${v} >= 0n && ${v} <= 18446744073709551615n`
              : `${v} >= -9223372036854775808n && ${v} <= 9223372036854775807n`;
          this.emit(
            `if (typeof ${v} !== 'bigint' || !(${range})) { ${v} = R.big(${v}, ${t === 'i64'}, ${defK}); if (${v} === BAD) ${this.fail(path)} }`,
          );
          this.emit(`R.wr64(b, ${this.at()}, ${v});`);
        } else if (t === 'f64') {
          this.emit(
            `if (typeof ${v} !== 'number') { ${v} = R.f64(${v}, ${defK}); if (${v} === BAD) ${this.fail(path)} }`,
          );
          this.emit(`R.wrF64(b, ${this.at()}, ${v});`);
        } else {
          this.emit(
            `if (typeof ${v} !== 'number' || !(${INT_FAST[t](v)})) { ${v} = R.int(${v}, '${t}', ${defK}); if (${v} === BAD) ${this.fail(path)} }`,
          );
          this.emit(intWrite(t, (d) => this.at(d), v));
        }
        this.advance(s);
        return;
      }
      case 'enum': {
        const s = SCALAR_SIZE[n.t];
        this.cap(s);
        const info = this.konst(n.info);
        this.emit(
          `if (typeof ${v} !== 'number' || !(${INT_FAST[n.t](v)})) { ${v} = R.enumValue(${v}, '${n.t}', ${defK}, ${info}); if (${v} === BAD) ${this.fail(path)} }`,
        );
        this.emit(intWrite(n.t, (d) => this.at(d), v));
        this.advance(s);
        return;
      }
      case 'fmt': {
        const s = fixedSize(n.generic);
        this.cap(s);
        const call = {
          ip4: `R.wIp4(b, ${this.at()}, ${v})`,
          ip6: `R.wIp6(b, ${this.at()}, ${v})`,
          mac: `R.wMac(b, ${this.at()}, ${v})`,
          address: `R.wAddress(b, ${this.at()}, ${v})`,
          prefix: `R.wPrefix(b, ${this.at()}, ${v})`,
          ip4prefix: `R.wIpPrefix(b, ${this.at()}, ${v}, false)`,
          ip6prefix: `R.wIpPrefix(b, ${this.at()}, ${v}, true)`,
        }[n.f];
        this.emit(`if (!${call}) ${this.fail(path)}`);
        this.advance(s);
        return;
      }
      case 'struct': {
        const o = this.tmp('o');
        this.emit(`let ${o} = ${v};`);
        const size = fixedSize(n);
        if (size > 0 && !hasDefaults(n)) {
          // A missing fixed-size struct without defaults is all zeros.
          this.cap(size);
          this.emit(
            `if (${o} === undefined || ${o} === null) R.zero(b, ${this.at()}, ${this.at(size)}); else {`,
          );
          this.emit(`if (!R.isObject(${o})) { R.objProblem(${o}); ${this.fail(path)} }`);
          this.fields(n.fields, o, path, false);
          this.emit('}');
          return;
        }
        this.emit(`if (${o} === undefined || ${o} === null) ${o} = ${this.konst(Object.freeze({}))};`);
        this.emit(`else if (!R.isObject(${o})) { R.objProblem(${o}); ${this.fail(path)} }`);
        this.fields(n.fields, o, path, false);
        return;
      }
      case 'union':
        this.union(n, v, path, disc);
        return;
      case 'bytes':
        this.cap(n.len);
        this.emit(`if (!R.wBytes(b, ${this.at()}, ${n.len}, ${v}, false)) ${this.fail(path)}`);
        this.advance(n.len);
        return;
      case 'string':
        this.cap(n.len);
        this.emit(`if (!R.wStr(b, ${this.at()}, ${n.len}, ${v})) ${this.fail(path)}`);
        this.advance(n.len);
        return;
      case 'vstring': {
        const l = this.tmp('l');
        this.emit(`const ${l} = R.vstrLen(${v});`);
        this.emit(`if (${l} < 0) ${this.fail(path)}`);
        this.emit(`if (${this.at(4)} + ${l} > b.length) b = R.grow(${this.at(4)} + ${l});`);
        this.avail = Math.max(this.avail, 4);
        this.emit(intWrite('u32', (d) => this.at(d), l));
        this.emit(`R.wVStr(b, ${this.at(4)}, ${v}, ${l});`);
        this.rebase(`${this.at(4)} + ${l}`);
        return;
      }
      case 'vbytes':
      case 'restbytes': {
        let l = count;
        if (l === undefined) {
          l = this.tmp('n');
          this.emit(`const ${l} = R.len(${v}, true);`);
          this.emit(`if (${l} < 0) ${this.fail(path)}`);
        }
        this.emit(`if (${this.at()} + ${l} > b.length) b = R.grow(${this.at()} + ${l});`);
        this.emit(`if (!R.wBytes(b, ${this.at()}, ${l}, ${v}, true)) ${this.fail(path)}`);
        this.rebase(`${this.at()} + ${l}`);
        return;
      }
      case 'array':
      case 'vla':
      case 'rest':
        this.array(n, v, path, count);
        return;
    }
  }

  private union(
    n: Node & { k: 'union' },
    v: string,
    path: readonly PathPart[],
    disc?: { value: string; info: EnumInfo },
  ): void {
    this.cap(n.size);
    // One member given: it is written. Several (a decoded union carries them all): the one the
    // discriminator field names when there is one and it is given; otherwise every given
    // member, largest first, so that the smaller ones, written last, restore their exact bytes.
    const order = n.members
      .map((m, i) => ({ m, i, s: fixedSize(m.node) }))
      .sort((x, y) => y.s - x.s || x.i - y.i)
      .map((x) => x.m);
    const at = this.at();
    const known = this.konst(new Set(n.members.map((m) => m.name)));
    this.emit(`R.zero(b, ${at}, ${this.at(n.size)});`);
    this.emit(`if (${v} !== undefined && ${v} !== null) {`);
    if (n.name === 'address_union' && n.size === 16) {
      this.emit(
        `if (typeof ${v} === 'string') { if (R.wAddrUnion(b, ${at}, ${v}) < 0) ${this.failP(path, `"malformed IP address " + JSON.stringify(${v})`)} } else {`,
      );
    } else this.emit('{');
    this.emit(`if (!R.isObject(${v})) { R.objProblem(${v}); ${this.fail(path)} }`);
    this.emit(
      `{ const uk = R.unknownKey(${v}, ${known}); if (uk !== undefined) ${this.failP(path, `"unknown union member " + uk + ${JSON.stringify(` (members: ${n.members.map((m) => m.name).join(', ')})`)}`)} }`,
    );
    let sel: string | undefined;
    if (disc !== undefined) {
      const table: Record<number, string> = {};
      for (const m of n.members) {
        const val = m.caseName !== undefined ? disc.info.valueOf(m.caseName) : undefined;
        if (val !== undefined) table[val] = m.name;
      }
      sel = this.tmp('sel');
      this.emit(`let ${sel} = ${this.konst(table)}[${disc.value}];`);
      this.emit(`if (${sel} !== undefined && ${v}[${sel}] === undefined) ${sel} = undefined;`);
    }
    const saveK = this.k;
    const saveAvail = this.avail;
    for (const m of order) {
      this.k = saveK;
      this.avail = saveAvail;
      const mv = this.tmp('x');
      this.emit(`let ${mv} = ${readKey(v, m.name)};`);
      const pick =
        sel === undefined ? '' : ` && (${sel} === undefined || ${sel} === ${JSON.stringify(m.name)})`;
      this.emit(`if (${mv} !== undefined${pick}) {`);
      this.node(m.node, mv, [...path, m.name], m.def);
      this.emit('}');
    }
    this.emit('}}');
    this.k = saveK;
    this.avail = saveAvail;
    this.advance(n.size);
  }

  private array(
    n: Node & { k: 'array' | 'vla' | 'rest' },
    v: string,
    path: readonly PathPart[],
    count?: string,
  ): void {
    const es = fixedSize(n.elem);
    let len = count;
    if (len === undefined) {
      len = this.tmp('n');
      this.emit(`const ${len} = R.len(${v}, false);`);
      this.emit(`if (${len} < 0) ${this.fail(path)}`);
    }
    const i = this.tmp('i');
    const ep = [...path, { index: i }];
    let total: string;
    if (n.k === 'array') {
      this.emit(
        `if (${len} > ${n.len}) ${this.failP(path, `"array too long: " + ${len} + " elements, at most ${n.len}"`)}`,
      );
      total = String(n.len);
    } else total = len;
    if (es > 0) {
      if (n.k === 'array') this.cap(es * n.len);
      else
        this.emit(
          `if (${this.at()} + ${total} * ${es} > b.length) b = R.grow(${this.at()} + ${total} * ${es});`,
        );
    }
    this.eachElement(i, total, es, n.k === 'array' ? n.len : undefined, () => {
      const e = this.tmp('x');
      this.emit(`let ${e} = ${i} < ${len} ? ${v}[${i}] : undefined;`);
      this.node(n.elem, e, ep, undefined);
    });
  }
}

/** Whether any field inside carries a `default` option (then "missing" is not "zero"). */
function hasDefaults(n: Node): boolean {
  switch (n.k) {
    case 'struct':
      return n.fields.some((f) => f.def !== undefined || hasDefaults(f.node));
    case 'union':
      return n.members.some((f) => f.def !== undefined || hasDefaults(f.node));
    case 'array':
    case 'vla':
    case 'rest':
      return hasDefaults(n.elem);
    case 'fmt':
      return false;
    default:
      return false;
  }
}

export function compileEncoder(msgName: string, fields: readonly FieldNode[]): EncodeFn {
  const g = new EncodeGen(msgName);
  g.base = '';
  g.emit('let b = R.scratch.buf;');
  g.avail = 0;
  g.emit(
    `if (m === null || typeof m !== 'object' || Array.isArray(m)) throw R.encErrP(${g.msgK}, "", "expected an object of fields");`,
  );
  g.emit(
    `if ((id & 0xffff) !== id) throw R.encErrP(${g.msgK}, "_vl_msg_id", "message id " + id + " is not a u16");`,
  );
  g.fields(fields, 'm', [], true);
  const body = ['return function encode(m, id) {', ...g.lines, `return R.finish(b, ${g.at()});`, '};'].join(
    '\n',
  );
  return g.build(body) as EncodeFn;
}

/** Byte offset of a top-level u32 `context` field behind fixed-size fields, or -1. */
export function contextOffset(fields: readonly FieldNode[]): number {
  let off = 0;
  for (const f of fields) {
    if (f.name === 'context' && f.node.k === 'scalar' && f.node.t === 'u32') return off;
    const s = fixedSize(f.node);
    if (s < 0) return -1;
    off += s;
  }
  return -1;
}
