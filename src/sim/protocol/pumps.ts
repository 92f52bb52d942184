/**
 * Sending a handler's response: its details streamed as the connection drains (from an iterable,
 * or a DetailsList by index, with the model's kept encodings when they are the codec's), then
 * the reply.
 */
import type { Logger } from 'pino';
import type { ServiceDefinition } from '../../api/definitions/index.js';
import type { ApiMessage } from '../../api/types.js';
import type { SimOutMessage, SimResponse } from '../types.js';
import type { ServerSideClient } from './client.js';
import { DetailsList, type WireCache } from './details.js';
import { type SimEncoder, writeU32 } from './encoder.js';
import type { SimMessageTable } from './table.js';

/** One request being answered: to whom, for what, and the handler's response. */
export interface Answer {
  readonly client: ServerSideClient;
  readonly name: string;
  readonly svc: ServiceDefinition | undefined;
  readonly context: number;
  readonly resp: SimResponse;
}

export class ResponsePump {
  /** Wire caches whose bytes differed from the codec's (see pumpWire). */
  private readonly wireDistrusted = new WeakSet<object>();

  constructor(
    private readonly encoder: SimEncoder,
    private readonly table: () => SimMessageTable,
    private readonly log: Logger,
  ) {}

  /** Streams details (pulling them as the connection drains), then the reply. */
  respond(answer: Answer): void | Promise<void> {
    const { client, context } = answer;
    const details = answer.resp.details;
    if (details === undefined) return this.sendReply(answer);
    if (details instanceof DetailsList) return this.pumpList(answer, details, 0);
    const iter = details[Symbol.iterator]();
    const pump = (): void | Promise<void> => {
      for (;;) {
        if (client.closed) return;
        if (client.congested) return client.waitDrain().then(pump);
        const n = iter.next();
        if (n.done === true) break;
        const d: SimOutMessage = n.value;
        client.sendWithContext(d.name, d.fields, context);
      }
      this.sendReply(answer);
    };
    return pump();
  }

  /** respond() for a DetailsList: by index, with no generator or wrapper object per message. */
  private pumpList<T>(answer: Answer, list: DetailsList<T>, from: number): void | Promise<void> {
    const wire = list.wire;
    if (wire !== undefined && this.table().idOf(list.name) !== undefined)
      return this.pumpWire(answer, list, wire, from);
    return this.pumpPlain(answer, list, from);
  }

  /**
   * pumpList for a list with a WireCache whose crc is the codec's: each item goes out as its kept
   * bytes, or as the list's own encoder writes them, with this server's message id and context
   * written in; else as the codec encodes fieldsOf(item), kept for the next dump. The first item
   * of every dump that uses such bytes is compared with the codec's encoding: a difference (the
   * definitions changed under the model) stops their use for good.
   */
  private pumpWire<T>(
    answer: Answer,
    list: DetailsList<T>,
    wire: WireCache<T>,
    from: number,
  ): void | Promise<void> {
    const { client, context } = answer;
    const { items, fieldsOf } = list;
    const detailsName = list.name;
    const o = this.encoder.outCodec(detailsName);
    const { id, contextOffset: off } = o;
    if (off < 0 || o.codec.crc !== wire.crc || this.wireDistrusted.has(wire))
      return this.pumpPlain(answer, list, from);
    const fast = wire.encode;
    let checked = false;
    for (let i = from; i < items.length; i++) {
      if (client.closed) return;
      if (client.congested) return client.waitDrain().then(() => this.pumpWire(answer, list, wire, i));
      const item = items[i] as T;
      const prev = wire.get(item);
      let out = prev ?? fast?.(item);
      if (out !== undefined && out.length >= off + 4) {
        out[0] = id >>> 8;
        out[1] = id;
        writeU32(out, off, context);
        if (!checked) {
          checked = true;
          if (!this.sameAsCodec(detailsName, out, fieldsOf, item, context)) {
            this.wireDistrusted.add(wire);
            this.log.warn({ api: detailsName }, "the model's kept encodings differ from the codec: not used");
            return this.pumpPlain(answer, list, i);
          }
        }
        if (out !== prev) wire.set(item, out);
      } else {
        const fields = fieldsOf(item);
        try {
          out = this.encoder.encodeWithContext(detailsName, fields, context);
        } catch (err) {
          if (prev !== undefined) wire.set(item, undefined);
          this.log.error({ api: detailsName, err: (err as Error).message }, 'cannot send');
          continue;
        }
        wire.set(item, out);
      }
      client.sendEncoded(detailsName, out);
    }
    this.sendReply(answer);
  }

  /** pumpList without a WireCache. */
  private pumpPlain<T>(answer: Answer, list: DetailsList<T>, from: number): void | Promise<void> {
    const { client, context } = answer;
    const { items, fieldsOf } = list;
    const detailsName = list.name;
    for (let i = from; i < items.length; i++) {
      if (client.closed) return;
      if (client.congested) return client.waitDrain().then(() => this.pumpPlain(answer, list, i));
      client.sendWithContext(detailsName, fieldsOf(items[i] as T), context);
    }
    this.sendReply(answer);
  }

  private sameAsCodec<T>(
    name: string,
    b: Uint8Array,
    fieldsOf: (item: T) => ApiMessage,
    item: T,
    context: number,
  ): boolean {
    try {
      return Buffer.compare(b, this.encoder.encodeWithContext(name, fieldsOf(item), context)) === 0;
    } catch {
      return false;
    }
  }

  private sendReply({ client, name, svc, context, resp }: Answer): void {
    if (client.closed) return;
    if (resp.reply !== undefined) {
      client.sendWithContext(resp.reply.name ?? svc?.reply ?? `${name}_reply`, resp.reply.fields, context);
    } else if (!(svc?.stream && svc.streamMsg === undefined)) {
      client.sendMessage(svc?.reply ?? `${name}_reply`, { context, retval: 0 });
    }
  }
}
