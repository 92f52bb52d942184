import { ApiCodec, type MessageCodec } from '../codec/index.js';
import type { ApiDefinitions } from '../definitions/index.js';
import type { ApiMessage } from '../types.js';
import { VppUnsupportedMessageError } from './errors.js';

/** A definition the client has that VPP's message table does not (or has with another crc). */
export interface MessageTableMismatch {
  name: string;
  crc: string;
  /** The crc VPP has for this name, when it has the name at all. */
  vppCrc?: string;
}

/** How to send one request and recognise what answers it. */
export interface Resolved {
  name: string;
  id: number;
  codec: MessageCodec;
  /** call: one reply; dump: details until control_ping_reply; stream: details then the reply (stream_msg). */
  kind: 'call' | 'dump' | 'stream';
  replyName: string;
  detailsName: string;
  hasCursor: boolean;
}

/** `name_crc` → id from a sockclnt_create_reply. */
export function tableOf(reply: ApiMessage): Map<string, number> {
  const table = new Map<string, number>();
  for (const e of reply.message_table as ReadonlyArray<{ index: number; name: string }>)
    table.set(e.name, e.index);
  return table;
}

/**
 * Definitions bound to one VPP's message table: ids by name, codecs by id, and a clear error for
 * a message VPP does not have with our crc. Rebuilt whenever the table or definitions change.
 */
export class MessageBinding {
  readonly codec: ApiCodec;
  private readonly idName: string[] = [];
  private readonly idCodec: Array<MessageCodec | undefined> = [];
  private readonly nameToId = new Map<string, number>();
  /** VPP's crc for each name in its table, to say which crc it has instead. */
  private readonly vppCrcByName = new Map<string, string>();
  private readonly resolved = new Map<string, Resolved>();
  /** How many entries of VPP's table the definitions have, with VPP's crc. */
  readonly boundCount: number = 0;

  constructor(
    readonly defs: ApiDefinitions,
    readonly table: ReadonlyMap<string, number>,
  ) {
    this.codec = new ApiCodec(defs);
    // From VPP's table, not from our definitions: no definition is parsed until it is used.
    for (const [nameCrc, id] of table) {
      const cut = nameCrc.lastIndexOf('_');
      if (cut <= 0) continue;
      const name = nameCrc.slice(0, cut);
      this.vppCrcByName.set(name, `0x${nameCrc.slice(cut + 1)}`);
      if (defs.nameCrcOf(name) !== nameCrc) continue;
      this.idName[id] = name;
      this.nameToId.set(name, id);
      this.boundCount++;
    }
  }

  /** The names of the messages bound (in VPP's table with our crc). */
  boundNames(): Set<string> {
    return new Set(this.nameToId.keys());
  }

  supports(name: string): boolean {
    return this.nameToId.has(name);
  }

  /** The crc (`0x…`) VPP's table has for `name`, whatever our definitions say; undefined if none. */
  vppCrc(name: string): string | undefined {
    return this.vppCrcByName.get(name);
  }

  idOf(name: string): number | undefined {
    return this.nameToId.get(name);
  }

  /** The codec for an incoming message id, or undefined for an id we have no definition for. */
  codecFor(id: number): MessageCodec | undefined {
    let c = this.idCodec[id];
    if (c === undefined) {
      const name = this.idName[id];
      if (name === undefined) return undefined;
      c = this.codec.message(name);
      this.idCodec[id] = c;
    }
    return c;
  }

  validate(): MessageTableMismatch[] {
    const out: MessageTableMismatch[] = [];
    for (const def of this.defs.messages.values()) {
      if (this.table.has(def.nameCrc)) continue;
      const m: MessageTableMismatch = { name: def.name, crc: def.crc };
      const vppCrc = this.vppCrcByName.get(def.name);
      if (vppCrc !== undefined) m.vppCrc = vppCrc;
      out.push(m);
    }
    return out;
  }

  /** How to send `name`; throws VppUnsupportedMessageError when VPP cannot take it (or answer it). */
  resolve(name: string): Resolved {
    const cached = this.resolved.get(name);
    if (cached !== undefined) return cached;
    const def = this.defs.messages.get(name);
    if (def === undefined)
      throw new VppUnsupportedMessageError(name, `${name}: no such message in the API definitions`);
    const id = this.nameToId.get(name);
    if (id === undefined) throw this.unsupported(name, def.nameCrc);
    const svc = this.defs.services.get(name);
    let kind: Resolved['kind'] = 'call';
    let replyName = svc?.reply ?? `${name}_reply`;
    let detailsName = '';
    if (svc?.stream && svc.streamMsg === undefined) {
      kind = 'dump';
      detailsName = svc.reply;
      replyName = 'control_ping_reply';
    } else if (svc?.streamMsg !== undefined) {
      kind = 'stream';
      detailsName = svc.streamMsg;
    } else if (svc === undefined && name.endsWith('_dump')) {
      kind = 'dump';
      detailsName = `${name.slice(0, -5)}_details`;
      replyName = 'control_ping_reply';
    }
    for (const needed of [replyName, detailsName]) {
      if (needed === '' || this.nameToId.has(needed)) continue;
      const d = this.defs.messages.get(needed);
      if (d === undefined) {
        throw new VppUnsupportedMessageError(
          name,
          `${name}: its reply ${needed} is not in the API definitions`,
        );
      }
      throw this.unsupported(name, d.nameCrc, needed);
    }
    const r: Resolved = {
      name,
      id,
      codec: this.codec.message(name),
      kind,
      replyName,
      detailsName,
      hasCursor: def.fields.some((f) => f.name === 'cursor'),
    };
    this.resolved.set(name, r);
    return r;
  }

  private unsupported(name: string, nameCrc: string, which = name): VppUnsupportedMessageError {
    const vppCrc = this.vppCrcByName.get(which);
    const tail =
      vppCrc !== undefined
        ? `VPP has ${which}_${vppCrc.slice(2)} instead: the definitions do not match this VPP`
        : `VPP does not know ${which} (plugin not loaded, or too old a VPP)`;
    const what = which === name ? nameCrc : `reply ${nameCrc}`;
    return new VppUnsupportedMessageError(name, `${name}: ${what} is not in VPP's message table; ${tail}`);
  }
}
