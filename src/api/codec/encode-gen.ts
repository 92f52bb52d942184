/** The encoder generator: a message layout compiled into a specialised encode function. */
import type { EnumInfo } from './enums.js';
import type { FieldNode, IntType, Node } from './layout.js';
import { SCALAR_SIZE, fixedSize } from './layout.js';
import {
  Gen,
  INT_FAST,
  intWrite,
  MAX_COUNT,
  pathExpr,
  readKey,
  type EncodeFn,
  type PathPart,
} from './gen.js';

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
      const rest = this.shortfall(fields, i);
      if (rest !== undefined) this.cap(rest);
      if (top && i === 0 && f.name === '_vl_msg_id') {
        this.emit(intWrite('u16', (d) => this.at(d), 'id'));
        this.advance(2);
        continue;
      }
      if (f.counts !== undefined) {
        this.countField(f, f.counts, fields, o, path, arrays);
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

  /** A count field: written from the length of the array(s) it counts, which must agree. */
  private countField(
    f: FieldNode,
    counted: readonly string[],
    fields: readonly FieldNode[],
    o: string,
    path: readonly PathPart[],
    arrays: Map<string, { a: string; n: string }>,
  ): void {
    const t = (f.node as { t: IntType }).t;
    let first: string | undefined;
    for (const name of counted) {
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
      case 'scalar':
        return this.scalar(n, v, path, defK);
      case 'enum':
        return this.enumField(n, v, path, defK);
      case 'fmt':
        return this.fmt(n, v, path);
      case 'struct':
        return this.struct(n, v, path);
      case 'union':
        return this.union(n, v, path, disc);
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
      case 'vstring':
        return this.vstring(v, path);
      case 'vbytes':
      case 'restbytes':
        return this.vbytes(v, path, count);
      case 'array':
      case 'vla':
      case 'rest':
        return this.array(n, v, path, count);
    }
  }

  private scalar(n: Node & { k: 'scalar' }, v: string, path: readonly PathPart[], defK: string): void {
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
  }

  private enumField(n: Node & { k: 'enum' }, v: string, path: readonly PathPart[], defK: string): void {
    const s = SCALAR_SIZE[n.t];
    this.cap(s);
    const info = this.konst(n.info);
    this.emit(
      `if (typeof ${v} !== 'number' || !(${INT_FAST[n.t](v)})) { ${v} = R.enumValue(${v}, '${n.t}', ${defK}, ${info}); if (${v} === BAD) ${this.fail(path)} }`,
    );
    this.emit(intWrite(n.t, (d) => this.at(d), v));
    this.advance(s);
  }

  private fmt(n: Node & { k: 'fmt' }, v: string, path: readonly PathPart[]): void {
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
  }

  private struct(n: Node & { k: 'struct' }, v: string, path: readonly PathPart[]): void {
    const o = this.tmp('o');
    this.emit(`let ${o} = ${v};`);
    const size = fixedSize(n);
    if (size > 0 && !hasDefaults(n)) {
      // A missing fixed-size struct without defaults is all zeros.
      this.cap(size);
      this.emit(`if (${o} === undefined || ${o} === null) R.zero(b, ${this.at()}, ${this.at(size)}); else {`);
      this.emit(`if (!R.isObject(${o})) { R.objProblem(${o}); ${this.fail(path)} }`);
      this.fields(n.fields, o, path, false);
      this.emit('}');
      return;
    }
    this.emit(`if (${o} === undefined || ${o} === null) ${o} = ${this.konst(Object.freeze({}))};`);
    this.emit(`else if (!R.isObject(${o})) { R.objProblem(${o}); ${this.fail(path)} }`);
    this.fields(n.fields, o, path, false);
  }

  private vstring(v: string, path: readonly PathPart[]): void {
    const l = this.tmp('l');
    this.emit(`const ${l} = R.vstrLen(${v});`);
    this.emit(`if (${l} < 0) ${this.fail(path)}`);
    this.emit(`if (${this.at(4)} + ${l} > b.length) b = R.grow(${this.at(4)} + ${l});`);
    this.avail = Math.max(this.avail, 4);
    this.emit(intWrite('u32', (d) => this.at(d), l));
    this.emit(`R.wVStr(b, ${this.at(4)}, ${v}, ${l});`);
    this.rebase(`${this.at(4)} + ${l}`);
  }

  private vbytes(v: string, path: readonly PathPart[], count: string | undefined): void {
    let l = count;
    if (l === undefined) {
      l = this.tmp('n');
      this.emit(`const ${l} = R.len(${v}, true);`);
      this.emit(`if (${l} < 0) ${this.fail(path)}`);
    }
    this.emit(`if (${this.at()} + ${l} > b.length) b = R.grow(${this.at()} + ${l});`);
    this.emit(`if (!R.wBytes(b, ${this.at()}, ${l}, ${v}, true)) ${this.fail(path)}`);
    this.rebase(`${this.at()} + ${l}`);
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
  return u32Offset(fields, 'context');
}

/** Byte offset of the u32 field `name` before any variable-length field, or -1. */
export function u32Offset(fields: readonly FieldNode[], name: string): number {
  let off = 0;
  for (const f of fields) {
    if (f.name === name && f.node.k === 'scalar' && f.node.t === 'u32') return off;
    const s = fixedSize(f.node);
    if (s < 0) return -1;
    off += s;
  }
  return -1;
}
