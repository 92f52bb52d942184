/** The decoder generator: a message layout compiled into a specialised decode function. */
import type { FieldSelection } from '../types.js';
import type { FieldNode, Node } from './layout.js';
import { SCALAR_SIZE, fixedSize, minSize } from './layout.js';
import {
  checkSelection,
  enumOf,
  Gen,
  INT_READ,
  pathExpr,
  propKey,
  type DecodeFn,
  type PathPart,
} from './gen.js';

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
      const rest = this.shortfall(fields, i);
      if (rest !== undefined) this.ensure(rest, fp);
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
      case 'scalar':
        return this.scalar(n, path);
      case 'enum': {
        const s = SCALAR_SIZE[n.t];
        this.ensure(s, path);
        const v = this.tmp('v');
        this.emit(`const ${v} = ${INT_READ[n.t](this.at())};`);
        this.advance(s);
        return v;
      }
      case 'fmt':
        return this.fmt(n, path);
      case 'struct': {
        const lit = this.fields(n.fields, path, sel);
        const v = this.tmp('s');
        this.emit(`const ${v} = ${lit};`);
        return v;
      }
      case 'union':
        return this.union(n, path, sel);
      case 'bytes':
      case 'string': {
        this.ensure(n.len, path);
        const v = this.tmp('v');
        this.emit(`const ${v} = R.${n.k === 'bytes' ? 'rdBytes' : 'rdStr'}(b, ${this.at()}, ${n.len});`);
        this.advance(n.len);
        return v;
      }
      case 'vstring':
        return this.vstring(path);
      case 'vbytes':
      case 'restbytes':
        return this.vbytes(n, path, count);
      case 'array':
      case 'vla':
      case 'rest':
        return this.array(n, path, count, sel);
    }
  }

  private scalar(n: Node & { k: 'scalar' }, path: readonly PathPart[]): string {
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

  private fmt(n: Node & { k: 'fmt' }, path: readonly PathPart[]): string {
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

  /** Every member (or the selected ones) decoded from the same bytes. */
  private union(n: Node & { k: 'union' }, path: readonly PathPart[], sel?: FieldSelection): string {
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
      const v = this.node(m.node, [...path, m.name], undefined, typeof want === 'object' ? want : undefined);
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

  private vstring(path: readonly PathPart[]): string {
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

  private vbytes(n: Node & { k: 'vbytes' | 'restbytes' }, path: readonly PathPart[], count?: string): string {
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
