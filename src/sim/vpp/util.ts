/** Small helpers shared by the behaviour model: addresses, pools, VPP's generators and hashes. */
import { compareBytes, formatIp, formatIp4, formatIp6, formatPrefix, parseIp } from '../../net/ip.js';
import { formatMac } from '../../net/mac.js';

export const NONE = 0xffffffff;

/** VPP's VNET_API_ERROR_* codes the model returns (names in api_errno.json). */
export const E = {
  UNSPECIFIED: -1,
  INVALID_SW_IF_INDEX: -2,
  NO_SUCH_FIB: -3,
  NO_SUCH_ENTRY: -6,
  INVALID_VALUE: -7,
  UNIMPLEMENTED: -9,
  INVALID_SW_IF_INDEX_2: -10,
  SYSCALL_ERROR_1: -11,
  SYSCALL_ERROR_2: -12,
  FEATURE_DISABLED: -30,
  INVALID_REGISTRATION: -31,
  NO_PATHS_IN_ROUTE: -52,
  NO_MATCHING_INTERFACE: -54,
  INVALID_VLAN: -55,
  VLAN_ALREADY_EXISTS: -56,
  ADDRESS_NOT_FOUND_FOR_INTERFACE: -60,
  SUBIF_ALREADY_EXISTS: -68,
  INVALID_VLAN_TAG_COUNT: -72,
  INVALID_INTERFACE: -71,
  INVALID_ARGUMENT: -73,
  UNEXPECTED_INTF_STATE: -74,
  TUNNEL_EXIST: -75,
  VALUE_EXIST: -81,
  SAME_SRC_DST: -82,
  INVALID_SUB_SW_IF_INDEX: -98,
  ADDRESS_IN_USE: -105,
  ADDRESS_FOUND_FOR_INTERFACE: -114,
  ENTRY_ALREADY_EXISTS: -116,
  BD_ALREADY_EXISTS: -119,
  BD_IN_USE: -120,
  BD_NOT_MODIFIABLE: -121,
  BD_ID_EXCEED_MAX: -122,
  UNSUPPORTED: -126,
  DUPLICATE_IF_ADDRESS: -127,
  ACL_IN_USE_INBOUND: -142,
  ACL_IN_USE_OUTBOUND: -143,
  INSTANCE_IN_USE: -147,
  BD_ALREADY_HAS_BVI: -152,
  EAGAIN: -165,
  FEATURE_ALREADY_ENABLED: -170,
  FEATURE_ALREADY_DISABLED: -169,
  INVALID_PREFIX_LENGTH: -171,
} as const;

/** A VPP pool index allocator: the index freed last is reused first (vppinfra pool free list). */
export class IndexPool {
  private next: number;
  private readonly free: number[] = [];
  constructor(first = 0) {
    this.next = first;
  }
  alloc(): number {
    return this.free.length > 0 ? (this.free.pop() as number) : this.next++;
  }
  /** The index alloc() would return, without taking it. */
  peek(): number {
    return this.free.length > 0 ? (this.free[this.free.length - 1] as number) : this.next;
  }
  release(i: number): void {
    this.free.push(i);
  }
}

/** Lowest free number (loopback instances, bond ids, tap ids, bridge-domain indices). */
export function lowestFree(used: { has(n: number): boolean }, from = 0): number {
  let i = from;
  while (used.has(i)) i++;
  return i;
}

/** VPP's random_u32: seed = 1664525 * seed + 1013904223 (mod 2^32), seeded with 0 at start. */
export class VppRandom {
  private seed = 0;
  next(): number {
    this.seed = (Math.imul(1664525, this.seed) + 1013904223) >>> 0;
    return this.seed;
  }
}

// ---- addresses: the shared src/net code; malformed text throws (requests come decoded) -------

export { isIp6Text as isIp6, maskBytes, prefixContains as covers } from '../../net/ip.js';

export function ip4ToBytes(s: string): Uint8Array {
  const p = parseIp(s);
  if (p?.family !== 'ipv4') throw new Error(`bad IPv4 ${s}`);
  return p.bytes;
}

export function ip6ToBytes(s: string): Uint8Array {
  const p = parseIp(s);
  if (p?.family !== 'ipv6') throw new Error(`bad IPv6 ${s}`);
  return p.bytes;
}

export function bytesToIp4(b: Uint8Array, off = 0): string {
  return formatIp4(b, off);
}

/** RFC 5952 text, as Python's ipaddress (and so vpp_papi) prints it. */
export function bytesToIp6(b: Uint8Array): string {
  return formatIp6(b, 0);
}

export function addrToBytes(s: string): Uint8Array {
  const p = parseIp(s);
  if (!p) throw new Error(`bad IP address ${s}`);
  return p.bytes;
}

/** ip46_address_is_multicast: 224.0.0.0/4 or ff00::/8. */
export function isMulticast(s: string): boolean {
  const b = addrToBytes(s);
  return b.length === 4 ? ((b[0] as number) & 0xf0) === 0xe0 : b[0] === 0xff;
}

export function bytesToAddr(b: Uint8Array): string {
  return formatIp(b);
}

export interface Prefix {
  /** Address bytes as given (host bits kept). */
  readonly bytes: Uint8Array;
  readonly len: number;
  readonly ip6: boolean;
}

/** `addr/len` (a bare address is a host prefix); the length is not checked (VPP judges it). */
export function parsePrefix(s: string): Prefix {
  const slash = s.indexOf('/');
  const bytes = addrToBytes(slash < 0 ? s : s.slice(0, slash));
  const len = slash < 0 ? bytes.length * 8 : Number(s.slice(slash + 1));
  return { bytes, len, ip6: bytes.length === 16 };
}

export function prefixText(bytes: Uint8Array, len: number): string {
  return formatPrefix(bytes, len);
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return compareBytes(a, b) === 0;
}

// ---- decoded-value helpers: src/api/values.ts ----------------------------------------------

export { apiAddress, arr, bool, num, obj, str, unionAddress as unionAddr } from '../../api/values.js';

export function macIsZero(m: string): boolean {
  return m === '' || /^0{1,2}(:0{1,2}){5}$/.test(m);
}

export function macText(bytes: readonly number[]): string {
  return formatMac(Uint8Array.from(bytes));
}

// ---- vppinfra hash (walk order of the IPv4/IPv6 FIB tables) ----------------------------------

// 64-bit arithmetic on [hi, lo] u32 halves: BigInt is too slow for 200,000 routes.
const R = new Uint32Array(6); // aH aL bH bL cH cL

function sub3(x: number, y: number, z: number): void {
  // R[x] -= R[y] + R[z]
  let lo = R[2 * x + 1]! - R[2 * y + 1]!;
  let hi = R[2 * x]! - R[2 * y]!;
  if (lo < 0) {
    lo += 0x100000000;
    hi -= 1;
  }
  lo -= R[2 * z + 1]!;
  hi -= R[2 * z]!;
  if (lo < 0) {
    lo += 0x100000000;
    hi -= 1;
  }
  R[2 * x + 1] = lo;
  R[2 * x] = hi >>> 0;
}

function xorShr(x: number, y: number, n: number): void {
  // R[x] ^= R[y] >> n
  const h = R[2 * y]!;
  const l = R[2 * y + 1]!;
  const sl = n >= 32 ? h >>> (n - 32) : ((l >>> n) | (h << (32 - n))) >>> 0;
  const sh = n >= 32 ? 0 : h >>> n;
  R[2 * x] = (R[2 * x]! ^ sh) >>> 0;
  R[2 * x + 1] = (R[2 * x + 1]! ^ sl) >>> 0;
}

function xorShl(x: number, y: number, n: number): void {
  // R[x] ^= R[y] << n
  const h = R[2 * y]!;
  const l = R[2 * y + 1]!;
  const sh = n >= 32 ? (l << (n - 32)) >>> 0 : ((h << n) | (l >>> (32 - n))) >>> 0;
  const sl = n >= 32 ? 0 : (l << n) >>> 0;
  R[2 * x] = (R[2 * x]! ^ sh) >>> 0;
  R[2 * x + 1] = (R[2 * x + 1]! ^ sl) >>> 0;
}

const STEPS: ReadonlyArray<readonly [number, number, number]> = [
  [43, 9, 8],
  [38, 23, 5],
  [35, 49, 11],
  [12, 18, 22],
];

/** Bob Jenkins' mix as vppinfra's hash_mix64; returns the low 32 bits of c. */
function mix64(): number {
  for (const [s0, s1, s2] of STEPS) {
    sub3(0, 1, 2);
    xorShr(0, 2, s0);
    sub3(1, 2, 0);
    xorShl(1, 0, s1);
    sub3(2, 0, 1);
    xorShr(2, 1, s2);
  }
  return R[5]!;
}

const GOLDEN_H = 0x9e3779b9;
const GOLDEN_L = 0x7f4a7c13;

function setGolden(): void {
  R[0] = GOLDEN_H;
  R[1] = GOLDEN_L;
  R[2] = GOLDEN_H;
  R[3] = GOLDEN_L;
}

/** R[x] += (hi, lo). */
function add(x: number, hi: number, lo: number): void {
  let l = R[2 * x + 1]! + lo;
  let h = R[2 * x]! + hi;
  if (l >= 0x100000000) {
    l -= 0x100000000;
    h += 1;
  }
  R[2 * x + 1] = l;
  R[2 * x] = h >>> 0;
}

/** hash_uword (KEY_FUNC_NONE): the key of an IPv4 FIB table is the address as a host u32. */
export function hashUword(key: number): number {
  setGolden();
  R[4] = 0;
  R[5] = 0;
  add(0, 0, key >>> 0);
  return mix64();
}

function le32(b: Uint8Array, off: number, n: number): number {
  let v = 0;
  for (let i = Math.min(n, 4) - 1; i >= 0; i--) v = v * 256 + (b[off + i] ?? 0);
  return v;
}

/** Adds the little-endian u64 at b[off..off+n) (n <= 8; missing bytes are zero). */
function addLe(x: number, b: Uint8Array, off: number, n: number): void {
  add(x, n > 4 ? le32(b, off + 4, n - 4) : 0, le32(b, off, n));
}

/**
 * hash_memory (mem_key_sum), as vppinfra v26.10 computes it: whole 24-byte rounds mixed, then
 * the length added to c and the remaining bytes copied into three zeroed words (no shift).
 */
export function hashMemory(key: Uint8Array): number {
  const n = key.length;
  setGolden();
  R[4] = 0;
  R[5] = 0;
  let q = 0;
  for (; n - q >= 24; q += 24) {
    addLe(0, key, q, 8);
    addLe(1, key, q + 8, 8);
    addLe(2, key, q + 16, 8);
    mix64();
  }
  add(2, 0, n);
  const r = n - q;
  if (r > 0) addLe(0, key, q, Math.min(r, 8));
  if (r > 8) addLe(1, key, q + 8, Math.min(r - 8, 8));
  if (r > 16) addLe(2, key, q + 16, r - 16);
  return mix64();
}

/**
 * The iteration order of a vppinfra hash (hash_foreach_pair): buckets in index order, a bucket's
 * colliding pairs in insertion order with swap-remove on delete; grows ×2 at 3/4 full and shrinks
 * ÷2 below 1/4 (when more than 32 elements), rehashing in iteration order as hash_resize does.
 */
export class VppHash<T extends { readonly hashSum: number }> {
  private buckets: Array<T[] | undefined>;
  private elts = 0;
  constructor(initialElts = 32) {
    this.buckets = new Array<T[] | undefined>(
      1 << Math.max(6, Math.ceil(Math.log2(Math.max(initialElts, 1)))),
    );
  }
  get size(): number {
    return this.elts;
  }
  add(item: T): void {
    this.insert(item);
    this.elts++;
    if (4 * (this.elts + 1) > 3 * this.buckets.length) this.resize(this.buckets.length * 2);
  }
  remove(item: T): void {
    const i = (item.hashSum >>> 0) & (this.buckets.length - 1);
    const b = this.buckets[i];
    if (!b) return;
    const k = b.indexOf(item);
    if (k < 0) return;
    if (b.length <= 2) b.splice(k, 1);
    else {
      b[k] = b[b.length - 1] as T;
      b.pop();
    }
    if (b.length === 0) this.buckets[i] = undefined;
    this.elts--;
    if (this.elts > 32 && 4 * (this.elts + 1) < this.buckets.length) this.resize(this.buckets.length / 2);
  }
  *values(): Generator<T> {
    for (const b of this.buckets) if (b) for (const p of b) yield p;
  }
  /** Appends the values to `out` in iteration order (values() without a generator, for big walks). */
  collect(out: T[]): void {
    const buckets = this.buckets;
    for (let i = 0; i < buckets.length; i++) {
      const b = buckets[i];
      if (b !== undefined) for (let j = 0; j < b.length; j++) out.push(b[j] as T);
    }
  }
  private insert(item: T): void {
    const i = (item.hashSum >>> 0) & (this.buckets.length - 1);
    const b = this.buckets[i];
    if (b) b.push(item);
    else this.buckets[i] = [item];
  }
  private resize(n: number): void {
    const old = this.buckets;
    this.buckets = new Array<T[] | undefined>(n);
    for (const b of old) if (b) for (const p of b) this.insert(p);
  }
}

/**
 * A vppinfra hash keyed by a number (hash_create (0, sizeof (uword)): KEY_FUNC_NONE), iterated in
 * VPP's order (hash_foreach): a hardware interface's sub-interfaces by id, for instance.
 */
export class UwordHash<V> {
  private readonly h = new VppHash<UwordEntry<V>>();
  private readonly byKey = new Map<number, UwordEntry<V>>();
  get size(): number {
    return this.byKey.size;
  }
  get(key: number): V | undefined {
    return this.byKey.get(key)?.value;
  }
  /** hash_set: a new key goes in, an existing key keeps its place and takes the value. */
  set(key: number, value: V): void {
    const e = this.byKey.get(key);
    if (e) e.value = value;
    else {
      const n = { key, value, hashSum: hashUword(key) };
      this.byKey.set(key, n);
      this.h.add(n);
    }
  }
  delete(key: number): void {
    const e = this.byKey.get(key);
    if (!e) return;
    this.byKey.delete(key);
    this.h.remove(e);
  }
  /** [key, value] in VPP's iteration order. */
  entries(): Array<[number, V]> {
    const out: Array<UwordEntry<V>> = [];
    this.h.collect(out);
    return out.map((e) => [e.key, e.value]);
  }
}

interface UwordEntry<V> {
  readonly key: number;
  value: V;
  readonly hashSum: number;
}
