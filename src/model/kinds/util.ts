import type { ApiMessage, ApiValue } from '../../api/types.js';
import * as values from '../../api/values.js';
import {
  canonicalAddress as netCanonicalAddress,
  canonicalIp,
  canonicalPrefix,
  compareAddresses,
  isIp6Text,
} from '../../net/ip.js';
import { describeIdNamespace, idRef, isIdRef, type IdBinding, type IdRef } from './ids.js';
import type { ReadContext } from './types.js';

/** The namespace of sw_if_index values. */
export const IF_NS = 'if';
describeIdNamespace(IF_NS, 'interface', 'sw_if_index');

/** An interface reference in call arguments, resolved to its sw_if_index when the call is issued. */
export const ifRefOf = (name: string): IdRef => idRef(IF_NS, name);

/** Whether a call argument is a reference in namespace `ns` (e.g. an interface's). */
export function isIdRefTo(v: unknown, ns: string): v is IdRef {
  return isIdRef(v) && v.$ref === ns;
}

/** A create call's reply names the new interface's sw_if_index. */
export const bindIf = (name: string): IdBinding => ({ ref: ifRefOf(name), field: 'sw_if_index' });

export const NO_INDEX = 0xffffffff;

/** Whether VPP lacks a message (its plugin is not loaded): the client's VppUnsupportedMessageError. */
export function isUnsupported(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === 'VPP_UNSUPPORTED_MESSAGE';
}

/** A dump, or nothing when VPP lacks the message (a plugin that is not loaded has no objects). */
export async function dumpOrNothing(
  ctx: ReadContext,
  name: string,
  args: ApiMessage = {},
): Promise<ApiMessage[]> {
  try {
    return await ctx.caller.dump(name, args);
  } catch (err) {
    if (isUnsupported(err)) return [];
    throw err;
  }
}

// ---- IP addresses: the shared src/net code ---------------------------------------------------
// Inputs are VPP's decoded text or the loader's canonical text; IPv4 parts with leading zeros are
// still read (as decimal), and text that is no address is passed through unchanged.

const LENIENT = { leadingZeros: true, lengthOptional: true } as const;

/** VPP's spelling of a family (the model says ipv4 / ipv6). */
export type Family = 'ip4' | 'ip6';

/** Both families, IPv4 first (the order ops and reads go in). */
export const FAMILIES: readonly Family[] = ['ip4', 'ip6'];

/** The model's spelling of a family: the `ipv4` / `ipv6` field names. */
export function modelFamily(f: Family): 'ipv4' | 'ipv6' {
  return f === 'ip4' ? 'ipv4' : 'ipv6';
}

export function familyOf(addrOrPrefix: string): Family {
  return isIp6Text(addrOrPrefix) ? 'ip6' : 'ip4';
}

/** Canonical text of an address (IPv6 compressed, lower case). */
export function canonicalAddress(a: string): string {
  return canonicalIp(a, LENIENT) ?? a;
}

/** "10.0.0.1/24" kept with host bits, canonical text ("/32" or "/128" added when missing). */
export function canonicalInterfacePrefix(p: string): string {
  return netCanonicalAddress(p, LENIENT) ?? p;
}

/** "10.0.0.1/24" → "10.0.0.0/24" (host bits cleared): routes are keyed by network. */
export function networkPrefix(p: string): string {
  return canonicalPrefix(p, LENIENT) ?? p;
}

/**
 * Free text as one argument of a vppctl command: VPP's unformat `%s` stops at whitespace unless
 * the text is in braces, and takes a backslash as an escape.
 */
export function cliText(s: string): string {
  const escaped = s.replace(/[\\{}]/g, (c) => `\\${c}`);
  return /\s/.test(s) || escaped !== s || s === '' ? `{${escaped}}` : s;
}

/** Sorts prefixes/addresses in numeric order (stable, readable plans): IPv4 first, then length. */
export function comparePrefixes(x: string, y: string): number {
  return compareAddresses(x, y, LENIENT);
}

// ---- decoded API values: src/api/values.ts, read by field name -------------------------------

export function num(m: ApiMessage | undefined, f: string): number {
  return values.num(m?.[f]);
}
export function str(m: ApiMessage | undefined, f: string): string {
  return values.str(m?.[f]);
}
export function bool(m: ApiMessage | undefined, f: string): boolean {
  return values.bool(m?.[f]);
}
export function obj(m: ApiMessage | undefined, f: string): ApiMessage {
  return values.obj(m?.[f]);
}
export function arr(m: ApiMessage | undefined, f: string): readonly ApiValue[] {
  return values.arr(m?.[f]);
}

/** The address member of a decoded address_union, by family. */
export function unionAddress(u: ApiValue | undefined, fam: Family): string {
  return values.unionAddress(u, fam === 'ip6');
}

export function sortedUnique(xs: Iterable<string>, cmp?: (a: string, b: string) => number): string[] {
  return [...new Set(xs)].sort(cmp);
}
