import { isIPv4, isIPv6 } from 'node:net';
import type { ApiMessage, ApiValue } from '../../api/types.js';
import type { IfRef, Json, KindObject } from './types.js';

/** An interface reference in call arguments, resolved to its sw_if_index when the call is issued. */
export const ifRefOf = (name: string): IfRef => ({ $if: name }) as IfRef;

export const NO_INDEX = 0xffffffff;

/** Deep equality of JSON-like values (arrays in order). */
export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i] as Json, b[i] as Json)) return false;
    return true;
  }
  const ao = a as { readonly [k: string]: Json };
  const bo = b as { readonly [k: string]: Json };
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  if (ak.length !== bk.length) return false;
  for (const k of ak) if (!jsonEqual(ao[k], bo[k])) return false;
  return true;
}

/** Drops undefined fields so objects print and compare cleanly. */
export function compact<T extends KindObject>(o: T): T {
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

// ---- IP addresses -------------------------------------------------------------------------

function ip4ToBig(a: string): bigint {
  return a.split('.').reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}
function bigToIp4(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.');
}
function ip6ToBig(a: string): bigint {
  let s = a;
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hextets.
  const m = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (m) {
    const v = ip4ToBig(m[1]);
    s = s.slice(0, -m[1].length) + ((v >> 16n) & 0xffffn).toString(16) + ':' + (v & 0xffffn).toString(16);
  }
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const fill = tail !== undefined ? 8 - h.length - t.length : 0;
  const parts = [...h, ...Array<string>(fill).fill('0'), ...t];
  return parts.reduce((acc, p) => (acc << 16n) | BigInt(parseInt(p || '0', 16)), 0n);
}
function bigToIp6(n: bigint): string {
  const parts: number[] = [];
  for (let i = 7; i >= 0; i--) parts.push(Number((n >> BigInt(i * 16)) & 0xffffn));
  // Longest run of zeros (length ≥ 2) becomes "::" (RFC 5952).
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (parts[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && parts[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = parts.map((p) => p.toString(16));
  if (best < 0) return hex.join(':');
  return hex.slice(0, best).join(':') + '::' + hex.slice(best + bestLen).join(':');
}

export type Family = 'ip4' | 'ip6';

export function familyOf(addrOrPrefix: string): Family {
  return addrOrPrefix.includes(':') ? 'ip6' : 'ip4';
}

const IP4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Canonical text of an address (IPv6 compressed, lower case). */
export function canonicalAddress(a: string): string {
  // Hot path (100k routes): a dotted quad is canonical when no part has a leading zero.
  const m = IP4.exec(a);
  if (m) return m.slice(1).every((p) => p === '0' || p[0] !== '0') ? a : m.slice(1).map(Number).join('.');
  if (isIPv4(a)) return bigToIp4(ip4ToBig(a));
  if (isIPv6(a)) return bigToIp6(ip6ToBig(a.toLowerCase()));
  return a;
}

/** "10.0.0.1/24" kept with host bits, canonical text. */
export function canonicalInterfacePrefix(p: string): string {
  const [a, l] = p.split('/');
  const fam = familyOf(a);
  return `${canonicalAddress(a)}/${l ?? (fam === 'ip4' ? 32 : 128)}`;
}

/** "10.0.0.1/24" → "10.0.0.0/24" (host bits cleared): routes are keyed by network. */
export function networkPrefix(p: string): string {
  const [a, l] = p.split('/');
  const m = IP4.exec(a);
  if (m) {
    // IPv4 in 32-bit integer arithmetic (hot path of reading routes).
    const len = l === undefined ? 32 : Number(l);
    const v = ((+m[1] << 24) | (+m[2] << 16) | (+m[3] << 8) | +m[4]) >>> 0;
    const net = len === 0 ? 0 : (v & (0xffffffff << (32 - len))) >>> 0;
    return `${net >>> 24}.${(net >>> 16) & 255}.${(net >>> 8) & 255}.${net & 255}/${len}`;
  }
  const fam = familyOf(a);
  const bits = fam === 'ip4' ? 32 : 128;
  const len = l === undefined ? bits : Number(l);
  const v = fam === 'ip4' ? ip4ToBig(a) : ip6ToBig(a.toLowerCase());
  const mask = len === 0 ? 0n : ((1n << BigInt(len)) - 1n) << BigInt(bits - len);
  const net = v & mask;
  return `${fam === 'ip4' ? bigToIp4(net) : bigToIp6(net)}/${len}`;
}

/** The addresses an IPv4 interface prefix makes VPP add to its FIB on its own. */
export function connectedRoutes(ifPrefix: string): string[] {
  const [a, l] = ifPrefix.split('/');
  const fam = familyOf(a);
  const bits = fam === 'ip4' ? 32 : 128;
  const len = Number(l);
  const host = `${canonicalAddress(a)}/${bits}`;
  if (len === bits) return [host];
  const net = networkPrefix(ifPrefix);
  const out = [net, host];
  if (fam === 'ip4' && len < 31) {
    const v = ip4ToBig(net.split('/')[0]);
    const bcast = v | ((1n << BigInt(32 - len)) - 1n);
    out.push(`${bigToIp4(v)}/32`, `${bigToIp4(bcast)}/32`);
  }
  return out;
}

/** Sorts prefixes/addresses in numeric order (stable, readable plans). */
export function comparePrefixes(x: string, y: string): number {
  const fx = familyOf(x);
  const fy = familyOf(y);
  if (fx !== fy) return fx === 'ip4' ? -1 : 1;
  const [ax, lx] = x.split('/');
  const [ay, ly] = y.split('/');
  const vx = fx === 'ip4' ? ip4ToBig(ax) : ip6ToBig(ax);
  const vy = fy === 'ip4' ? ip4ToBig(ay) : ip6ToBig(ay);
  if (vx !== vy) return vx < vy ? -1 : 1;
  return Number(lx ?? 0) - Number(ly ?? 0);
}

// ---- decoded API values ---------------------------------------------------------------

export function num(m: ApiMessage | undefined, f: string): number {
  const v = m?.[f];
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return 0;
}
export function str(m: ApiMessage | undefined, f: string): string {
  const v = m?.[f];
  return typeof v === 'string' ? v : '';
}
export function bool(m: ApiMessage | undefined, f: string): boolean {
  const v = m?.[f];
  return v === true || v === 1;
}
export function obj(m: ApiMessage | undefined, f: string): ApiMessage {
  const v = m?.[f];
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array)
    ? (v as ApiMessage)
    : {};
}
export function arr(m: ApiMessage | undefined, f: string): readonly ApiValue[] {
  const v = m?.[f];
  return Array.isArray(v) ? (v as readonly ApiValue[]) : [];
}

/** The address member of a decoded address_union, by family. */
export function unionAddress(u: ApiValue | undefined, fam: Family): string {
  if (typeof u === 'string') return u;
  if (u && typeof u === 'object' && !Array.isArray(u) && !(u instanceof Uint8Array)) {
    const v = (u as ApiMessage)[fam];
    if (typeof v === 'string') return v;
  }
  return fam === 'ip4' ? '0.0.0.0' : '::';
}

export function sortedUnique(xs: Iterable<string>, cmp?: (a: string, b: string) => number): string[] {
  return [...new Set(xs)].sort(cmp);
}
