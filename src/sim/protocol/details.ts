import type { ApiMessage } from '../../api/types.js';
import type { SimOutMessage } from '../types.js';

/**
 * Where an item's encoded details live between dumps: the whole message for fieldsOf(item), with
 * any message id and context (the server writes its own in place; connections copy what they
 * send). The server keeps what it encodes here; the owner drops an item's bytes (get answers
 * undefined) whenever what fieldsOf would answer changes, and may supply bytes itself (kept ahead,
 * or written by `encode`), which must be byte for byte what the codec makes.
 */
export interface WireCache<T> {
  /** The crc of the message definition the bytes follow: the server uses them only when its codec has it. */
  readonly crc: string;
  get(item: T): Uint8Array | undefined;
  set(item: T, encoded: Uint8Array | undefined): void;
  /** Optionally, a faster encoder than the codec (undefined: let the codec do it). */
  readonly encode?: (item: T) => Uint8Array | undefined;
}

/**
 * Details of one message name built from a list, one item at a time as they are sent (so a
 * stream paused by back-pressure shows the state of when each one goes out, as a generator
 * would). The server walks `items` by index and calls `fieldsOf` directly: no generator and no
 * `{ name, fields }` wrapper per message. Iterating it gives the same messages.
 */
export class DetailsList<T> implements Iterable<SimOutMessage> {
  constructor(
    readonly name: string,
    readonly items: readonly T[],
    readonly fieldsOf: (item: T) => ApiMessage,
    /** Lets the server send an unchanged item's earlier encoding again (big, stable dumps). */
    readonly wire?: WireCache<T>,
  ) {}

  *[Symbol.iterator](): Generator<SimOutMessage> {
    const { name, items, fieldsOf } = this;
    for (let i = 0; i < items.length; i++) yield { name, fields: fieldsOf(items[i] as T) };
  }
}

function same(fields: ApiMessage): ApiMessage {
  return fields;
}

/** Details of ready-made field objects. */
export function detailsOf(name: string, items: readonly ApiMessage[]): DetailsList<ApiMessage> {
  return new DetailsList(name, items, same);
}
