/**
 * What the decoder and encoder generators share (decode-gen.ts, encode-gen.ts): a message layout
 * is compiled into JavaScript source, built once and instantiated with `new Function` (as ajv
 * does). Offsets of fixed parts are constants in the generated code; bounds are checked once per
 * fixed run, and once per variable part.
 */
import { ApiDefinitionError } from '../errors.js';
import type { ApiMessage, FieldSelection } from '../types.js';
import type { EnumInfo } from './enums.js';
import type { FieldNode, IntType, Node } from './layout.js';
import { minSize } from './layout.js';
import * as R from './runtime.js';

/** The runtime helpers as a plain object: property reads stay cheap in generated code. */
const HELPERS: Readonly<Record<string, unknown>> = Object.freeze({ ...R });

export type PathPart = string | { index: string };

/** Rejects selections naming fields the layout does not have (a typo would read as absent). */
export function checkSelection(
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
export function pathExpr(path: readonly PathPart[]): string {
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
export function propKey(name: string): string {
  return name === '__proto__' ? '["__proto__"]' : JSON.stringify(name);
}

/** Code reading field `name` of object `o`; an inherited `__proto__` is not a value. */
export function readKey(o: string, name: string): string {
  const k = JSON.stringify(name);
  return name === '__proto__' ? `(Object.hasOwn(${o}, ${k}) ? ${o}[${k}] : undefined)` : `${o}[${k}]`;
}

export const INT_READ: Record<IntType, (b: string) => string> = {
  u8: (p) => `b[${p}]`,
  i8: (p) => `(b[${p}] << 24 >> 24)`,
  u16: (p) => `(b[${p}] << 8 | b[${p} + 1])`,
  i16: (p) => `((b[${p}] << 24 | b[${p} + 1] << 16) >> 16)`,
  u32: (p) => `((b[${p}] << 24 | b[${p} + 1] << 16 | b[${p} + 2] << 8 | b[${p} + 3]) >>> 0)`,
  i32: (p) => `(b[${p}] << 24 | b[${p} + 1] << 16 | b[${p} + 2] << 8 | b[${p} + 3])`,
};

/** Fast in-range test of an already-number value, per wire type. */
export const INT_FAST: Record<IntType, (v: string) => string> = {
  u8: (v) => `(${v} & 0xff) === ${v}`,
  i8: (v) => `(${v} << 24 >> 24) === ${v}`,
  u16: (v) => `(${v} & 0xffff) === ${v}`,
  i16: (v) => `(${v} << 16 >> 16) === ${v}`,
  u32: (v) => `(${v} >>> 0) === ${v}`,
  i32: (v) => `(${v} | 0) === ${v}`,
};

export function intWrite(t: IntType, at: (d: number) => string, v: string): string {
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

export const MAX_COUNT: Record<IntType, number> = {
  u8: 0xff,
  i8: 0x7f,
  u16: 0xffff,
  i16: 0x7fff,
  u32: 0xffffffff,
  i32: 0x7fffffff,
};

/** Shared bookkeeping: emitted lines, constants, unique names, current position. */
export class Gen {
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
  /**
   * When field i is not known to fit from here: the least the fields from i on take, so that one
   * bounds check (decode) or capacity check (encode) covers the whole fixed run. Else undefined.
   */
  shortfall(fields: readonly FieldNode[], i: number): number | undefined {
    if (this.avail >= minSize((fields[i] as FieldNode).node)) return undefined;
    let rest = 0;
    for (let j = i; j < fields.length; j++) rest += minSize((fields[j] as FieldNode).node);
    return rest;
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

export function enumOf(n: Node): EnumInfo | undefined {
  if (n.k === 'enum') return n.info;
  if ((n.k === 'array' || n.k === 'vla' || n.k === 'rest') && n.elem.k === 'enum') return n.elem.info;
  return;
}

export type DecodeFn = (b: Uint8Array, off?: number, end?: number) => ApiMessage;
export type EncodeFn = (m: ApiMessage, id: number) => Buffer;
