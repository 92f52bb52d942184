/**
 * ip_route_details and ip_route_v2_details written straight from a FIB entry: the bytes the codec
 * makes of routeDetails()
 * (src/sim/definitions: core/ip.ts and core/fib_types.ts), without building the nested objects
 * (16 MPLS labels per path) and walking them. The server uses these bytes only for the crc below
 * and checks each dump's first one against the codec; anything unusual (a value out of range, an
 * unparsable address) answers undefined and goes through the codec.
 */
import { parseIp } from '../../net/ip.js';
import type { FibEntry } from './fib.js';

/** The definitions this layout follows (ip_route_details, ip_route_v2_details in the simulator's). */
export const ROUTE_DETAILS_CRC = '0xbda8f315';
export const ROUTE_V2_DETAILS_CRC = '0xb09aa6c0';

// u16 _vl_msg_id, u32 context, route { u32 table_id, u32 stats_index, prefix (u8 af, u8[16], u8 len),
// u8 n_paths, v2 only: u8 src }
const HEAD1 = 33;
// fib_path: u32 sw_if_index, u32 table_id, u32 rpf_id, u8 weight, u8 preference, u32 type,
// u32 flags, u32 proto, nh { u8[16] address, u32 via_label, u32 obj_id, u32 classify_table_index },
// u8 n_labels, fib_mpls_label label_stack[16] (7 bytes each)
const PATH = 167;

/**
 * Messages are cut from zeroed 64 KiB slabs: a Buffer.alloc each (its own ArrayBuffer) costs
 * more than writing the message, and the kept encodings of a big table would be as many
 * ArrayBuffers for the GC to track.
 */
const SLAB = 64 * 1024;
let slab = Buffer.alloc(SLAB);
let used = 0;

function zeroed(n: number): Buffer {
  if (n > SLAB / 4) return Buffer.alloc(n);
  if (used + n > SLAB) {
    slab = Buffer.alloc(SLAB);
    used = 0;
  }
  const b = slab.subarray(used, used + n);
  used += n;
  return b;
}

function u32(b: Buffer, p: number, v: number): boolean {
  if (v >>> 0 !== v) return false;
  b[p] = v >>> 24;
  b[p + 1] = v >>> 16;
  b[p + 2] = v >>> 8;
  b[p + 3] = v;
  return true;
}

/** The prefix length after "/" (1-3 digits, as the codec reads it), or -1. */
function lenOf(s: string, slash: number): number {
  const n = s.length - slash - 1;
  if (n < 1 || n > 3) return -1;
  let l = 0;
  for (let i = slash + 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    l = l * 10 + c - 48;
  }
  return l;
}

/**
 * The whole message (version 1: ip_route_details, 2: ip_route_v2_details, whose `src` is the
 * entry's best source id) with message id and context 0 (the server writes its own), or undefined.
 */
export function encodeRouteDetails(e: FibEntry, version: 1 | 2): Buffer | undefined {
  const paths = e.best;
  const n = paths.length;
  if (n > 255) return undefined;
  const HEAD = version === 1 ? HEAD1 : HEAD1 + 1;
  const b = zeroed(HEAD + PATH * n);
  if (!u32(b, 6, e.table.id) || !u32(b, 10, e.statsIndex)) return undefined;
  const shown = e.shown;
  if (shown === undefined) {
    b[14] = e.bytes.length === 16 ? 1 : 0;
    b.set(e.bytes, 15);
    b[31] = e.len;
  } else {
    const slash = shown.indexOf('/');
    if (slash < 0) return undefined;
    const a = parseIp(shown.slice(0, slash));
    const len = lenOf(shown, slash);
    if (a === undefined || len < 0 || len > 255) return undefined;
    b[14] = a.family === 'ipv6' ? 1 : 0;
    b.set(a.bytes, 15);
    b[31] = len;
  }
  b[32] = n;
  if (version === 2) b[33] = e.bestSourceId;
  for (let i = 0; i < n; i++) {
    const p = paths[i];
    if (p === undefined) return undefined;
    const o = HEAD + PATH * i;
    if (!u32(b, o, p.swIfIndex) || !u32(b, o + 4, p.tableId) || !u32(b, o + 8, p.rpfId)) return undefined;
    if ((p.weight & 0xff) !== p.weight || (p.preference & 0xff) !== p.preference) return undefined;
    b[o + 12] = p.weight;
    b[o + 13] = p.preference;
    if (!u32(b, o + 14, p.type) || !u32(b, o + 18, p.flags) || !u32(b, o + 22, p.proto)) return undefined;
    if (p.nh !== '') {
      const a = parseIp(p.nh);
      if (a === undefined) return undefined;
      b.set(a.bytes, o + 26);
    }
    // via_label, obj_id, classify_table_index, n_labels and the label stack stay zero
  }
  return b;
}
