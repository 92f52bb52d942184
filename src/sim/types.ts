import type { ApiMessage } from '../api/types.js';

/**
 * The contract between the simulator's protocol server (socket, framing, handshake, message
 * table) and its VPP behaviour model (state and handlers). Handlers see decoded requests and
 * return decoded answers; the server fills `_vl_msg_id`, `context` and `client_index`.
 */
export interface SimRequest {
  /** Message name without crc, e.g. `sw_interface_set_flags`. */
  readonly name: string;
  /** The decoded request (value contract of src/api/types.ts). */
  readonly msg: ApiMessage;
  /** The client that sent it. */
  readonly client: SimClient;
}

export interface SimClient {
  /** The client_index handed out at the handshake. */
  readonly index: number;
  /** True once the client has gone; sendEvent is then a no-op. */
  readonly closed: boolean;
  /** Send a context-0 event message (e.g. sw_interface_event) to this client. */
  sendEvent(name: string, fields: ApiMessage): void;
}

export interface SimOutMessage {
  /** Message name without crc. */
  readonly name: string;
  readonly fields: ApiMessage;
}

export interface SimResponse {
  /**
   * Details messages, sent first, in order. An iterable so that large dumps stream: the server
   * pulls and encodes them as the socket drains, never building one giant buffer.
   */
  readonly details?: Iterable<SimOutMessage>;
  /**
   * The reply, sent after the details. Omitted for classic `_dump` requests (the client's
   * control_ping ends those). Its name defaults to the service's reply; a handler may name
   * another, as VPP does for lcp_itf_pair_get_v2.
   */
  readonly reply?: { readonly name?: string; readonly fields: ApiMessage };
  /**
   * VPP dies on this request (a crash of the VPP version simulated, named here): the server
   * answers nothing, drops every client and comes back fresh, as a supervised VPP restarts.
   */
  readonly crash?: string;
}

export type SimHandler = (req: SimRequest) => SimResponse | Promise<SimResponse>;
