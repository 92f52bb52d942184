/**
 * Reading decoded values (the contract of ./types.ts) without caring whether a field is there:
 * a missing or mistyped field reads as zero, false, '', {} or [].
 */
import type { ApiMessage, ApiValue } from './types.js';

/** A number field (u64/i64 bigints converted, booleans as 0/1); `dflt` when missing. */
export function num(v: ApiValue | undefined, dflt = 0): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return dflt;
}

/** A bool field (also 1 and 1n, as encode takes them). */
export function bool(v: ApiValue | undefined): boolean {
  return v === true || v === 1 || v === 1n;
}

export function str(v: ApiValue | undefined): string {
  return typeof v === 'string' ? v : '';
}

/** A nested type (or union) as an object; {} when missing. */
export function obj(v: ApiValue | undefined): ApiMessage {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array)
    ? (v as ApiMessage)
    : {};
}

export function arr(v: ApiValue | undefined): readonly ApiValue[] {
  return Array.isArray(v) ? (v as readonly ApiValue[]) : [];
}

/**
 * The address of an address_union: a plain string (as encode takes it) or the `ip4` / `ip6`
 * member of a decoded union; the family's zero address when missing.
 */
export function unionAddress(v: ApiValue | undefined, ip6: boolean): string {
  if (typeof v === 'string') return v;
  const s = obj(v)[ip6 ? 'ip6' : 'ip4'];
  if (typeof s === 'string') return s;
  return ip6 ? '::' : '0.0.0.0';
}

/** A vl_api_address_t: the friendly string, or `{ af, un }` (af 1 = IPv6). */
export function apiAddress(v: ApiValue | undefined): string {
  if (typeof v === 'string') return v;
  const o = obj(v);
  return unionAddress(o.un, num(o.af) === 1);
}
