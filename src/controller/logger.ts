import { pino, type Logger } from 'pino';
import { PinoPretty } from 'pino-pretty';

export type LogFormat = 'auto' | 'json' | 'pretty';
export const LOG_FORMATS: readonly LogFormat[] = ['auto', 'json', 'pretty'];

export interface LoggerOptions {
  readonly level: string;
  /** auto: pretty when the output is a terminal, JSON lines otherwise. */
  readonly format?: LogFormat;
  readonly color?: boolean;
  /** Default: standard output (fd 1). */
  readonly fd?: number;
}

/** The controller's logger: JSON lines (pino) for collectors, pino-pretty on a terminal. */
export function createLogger(o: LoggerOptions): Logger {
  const fd = o.fd ?? 1;
  const tty = fd === 1 ? process.stdout.isTTY === true : process.stderr.isTTY === true;
  const pretty = o.format === 'pretty' || ((o.format ?? 'auto') === 'auto' && tty);
  const opts = { name: 'vppstate', level: o.level, base: { pid: process.pid } };
  if (!pretty) return pino(opts, pino.destination({ fd, sync: true }));
  return pino(
    opts,
    PinoPretty({
      colorize: o.color ?? tty,
      destination: fd,
      sync: true,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname,name',
      // On a terminal the messages say it all; the fields are in the JSON form.
      hideObject: true,
      // Only pino's own `err` is an error object; our `error` fields are messages.
      errorLikeObjectKeys: ['err'],
    }),
  );
}
