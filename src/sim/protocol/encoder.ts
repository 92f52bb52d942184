/**
 * The server's codec side: requests decoded and messages encoded with the current message table
 * (a restart renumbers it), with the context written into kept encodings instead of encoding again.
 */
import { ApiCodec, type MessageCodec } from '../../api/codec/index.js';
import type { ApiDefinitions } from '../../api/definitions/index.js';
import type { ApiMessage } from '../../api/types.js';
import { VppstateError } from '../../errors.js';
import type { SimMessageTable } from './table.js';

/** A misuse of the simulator's server (unknown message name, …). */
export class SimServerError extends VppstateError {
  constructor(message: string) {
    super('SIM_SERVER', message);
  }
}

export function writeU32(b: Uint8Array, p: number, v: number): void {
  b[p] = v >>> 24;
  b[p + 1] = v >>> 16;
  b[p + 2] = v >>> 8;
  b[p + 3] = v;
}

/** How to send one message name with the current table. */
export interface OutCodec {
  readonly id: number;
  readonly codec: MessageCodec;
  /** Where `context` sits in the encoding (-1: none). */
  readonly contextOffset: number;
}

export class SimEncoder {
  private readonly codec: ApiCodec;
  private readonly codecCache = new Map<string, MessageCodec>();
  /** Per message name: id and codec for `outTable` (rebuilt when the table changes). */
  private readonly outCodecs = new Map<string, OutCodec>();
  private outTable: SimMessageTable | null = null;

  constructor(
    definitions: ApiDefinitions,
    /** The server's current message table. */
    private readonly table: () => SimMessageTable,
  ) {
    this.codec = new ApiCodec(definitions);
  }

  private messageCodec(name: string): MessageCodec {
    let c = this.codecCache.get(name);
    if (c === undefined) this.codecCache.set(name, (c = this.codec.message(name)));
    return c;
  }

  decode(name: string, buf: Buffer): ApiMessage {
    return this.messageCodec(name).decode(buf);
  }

  /** Encodes one message for the current table. */
  encode(name: string, fields: ApiMessage): Buffer {
    const o = this.outCodec(name);
    return o.codec.encode(fields, o.id);
  }

  /**
   * Encodes `{ ...fields, context }` without building that object: the fields are encoded as
   * they are and the context written at its offset (the same bytes).
   */
  encodeWithContext(name: string, fields: ApiMessage, context: number): Buffer {
    const o = this.outCodec(name);
    const off = o.contextOffset;
    if (off < 0 || fields.context !== undefined) return o.codec.encode({ ...fields, context }, o.id);
    const buf = o.codec.encode(fields, o.id);
    buf.writeUInt32BE(context, off);
    return buf;
  }

  /**
   * Writes `context` into `prev`, an earlier encodeWithContext result for `name` that the caller
   * knows still holds the right fields, when it carries the current message id (a restart
   * renumbers them). False: encode again.
   */
  reuse(name: string, prev: Uint8Array, context: number): boolean {
    const o = this.outCodecs.get(name);
    if (o === undefined || this.outTable !== this.table()) return false;
    const off = o.contextOffset;
    if (off < 0 || prev.length < off + 4 || (((prev[0] as number) << 8) | (prev[1] as number)) !== o.id)
      return false;
    writeU32(prev, off, context);
    return true;
  }

  outCodec(name: string): OutCodec {
    const table = this.table();
    if (this.outTable !== table) {
      this.outCodecs.clear();
      this.outTable = table;
    }
    let o = this.outCodecs.get(name);
    if (o === undefined) {
      const id = table.idOf(name);
      if (id === undefined)
        throw new SimServerError(`SimServer: ${name} is not in the server's message table`);
      const c = this.messageCodec(name);
      o = { id, codec: c, contextOffset: c.contextOffset };
      this.outCodecs.set(name, o);
    }
    return o;
  }
}
