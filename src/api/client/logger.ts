/**
 * What the client logs through. pino's Logger fits; the client itself never loads a logging
 * library (a command that logs nothing should not pay for one).
 */
export interface LogFn {
  (obj: object, msg?: string): void;
  (msg: string): void;
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

export interface ClientLogger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  isLevelEnabled(level: LogLevel): boolean;
}

const noop = (): void => undefined;

/** Logs nothing (the client's default). */
export const SILENT_LOGGER: ClientLogger = {
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  isLevelEnabled: () => false,
};
