/**
 * The value contract shared by the codec, the client, the simulator and the reconciler.
 *
 * A decoded message is a plain object with one property per field of its definition, in
 * definition order (`_vl_msg_id`, `client_index` / `context`, `retval`, … included):
 * - u8/u16/u32/i8/i16/i32/f64 → number; u64/i64 → bigint (encode also takes safe-integer numbers)
 * - bool → boolean (encode also takes 0/1)
 * - string[N] / string[] → string (trailing NULs stripped)
 * - u8[N] / u8[count] that are not strings or addresses → Uint8Array (Buffer on decode)
 * - other arrays → arrays; nested types → objects
 * - enum / enumflags → number, with a sibling `<field>__name` on decode (exact member name; a
 *   combination of single-bit members joined with `|` in definition order; `""` for 0 without a
 *   member; unknown bits appended in hex). Encode takes a number, a member name, `"A|B"` or an
 *   array of names, and ignores `__name` siblings.
 * - friendly forms (as vpp_papi's vpp_format): ip4_address / ip6_address / address → "192.0.2.1",
 *   "2001:db8::1"; prefix, ip4_prefix, ip6_prefix, address_with_prefix, ip4_/ip6_address_with_prefix
 *   → "192.0.2.0/24" (host bits kept on decode, as sent); mac_address → "02:fe:00:00:00:01".
 * - unions → on decode an object with every member decoded from the same bytes (as vpp_papi);
 *   on encode exactly one member. address_union also takes a plain address string.
 */
export type ApiValue =
  | number
  | bigint
  | boolean
  | string
  | Uint8Array
  | readonly ApiValue[]
  | { readonly [field: string]: ApiValue };

/** A message's fields, encoded or decoded. */
export type ApiMessage = Record<string, ApiValue>;

/**
 * Which fields a decoder builds: `true` keeps a field whole, a nested selection keeps part of a
 * struct, union or array element; an enum's `<field>__name` is kept only when listed. Fields left
 * out are skipped over, not decoded, so a reader that needs 5 fields of a 400-byte message pays
 * for 5. Count fields are read for their arrays whether kept or not.
 */
export type FieldSelection = { readonly [field: string]: true | FieldSelection };

/** Options of one call. */
export interface CallOptions {
  /** Milliseconds to wait for the reply (or for the whole dump); defaults to the client's. */
  readonly timeoutMs?: number;
  /**
   * Dumps only: decode just these fields of each details message (see FieldSelection). A caller
   * may return more fields than selected, never fewer.
   */
  readonly select?: FieldSelection;
}

/**
 * What the reconciler needs of a VPP API client; VppClient implements it, and so can a fake in
 * a unit test. Names are message names without crc; a negative retval rejects with VppApiError.
 */
export interface VppCaller {
  /** Request → reply (its retval checked). */
  call(name: string, args?: ApiMessage, opts?: CallOptions): Promise<ApiMessage>;
  /** Every details message of a dump: classic `_dump` (control_ping ends it) or stream_msg service. */
  dump(name: string, args?: ApiMessage, opts?: CallOptions): Promise<ApiMessage[]>;
  /** Cursor services (`*_get` with stream_msg): follows the cursor while VPP answers -165 (EAGAIN). */
  detailsIter(name: string, args?: ApiMessage, opts?: CallOptions): AsyncIterable<ApiMessage>;
  /**
   * Each details message of a dump handed to `each` as it arrives, with no promise per message
   * and nothing kept (cursors followed); resolves with how many there were. Optional: without it,
   * callers iterate detailsIter.
   */
  dumpEach?(
    name: string,
    args: ApiMessage,
    each: (details: ApiMessage) => void,
    opts?: CallOptions,
  ): Promise<number>;
  /**
   * The crc (`0x…`) VPP's message table has for a message name, or undefined when VPP does not
   * have the message at all (a plugin not loaded). Optional: callers without a message table
   * (test fakes) leave it out, and availability checks are then skipped.
   */
  messageCrc?(name: string): string | undefined;
}

/**
 * Typed calls: with a map of request name → `{ request, reply?, details? }` (the generated
 * `VppMessages`), these give the argument, reply and details types of one request name; any
 * other name (or a name only known at run time) falls back to ApiMessage.
 */
export type RequestOf<M, N extends string> = string extends N
  ? ApiMessage
  : N extends keyof M
    ? M[N] extends { request: infer R }
      ? R
      : ApiMessage
    : ApiMessage;
export type ReplyOf<M, N extends string> = string extends N
  ? ApiMessage
  : N extends keyof M
    ? M[N] extends { reply: infer R }
      ? R
      : ApiMessage
    : ApiMessage;
export type DetailsOf<M, N extends string> = string extends N
  ? ApiMessage
  : N extends keyof M
    ? M[N] extends { details: infer D }
      ? D
      : ApiMessage
    : ApiMessage;
