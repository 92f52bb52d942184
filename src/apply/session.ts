import { createRequire } from 'node:module';
import type * as Pino from 'pino';
import { VppClient } from '../api/client/client.js';
import type { ClientLogger, LogLevel } from '../api/client/logger.js';
import { TraceFileWriter } from '../api/trace/file.js';
import { TraceRecorder } from '../api/trace/recorder.js';
import { UnixSocketTransport } from '../api/transport/socket.js';
import type { VppCaller } from '../api/types.js';
import { VppstateError } from '../errors.js';
import type { PositionLookup } from '../model/live.js';
import type { State } from '../model/types.js';

/** Connection settings every reconciler command shares (the CLI's global options). */
export interface ConnectOptions {
  readonly socket: string;
  readonly apiDir?: string;
  readonly timeout?: number;
  /**
   * How long to keep trying to reconnect after losing VPP, in ms (default 10000; 0: never).
   * A VPP found restarted ends the command whatever this says.
   */
  readonly reconnectTimeout?: number;
  /** pino level for the client's log (each call at debug), to stderr; default warn. */
  readonly logLevel?: string;
  /** Record every message both ways to this file, in VPP's API-trace JSON shape (--trace). */
  readonly trace?: string;
}

/** How long a one-shot command tries to get VPP back after losing it (--reconnect-timeout). */
export const DEFAULT_RECONNECT_TIMEOUT_MS = 10_000;

/**
 * Connects to VPP for a one-shot command. A dropped connection is a transient failure: the
 * client reconnects with backoff for at most `reconnectTimeout`, then every call fails with
 * VppUnavailableError. A VPP that comes back restarted closes the client (VppRestartedError):
 * work planned against the old one (its sw_if_index values, what was done) must not go on.
 */
export async function connectVpp(o: ConnectOptions): Promise<VppClient> {
  const within = o.reconnectTimeout ?? DEFAULT_RECONNECT_TIMEOUT_MS;
  // The trace file is finished when the client disconnects (the transport closes).
  const recorder = o.trace !== undefined ? new TraceRecorder(new TraceFileWriter(o.trace)) : undefined;
  const client = await VppClient.connect({
    socket: o.socket,
    transport: recorder?.wrap(new UnixSocketTransport(o.socket)),
    apiDir: o.apiDir,
    timeoutMs: o.timeout,
    name: 'vppstate',
    reconnect:
      within > 0 ? { minDelayMs: 50, maxDelayMs: 1000, giveUpAfterMs: within, afterRestart: 'close' } : false,
    logger: stderrLogger(o.logLevel ?? 'warn'),
  });
  recorder?.bind(client);
  return client;
}

const LEVELS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

/**
 * pino on stderr at `level`, loaded the first time something is logged at that level or above:
 * at the default (warn) a run that has nothing to say never loads it.
 */
export function stderrLogger(level: string): ClientLogger {
  const threshold = LEVELS[level] ?? Infinity; // silent
  let logger: Pino.Logger | undefined;
  const load = (): Pino.Logger => {
    if (logger) return logger;
    const { pino } = createRequire(import.meta.url)('pino') as typeof Pino;
    return (logger = pino({ name: 'vppstate', level }, pino.destination(2)));
  };
  const at = (l: LogLevel & keyof ClientLogger): ClientLogger['debug'] =>
    LEVELS[l] >= threshold
      ? (...args: [object | string, string?]) => (load()[l] as (...a: typeof args) => void)(...args)
      : () => undefined;
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    isLevelEnabled: (l) => LEVELS[l] >= threshold,
  };
}

export interface LoadedDocuments {
  readonly state: State;
  readonly positions?: PositionLookup;
}

/** The documents could not be loaded (the config layer's errors are kept as the cause). */
export class DocumentsError extends VppstateError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('config.invalid', message, options);
  }
}

type Loader = (files: readonly string[]) => Promise<LoadedDocuments>;
let loader: Loader | undefined;

/** Lets the config layer (or a test) provide the loader: YAML files → validated State. */
export function setDocumentLoader(l: Loader): void {
  loader = l;
}

/** Loads and validates documents through src/config; every error is reported, nothing applied. */
export async function loadDocuments(files: readonly string[]): Promise<LoadedDocuments> {
  if (loader) return loader(files);
  // Loaded here, not at the top: `vppstate call` connects without ever reading documents.
  const { loadConfigOrThrow } = await import('../config/load.js');
  const { state, positions } = await loadConfigOrThrow(files);
  return { state, positions: (section, key, field) => positions.at(section, key, field) };
}

export type { VppCaller };
