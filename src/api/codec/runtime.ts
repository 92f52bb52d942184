/**
 * Helpers the compiled encoders/decoders call. Hot paths (integers, bounds) are inlined in the
 * generated code; these handle the rest and the slow paths (conversions, defaults, errors).
 */
import { ApiDecodeError, ApiEncodeError } from '../errors.js';
import type { EnumInfo } from './enums.js';
import * as IP from '../../net/ip.js';
import * as MAC from '../../net/mac.js';
import type { IntType } from './layout.js';

// Plain local bindings: calls in hot paths stay direct whatever the module loader does.
// Address text ↔ bytes is the shared src/net code, writing and reading the wire buffer in place.
const { formatIp4, formatIp6, writeIp4, writeIp6 } = IP;
const { formatMac, writeMac } = MAC;

/** Returned by converters for a bad value; the reason is in `state.problem`. */
export const BAD: unique symbol = Symbol('bad');
export type Bad = typeof BAD;

export const state = { problem: '' };

function bad(problem: string): Bad {
  state.problem = problem;
  return BAD;
}

function show(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (v instanceof Uint8Array) return `bytes[${v.length}]`;
  if (Array.isArray(v)) return `array[${v.length}]`;
  if (typeof v === 'object' && v !== null) return 'an object';
  return String(v);
}

const INT_RANGE: Record<IntType, [number, number]> = {
  u8: [0, 0xff],
  i8: [-0x80, 0x7f],
  u16: [0, 0xffff],
  i16: [-0x8000, 0x7fff],
  u32: [0, 0xffffffff],
  i32: [-0x80000000, 0x7fffffff],
};

function checkInt(v: number, t: IntType): number | Bad {
  const [lo, hi] = INT_RANGE[t];
  if (!Number.isInteger(v)) return bad(`expected an integer (${t}), got ${show(v)}`);
  if (v < lo || v > hi) return bad(`${show(v)} is out of range for ${t} (${lo}..${hi})`);
  return v;
}

/** Slow path of an integer field: default for a missing value, bigint/boolean accepted when exact. */
export function int(v: unknown, t: IntType, def: unknown): number | Bad {
  if (v === undefined || v === null) {
    if (def === undefined) return 0;
    v = def;
  }
  if (typeof v === 'number') return checkInt(v, t);
  if (typeof v === 'bigint') {
    const [lo, hi] = INT_RANGE[t];
    return v >= BigInt(lo) && v <= BigInt(hi)
      ? Number(v)
      : bad(`${show(v)} is out of range for ${t} (${lo}..${hi})`);
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  return bad(`expected a number (${t}), got ${show(v)}`);
}

export function enumValue(v: unknown, t: IntType, def: unknown, info: EnumInfo): number | Bad {
  if (v === undefined || v === null) {
    if (def === undefined) return 0;
    v = def;
  }
  if (typeof v === 'string' || Array.isArray(v)) {
    const n = info.valueOf(v as string | unknown[]);
    if (n === undefined) return bad(`${show(v)} is not a member of ${info.name}`);
    v = n;
  }
  if (typeof v === 'number') {
    const r = checkInt(v, t);
    if (r === BAD) return bad(`${state.problem} (enum ${info.name})`);
    return r;
  }
  if (typeof v === 'bigint') return int(v, t, undefined);
  return bad(`expected a ${info.name} name or number, got ${show(v)}`);
}

export function bool(v: unknown, def: unknown): boolean | Bad {
  if (v === undefined || v === null) {
    if (def === undefined) return false;
    // .api.json writes bool defaults as "true", True/False, 0 or even 4294967295.
    return def === true || def === 'true' || (typeof def === 'number' && def !== 0);
  }
  if (v === 0 || v === 1) return v === 1;
  return bad(`expected a boolean, got ${show(v)}`);
}

const U64_MAX = (1n << 64n) - 1n;
const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;

export function big(v: unknown, signed: boolean, def: unknown): bigint | Bad {
  if (v === undefined || v === null) {
    if (def === undefined) return 0n;
    v = def;
  }
  const t = signed ? 'i64' : 'u64';
  let x: bigint;
  if (typeof v === 'bigint') x = v;
  else if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) return bad(`${show(v)} is not a safe integer for ${t}: pass a bigint`);
    x = BigInt(v);
  } else return bad(`expected a bigint (${t}), got ${show(v)}`);
  if (signed ? x < I64_MIN || x > I64_MAX : x < 0n || x > U64_MAX)
    return bad(`${show(x)} is out of range for ${t}`);
  return x;
}

export function f64(v: unknown, def: unknown): number | Bad {
  if (v === undefined || v === null) return typeof def === 'number' ? def : 0;
  return bad(`expected a number (f64), got ${show(v)}`);
}

// 64-bit and float access through one DataView-backed scratch: VPP sends f64 in host order (LE).
const SCR = new Uint8Array(8);
const SCR_DV = new DataView(SCR.buffer);

export function rdU64(b: Uint8Array, p: number): bigint {
  const hi = ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;
  const lo = ((b[p + 4] << 24) | (b[p + 5] << 16) | (b[p + 6] << 8) | b[p + 7]) >>> 0;
  if (hi < 0x200000) return BigInt(hi * 4294967296 + lo);
  return (BigInt(hi) << 32n) | BigInt(lo);
}

export function rdI64(b: Uint8Array, p: number): bigint {
  return BigInt.asIntN(64, rdU64(b, p));
}

export function wr64(b: Uint8Array, p: number, v: bigint): void {
  SCR_DV.setBigUint64(0, BigInt.asUintN(64, v), false);
  for (let i = 0; i < 8; i++) b[p + i] = SCR[i];
}

export function rdF64(b: Uint8Array, p: number): number {
  for (let i = 0; i < 8; i++) SCR[i] = b[p + i];
  return SCR_DV.getFloat64(0, true);
}

export function wrF64(b: Uint8Array, p: number, v: number): void {
  SCR_DV.setFloat64(0, v, true);
  for (let i = 0; i < 8; i++) b[p + i] = SCR[i];
}

const utf8 = new TextDecoder('utf-8');

/** Bytes [p, p+n) as text; ASCII without a TextDecoder call. */
function text(b: Uint8Array, p: number, n: number): string {
  if (n <= 64) {
    let s = '';
    for (let i = 0; i < n; i++) {
      const c = b[p + i];
      if (c >= 0x80) return utf8.decode(b.subarray(p, p + n));
      s += String.fromCharCode(c);
    }
    return s;
  }
  return utf8.decode(b.subarray(p, p + n));
}

/** `string x[N]`: up to the first NUL. */
export function rdStr(b: Uint8Array, p: number, n: number): string {
  let e = 0;
  while (e < n && b[p + e] !== 0) e++;
  return e === 0 ? '' : text(b, p, e);
}

/** `string x[]`: the length-prefixed bytes, trailing NULs stripped. */
export function rdVStr(b: Uint8Array, p: number, n: number): string {
  while (n > 0 && b[p + n - 1] === 0) n--;
  return n === 0 ? '' : text(b, p, n);
}

export function rdBytes(b: Uint8Array, p: number, n: number): Buffer {
  const out = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) out[i] = b[p + i];
  return out;
}

export function rdAddress(b: Uint8Array, p: number): string {
  return b[p] === 1 ? formatIp6(b, p + 1) : formatIp4(b, p + 1);
}
const SLASH: string[] = Array.from({ length: 256 }, (_, i) => `/${i}`);

export function rdPrefix(b: Uint8Array, p: number): string {
  return rdAddress(b, p) + SLASH[b[p + 17]];
}
export function rdIp4Prefix(b: Uint8Array, p: number): string {
  return formatIp4(b, p) + SLASH[b[p + 4]];
}
export function rdIp6Prefix(b: Uint8Array, p: number): string {
  return formatIp6(b, p) + SLASH[b[p + 16]];
}
export const rdIp4 = formatIp4;
export const rdIp6 = formatIp6;
export const rdMac = formatMac;

/** Zero b[from, to): a loop beats Buffer#fill's argument checks for the few bytes here. */
export function zero(b: Uint8Array, from: number, to: number): void {
  if (to - from > 64) b.fill(0, from, to);
  else for (let i = from; i < to; i++) b[i] = 0;
}

// ---- encode side -------------------------------------------------------------------------

/** Scratch buffer the encoders write into before copying out the exact length. */
export const scratch = { buf: Buffer.allocUnsafe(64 * 1024) };

export function grow(need: number): Buffer {
  const old = scratch.buf;
  const next = Buffer.allocUnsafe(Math.max(need, old.length * 2));
  old.copy(next, 0, 0, old.length);
  scratch.buf = next;
  return next;
}

export function finish(b: Buffer, len: number): Buffer {
  const out = Buffer.allocUnsafe(len);
  b.copy(out, 0, 0, len);
  // Do not keep megabytes around after one big message (get_api_json).
  if (b.length > 1024 * 1024) scratch.buf = Buffer.allocUnsafe(64 * 1024);
  return out;
}

/** Length of an array-like value; 0 when missing; -1 when not an array (problem set). */
export function len(v: unknown, bytes: boolean): number {
  if (v === undefined || v === null) return 0;
  if (Array.isArray(v)) return v.length;
  if (bytes && v instanceof Uint8Array) return v.length;
  state.problem = `expected ${bytes ? 'bytes (Uint8Array)' : 'an array'}, got ${show(v)}`;
  return -1;
}

/**
 * Annotations that encode ignores: `<field>__name` / `__unmasked` siblings and `_`-prefixed keys
 * such as a transcript's `_msgname` (no VPP field but `_vl_msg_id` starts with `_`).
 */
export function isAnnotation(k: string): boolean {
  return k.charCodeAt(0) === 95 || k.includes('__');
}

/** The first own key that is neither a field nor a decode-only annotation (`x__name`, `_msgname`). */
export function unknownKey(v: object, known: ReadonlySet<string>): string | undefined {
  for (const k in v) {
    if (!known.has(k) && !isAnnotation(k)) return k;
  }
  return undefined;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

export function objProblem(v: unknown): void {
  state.problem = `expected an object, got ${show(v)}`;
}

function utf8Len(s: string): number {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return Buffer.byteLength(s, 'utf8');
  return s.length;
}

/** `string x[N]`: at most N-1 bytes, NUL padded. */
export function wStr(b: Buffer, p: number, n: number, v: unknown): boolean {
  if (v === undefined || v === null) v = '';
  if (typeof v !== 'string') return bad(`expected a string, got ${show(v)}`) !== BAD;
  const l = utf8Len(v);
  if (l > n - 1) return bad(`string too long: ${l} bytes, at most ${n - 1} fit in string[${n}]`) !== BAD;
  if (l === v.length) for (let i = 0; i < l; i++) b[p + i] = v.charCodeAt(i);
  else b.write(v, p, l, 'utf8');
  zero(b, p + l, p + n);
  return true;
}

/** Byte length of a `string x[]` value, or -1 (problem set). */
export function vstrLen(v: unknown): number {
  if (v === undefined || v === null) return 0;
  if (typeof v !== 'string') {
    state.problem = `expected a string, got ${show(v)}`;
    return -1;
  }
  return utf8Len(v);
}

export function wVStr(b: Buffer, p: number, v: unknown, l: number): void {
  if (l === 0) return;
  const s = v as string;
  if (l === s.length) for (let i = 0; i < l; i++) b[p + i] = s.charCodeAt(i);
  else b.write(s, p, l, 'utf8');
}

/** u8 x[N] (pad with zeros) or u8 x[count] (exact, n given). */
export function wBytes(b: Buffer, p: number, n: number, v: unknown, exact: boolean): boolean {
  if (v === undefined || v === null) {
    zero(b, p, p + n);
    return true;
  }
  if (!(v instanceof Uint8Array) && !Array.isArray(v))
    return bad(`expected bytes (Uint8Array), got ${show(v)}`) !== BAD;
  if (v.length > n) return bad(`${v.length} bytes do not fit u8[${n}]`) !== BAD;
  if (v instanceof Uint8Array) b.set(v, p);
  else {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (typeof x !== 'number' || (x & 0xff) !== x) return bad(`byte [${i}] ${show(x)} is not a u8`) !== BAD;
      b[p + i] = x;
    }
  }
  if (!exact) zero(b, p + v.length, p + n);
  return true;
}

function bytesInto(b: Buffer, p: number, n: number, v: unknown, what: string): boolean {
  if (v instanceof Uint8Array && v.length === n) {
    b.set(v, p);
    return true;
  }
  return bad(`malformed ${what} ${show(v)}`) !== BAD;
}

export function wIp4(b: Buffer, p: number, v: unknown): boolean {
  if (v === undefined || v === null || v === '') {
    zero(b, p, p + 4);
    return true;
  }
  if (typeof v === 'string') return writeIp4(b, p, v) || bad(`malformed IPv4 address ${show(v)}`) !== BAD;
  return bytesInto(b, p, 4, v, 'IPv4 address');
}

export function wIp6(b: Buffer, p: number, v: unknown): boolean {
  if (v === undefined || v === null || v === '') {
    zero(b, p, p + 16);
    return true;
  }
  if (typeof v === 'string') return writeIp6(b, p, v) || bad(`malformed IPv6 address ${show(v)}`) !== BAD;
  return bytesInto(b, p, 16, v, 'IPv6 address');
}

export function wMac(b: Buffer, p: number, v: unknown): boolean {
  if (v === undefined || v === null || v === '') {
    zero(b, p, p + 6);
    return true;
  }
  if (typeof v === 'string') return writeMac(b, p, v) || bad(`malformed MAC address ${show(v)}`) !== BAD;
  return bytesInto(b, p, 6, v, 'MAC address');
}

/** An address string into a 16-byte address_union; returns the family (0/1) or -1. */
export function wAddrUnion(b: Buffer, p: number, s: string): number {
  zero(b, p, p + 16);
  if (s.includes(':')) return writeIp6(b, p, s) ? 1 : -1;
  return writeIp4(b, p, s) ? 0 : -1;
}

/** af + union: value as "192.0.2.1" / "2001:db8::1" or { af, un: { ip4 | ip6 } }. */
export function wAddress(b: Buffer, p: number, v: unknown): boolean {
  if (v === undefined || v === null || v === '') {
    zero(b, p, p + 17);
    return true;
  }
  if (typeof v === 'string') {
    return addrInto(b, p, v, v.length) || bad(`malformed IP address ${show(v)}`) !== BAD;
  }
  if (isObject(v)) {
    const af = v.af;
    const afn =
      af === 'ADDRESS_IP6' || af === 1 ? 1 : af === 'ADDRESS_IP4' || af === 0 || af === undefined ? 0 : -1;
    if (afn < 0) return bad(`unknown address family ${show(af)}`) !== BAD;
    b[p] = afn;
    zero(b, p + 1, p + 17);
    const un = v.un;
    if (un === undefined || un === null) return true;
    if (typeof un === 'string') {
      if (wAddrUnion(b, p + 1, un) !== afn)
        return bad(`malformed IPv${afn ? 6 : 4} address ${show(un)}`) !== BAD;
      return true;
    }
    if (isObject(un)) {
      const m = afn === 1 ? un.ip6 : un.ip4;
      return afn === 1 ? wIp6(b, p + 1, m) : wIp4(b, p + 1, m);
    }
  }
  return bad(`expected an IP address string, got ${show(v)}`) !== BAD;
}

/** Where the address part of the last prefixLen() argument ends (its "/" or its end). */
let addrEnd = 0;

/** The prefix length after "/" (-1 when absent, -2 when malformed); sets addrEnd. */
function prefixLen(v: string): number {
  const slash = v.indexOf('/');
  if (slash < 0) {
    addrEnd = v.length;
    return -1;
  }
  addrEnd = slash;
  const n = v.length - slash - 1;
  if (n < 1 || n > 3) return -2;
  let l = 0;
  for (let i = slash + 1; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return -2;
    l = l * 10 + c - 48;
  }
  return l;
}

/** An address in s[0, to) into af + 16-byte union at b[p]. */
function addrInto(b: Buffer, p: number, s: string, to: number): boolean {
  for (let i = 0; i < to; i++) {
    if (s.charCodeAt(i) === 58) {
      b[p] = 1;
      return writeIp6(b, p + 1, s, 0, to);
    }
  }
  b[p] = 0;
  for (let i = p + 5; i < p + 17; i++) b[i] = 0;
  return writeIp4(b, p + 1, s, 0, to);
}

/** prefix / address_with_prefix: "192.0.2.0/24" (no "/len" = a host prefix) or { address, len }. */
export function wPrefix(b: Buffer, p: number, v: unknown): boolean {
  if (v === undefined || v === null || v === '') {
    zero(b, p, p + 18);
    return true;
  }
  if (typeof v === 'string') {
    const l0 = prefixLen(v);
    if (l0 === -2 || !addrInto(b, p, v, addrEnd)) return bad(`malformed IP prefix ${show(v)}`) !== BAD;
    const l = l0 < 0 ? (b[p] === 1 ? 128 : 32) : l0;
    // Any u8 goes on the wire (a decoded union member may hold one); VPP judges the length.
    if (l > 255) return bad(`prefix length ${l} is out of range in ${show(v)} (u8)`) !== BAD;
    b[p + 17] = l;
    return true;
  }
  if (isObject(v)) {
    if (!wAddress(b, p, v.address)) return false;
    const l = v.len ?? 0;
    if (typeof l !== 'number' || (l & 0xff) !== l) return bad(`bad prefix length ${show(l)}`) !== BAD;
    b[p + 17] = l;
    return true;
  }
  return bad(`expected an IP prefix string, got ${show(v)}`) !== BAD;
}

/** ip4_prefix / ip6_prefix (and *_address_with_prefix). */
export function wIpPrefix(b: Buffer, p: number, v: unknown, six: boolean): boolean {
  const n = six ? 16 : 4;
  if (v === undefined || v === null || v === '') {
    zero(b, p, p + n + 1);
    return true;
  }
  const max = six ? 128 : 32;
  if (typeof v === 'string') {
    const l0 = prefixLen(v);
    const ok = l0 !== -2 && (six ? writeIp6(b, p, v, 0, addrEnd) : writeIp4(b, p, v, 0, addrEnd));
    if (!ok) return bad(`malformed IPv${six ? 6 : 4} prefix ${show(v)}`) !== BAD;
    const l = l0 < 0 ? max : l0;
    if (l > 255) return bad(`prefix length ${l} is out of range in ${show(v)} (u8)`) !== BAD;
    b[p + n] = l;
    return true;
  }
  if (isObject(v)) {
    if (!(six ? wIp6(b, p, v.address) : wIp4(b, p, v.address))) return false;
    const l = v.len ?? 0;
    if (typeof l !== 'number' || (l & 0xff) !== l) return bad(`bad prefix length ${show(l)}`) !== BAD;
    b[p + n] = l;
    return true;
  }
  return bad(`expected an IPv${six ? 6 : 4} prefix string, got ${show(v)}`) !== BAD;
}

export function encErr(msg: string, path: string): ApiEncodeError {
  return new ApiEncodeError(msg, path, state.problem);
}

export function encErrP(msg: string, path: string, problem: string): ApiEncodeError {
  return new ApiEncodeError(msg, path, problem);
}

export function decErr(msg: string, path: string, problem: string): ApiDecodeError {
  return new ApiDecodeError(msg, path, problem);
}

export function truncated(msg: string, path: string, need: number, end: number, off: number): ApiDecodeError {
  return new ApiDecodeError(
    msg,
    path,
    `truncated: needs ${need - off} bytes from the message start, buffer has ${end - off}`,
  );
}
