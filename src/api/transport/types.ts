/**
 * A transport carries whole API messages (each starting with its u16 message id) between the
 * client and VPP. The socket transport adds and strips VPP's 16-byte frame header; other
 * transports may carry messages as they are. Add a transport without touching the client.
 */
export interface TransportHandlers {
  /** One complete message. The buffer may be a view into a larger one: copy to keep it. */
  message(msg: Buffer): void;
  /** The connection ended; `err` says why when it was not a local close(). Called once. */
  close(err?: Error): void;
  /** Room again after send() returned false. */
  drain(): void;
}

export interface Transport {
  /** Human-readable endpoint (socket path, "memory"), for messages and logs. */
  readonly description: string;
  /** Opens (or re-opens, after a close) the connection; rejects with VppConnectionError. */
  connect(handlers: TransportHandlers): Promise<void>;
  /**
   * Queues one message. Returns false once the transport holds more than its high-water mark:
   * the sender should then wait for drain() (back-pressure, never unbounded buffering).
   * Throws VppConnectionError when not connected.
   */
  send(msg: Uint8Array): boolean;
  /** True while send() would return false (waiting for drain). */
  readonly congested: boolean;
  readonly connected: boolean;
  /** Closes after flushing what was queued; handlers.close() is then called without an error. */
  close(): Promise<void>;
  /**
   * Drops the connection at once, without waiting for the peer (which may be stopped);
   * handlers.close(err) is called. Optional: the client falls back to close().
   */
  destroy?(err?: Error): void;
}

/** Default high-water mark of queued outgoing bytes before send() asks the caller to wait. */
export const DEFAULT_HIGH_WATER_MARK = 1024 * 1024;
