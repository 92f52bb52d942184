import { CommanderError, Option, type Command } from 'commander';
import { ignoreOption, pruneOption } from '../../apply/command-options.js';
import { lazyAction } from '../lazy.js';
import type { RegisterCommand } from './index.js';

function number(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min)
      throw new CommanderError(1, 'vppstate.invalidArgument', `expected a number ≥ ${min}, got ${value}`);
    return n;
  };
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
        .choices(['auto', 'json', 'pretty'])
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
    .action(lazyAction(() => import('./run.run.js')));
};
