import type { Command } from 'commander';
import { globalsOf } from '../../apply/command-support.js';
import { Controller } from '../../controller/controller.js';
import { parseListen, type Listen } from '../../controller/http.js';
import { createLogger, type LogFormat } from '../../controller/logger.js';
import type { Mode } from '../../controller/status.js';
import type { PruneMode } from '../../plan/plan.js';
import { packageVersion } from '../version.js';

export interface RunFlags {
  mode: Mode;
  resync: number;
  listen: string;
  debounce: number;
  maxBackoff: number;
  shutdownTimeout: number;
  logFormat: LogFormat;
  watch: boolean;
  interfaceEvents: boolean;
  prune?: string;
  ignore?: string[];
  concurrency: number;
}

export async function run(files: string[], opts: RunFlags, cmd: Command): Promise<void> {
  const g = globalsOf(cmd);
  const root = cmd.parent ?? cmd;
  const levelGiven = root.getOptionValueSource('logLevel') !== 'default';
  const logger = createLogger({
    level: levelGiven ? (g.logLevel ?? 'info') : 'info',
    format: opts.logFormat,
    color: g.color || (opts.logFormat === 'pretty' && process.stdout.isTTY === true),
  });
  const listen: Listen | null = opts.listen === 'none' ? null : parseListen(opts.listen);
  const controller = await Controller.start({
    files,
    socket: g.socket,
    apiDir: g.apiDir,
    timeoutMs: g.timeout,
    mode: opts.mode,
    resyncMs: opts.resync * 1000,
    debounceMs: opts.debounce,
    listen,
    prune: opts.prune as PruneMode | undefined,
    ignore: opts.ignore,
    concurrency: opts.concurrency,
    failureBackoff: { minMs: Math.min(1000, opts.maxBackoff * 1000), maxMs: opts.maxBackoff * 1000 },
    watch: opts.watch,
    interfaceEvents: opts.interfaceEvents,
    logger,
    version: packageVersion(),
  });
  let signalled: string | undefined;
  const onSignal = (sig: NodeJS.Signals) => () => {
    if (signalled) {
      logger.warn(
        { signal: sig },
        `${sig} again: exiting now, without waiting (an apply in flight may be left half done)`,
      );
      process.exit(1);
    }
    signalled = sig;
    const timer = setTimeout(() => {
      logger.error(
        { signal: sig, timeoutSeconds: opts.shutdownTimeout },
        `shutdown took longer than ${opts.shutdownTimeout} s; exiting`,
      );
      process.exit(1);
    }, opts.shutdownTimeout * 1000);
    timer.unref();
    void controller.stop(sig).finally(() => clearTimeout(timer));
  };
  const onHup = (): void => {
    logger.info({ signal: 'SIGHUP' }, 'SIGHUP: reloading the documents');
    controller.trigger('files');
  };
  const handlers: Array<[NodeJS.Signals, () => void]> = [
    ['SIGTERM', onSignal('SIGTERM')],
    ['SIGINT', onSignal('SIGINT')],
    ['SIGHUP', onHup],
  ];
  for (const [s, h] of handlers) process.on(s, h);
  try {
    await controller.stopped;
    await controller.stop();
  } finally {
    for (const [s, h] of handlers) process.off(s, h);
  }
  process.exitCode = 0;
}
