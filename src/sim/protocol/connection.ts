import type { TransportHandlers } from '../../api/transport/types.js';

/** What the server needs of one accepted connection (a framed socket or an in-process end). */
export interface ServerConnection {
  /** Queues one message; copies it before returning (the server reuses its kept encodings). */
  send(msg: Uint8Array): boolean;
  readonly congested: boolean;
  readonly closed: boolean;
  /** Flushes, then closes. */
  end(): Promise<void>;
  /** Drops at once. */
  destroy(err?: Error): void;
  /** Stop / restart reading requests while replies cannot be sent (sockets only). */
  pauseReading?(): void;
  resumeReading?(): void;
}

/** Handlers the server installs on a connection. */
export type ServerConnectionHandlers = TransportHandlers;
