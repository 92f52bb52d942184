import { readFileSync } from 'node:fs';
import { CommanderError, Option, type Command } from 'commander';
import { globalsOf, ignoreOption, pruneOption } from '../../apply/command-support.js';
import { Controller } from '../../controller/controller.js';
import { parseListen, type Listen } from '../../controller/http.js';
import { createLogger, LOG_FORMATS, type LogFormat } from '../../controller/logger.js';
import type { Mode } from '../../controller/status.js';
import type { PruneMode } from '../../plan/plan.js';
import type { RegisterCommand } from './index.js';

interface RunFlags {
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

function number(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min)
      throw new CommanderError(1, 'vppstate.invalidArgument', `expected a number ≥ ${min}, got ${value}`);
    return n;
  };
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

const HELP_AFTER = `
Triggers (debounced by --debounce, coalesced while a reconcile runs): the files change (also a
Kubernetes ConfigMap's ..data swap and editors that save by rename), every --resync seconds,
a VPP interface event that VPP's state does not explain, VPP restarting (full resync once
reconnected), SIGHUP (reload the files).

Invalid documents are rejected with their errors; the last valid ones stay enforced.
SIGTERM / SIGINT: no new reconcile starts, an apply in flight stops issuing calls and rolls
back what it did, the client disconnects from VPP, exit 0.

HTTP (--listen): /metrics (Prometheus), /healthz (alive), /readyz (connected and the last
reconcile succeeded), /status (JSON: state, last plan, last error with its YAML position).
Logs: JSON lines on standard output (pretty on a terminal), each reconcile with its id.

Examples:
  vppstate run /etc/vppstate/                      enforce, resync every 60 s, 127.0.0.1:9470
  vppstate run --mode observe --listen :9470 a.yaml  report drift only, metrics on every address
`;

export const registerRun: RegisterCommand = (program: Command) => {
  program
    .command('run')
    .description(
      'keep VPP in the documents’ state: watch, reconcile, serve metrics and health (operator mode)',
    )
    .argument('<files...>', 'YAML files or directories (watched for changes)')
    .addOption(
      new Option('--mode <mode>', 'enforce: apply drift away; observe: report drift, change nothing')
        .choices(['enforce', 'observe'])
        .default('enforce'),
    )
    .addOption(
      new Option('--resync <seconds>', 'full reconcile this long after the last one (0: only on triggers)')
        .default(60)
        .argParser(number(0)),
    )
    .addOption(
      new Option(
        '--listen <host:port>',
        'HTTP address for /metrics, /healthz, /readyz, /status ("none": off)',
      )
        .default('127.0.0.1:9470')
        .env('VPPSTATE_LISTEN'),
    )
    .addOption(
      new Option('--debounce <ms>', 'quiet time after a trigger before reconciling')
        .default(300)
        .argParser(number(0)),
    )
    .addOption(
      new Option(
        '--max-backoff <seconds>',
        'longest wait before retrying a failed reconcile (from 1 s, doubling)',
      )
        .default(60)
        .argParser(number(1)),
    )
    .addOption(
      new Option('--shutdown-timeout <seconds>', 'on SIGTERM, exit 1 if rollback and disconnect take longer')
        .default(25)
        .argParser(number(1)),
    )
    .addOption(
      new Option('--log-format <format>', 'auto: pretty on a terminal, JSON lines otherwise')
        .choices([...LOG_FORMATS])
        .default('auto'),
    )
    .option('--no-watch', 'do not watch the files (reload on SIGHUP only)')
    .option('--no-interface-events', 'do not subscribe to VPP interface events (resync finds changes)')
    .addOption(
      new Option('--concurrency <n>', 'API calls in flight at once').default(256).argParser(number(1)),
    )
    .addOption(pruneOption())
    .addOption(ignoreOption())
    .addHelpText('after', HELP_AFTER)
    .action(async (files: string[], opts: RunFlags, cmd: Command) => {
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
        version: version(),
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
    });
};
