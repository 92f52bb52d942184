import type { ApiDefinitions, MessageDefinition } from '../definitions/index.js';
import type { ApiMessage } from '../types.js';
import { compileDecoder } from './decode-gen.js';
import { compileEncoder, contextOffset, u32Offset } from './encode-gen.js';
import type { FieldSelection } from '../types.js';
import type { DecodeFn, EncodeFn } from './gen.js';
import { LayoutResolver, type FieldNode } from './layout.js';

export type { DecodeFn, FieldSelection };

export { EnumInfo } from './enums.js';
export { formatIp4, formatIp6 } from '../../net/ip.js';
export { formatMac } from '../../net/mac.js';

export interface MessageCodec {
  readonly name: string;
  readonly crc: string;
  readonly nameCrc: string;
  readonly definition: MessageDefinition;
  /** The whole message, starting with the u16 id; client_index/context come from msg (missing → 0). */
  encode(msg: ApiMessage, msgId: number): Buffer;
  /** Decode one message occupying buf[offset, end). */
  decode(buf: Uint8Array, offset?: number, end?: number): ApiMessage;
  /** Byte offset of the u32 `context` field, or -1 (events such as sw_interface_event have none). */
  readonly contextOffset: number;
  /** Byte offset of the u32 `client_index` field (requests), or -1. */
  readonly clientIndexOffset: number;
  /**
   * A decoder that builds only the selected fields and skips the rest (compiled once per
   * selection object), or without a selection the whole-message decoder. Throws
   * ApiDefinitionError when the selection names a missing field.
   */
  decoder(select?: FieldSelection): DecodeFn;
  /** The compiled encoder (what `encode` calls; compiled on first use). */
  encoder(): EncodeFn;
}

class CompiledCodec implements MessageCodec {
  readonly name: string;
  readonly crc: string;
  readonly nameCrc: string;
  readonly contextOffset: number;
  readonly clientIndexOffset: number;
  private readonly fields: readonly FieldNode[];
  private readonly selected = new WeakMap<FieldSelection, DecodeFn>();
  private compiledEncode: EncodeFn | undefined;
  private compiledDecode: DecodeFn | undefined;
  constructor(
    readonly definition: MessageDefinition,
    resolver: LayoutResolver,
  ) {
    this.name = definition.name;
    this.crc = definition.crc;
    this.nameCrc = definition.nameCrc;
    this.fields = resolver.fields(definition.fields, `${definition.file}: message ${definition.name}`);
    this.contextOffset = contextOffset(this.fields);
    this.clientIndexOffset = u32Offset(this.fields, 'client_index');
  }

  // Each direction is compiled on its first use (a request is only encoded, a details message only
  // decoded: half the compiling in a short-lived process), then replaces the stub.
  encode: EncodeFn = (m, id) => this.encoder()(m, id);
  decode: DecodeFn = (b, off, end) => this.plainDecoder()(b, off, end);

  encoder(): EncodeFn {
    if (this.compiledEncode === undefined) {
      this.compiledEncode = compileEncoder(this.name, this.fields);
      this.encode = this.compiledEncode;
    }
    return this.compiledEncode;
  }

  private plainDecoder(): DecodeFn {
    if (this.compiledDecode === undefined) {
      this.compiledDecode = compileDecoder(this.name, this.fields);
      this.decode = this.compiledDecode;
    }
    return this.compiledDecode;
  }

  decoder(select?: FieldSelection): DecodeFn {
    if (select === undefined) return this.plainDecoder();
    let d = this.selected.get(select);
    if (d === undefined) {
      d = compileDecoder(this.name, this.fields, select);
      this.selected.set(select, d);
    }
    return d;
  }
}

/**
 * Encoders and decoders for every message of a definition set. Each message is compiled into
 * specialised code the first time it is asked for, then cached (like ajv's compile).
 */
export class ApiCodec {
  private readonly cache = new Map<string, MessageCodec>();
  private readonly resolver: LayoutResolver;
  constructor(readonly definitions: ApiDefinitions) {
    this.resolver = new LayoutResolver(definitions);
  }

  /** The codec of a message by name (without crc); throws ApiDefinitionError for an unknown name. */
  message(name: string): MessageCodec {
    let c = this.cache.get(name);
    if (c === undefined) {
      c = new CompiledCodec(this.definitions.message(name), this.resolver);
      this.cache.set(name, c);
    }
    return c;
  }
}
