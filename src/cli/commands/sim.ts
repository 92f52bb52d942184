import { type Command, InvalidArgumentError, Option } from 'commander';
import { lazyAction } from '../lazy.js';
import type { RegisterCommand } from './index.js';

const collect =
  <T>(parse: (v: string) => T) =>
  (v: string, prev: T[] | undefined): T[] => [...(prev ?? []), parse(v)];

export function int(v: string, what: string): number {
  const n = Number(v);
  if (!Number.isInteger(n)) throw new InvalidArgumentError(`${what}: not an integer: ${v}`);
  return n;
}

function parseFail(v: string): { msg: string; n: number; retval: number } {
  const m = /^([a-z0-9_]+):(\d+):(-?\d+)$/.exec(v);
  if (!m)
    throw new InvalidArgumentError(
      `--fail expects MSG:N:RETVAL, e.g. sw_interface_set_flags:1:-2 (got ${v})`,
    );
  return { msg: m[1] as string, n: Number(m[2]), retval: Number(m[3]) };
}

function parseDelay(v: string): { msg?: string; ms: number } {
  const m = /^(?:([a-z0-9_]+):)?(\d+)$/.exec(v);
  if (!m) throw new InvalidArgumentError(`--delay expects MS or MSG:MS (got ${v})`);
  return m[1] ? { msg: m[1], ms: Number(m[2]) } : { ms: Number(m[2]) };
}

/** `vppstate sim`: the embedded VPP simulator in the foreground. */
export const registerSim: RegisterCommand = (program: Command) => {
  program
    .command('sim')
    .description('run the embedded VPP simulator on the --socket path (foreground; logs each call)')
    .addOption(
      new Option(
        '--hardware <name[,mac=..,mtu=..,speed=..]>',
        'a pre-existing hardware port (repeatable)',
      ).argParser(collect((v: string) => v)),
    )
    .option('--hardware-file <file>', 'YAML list of hardware ports ({name, mac, mtu, speed})')
    .option(
      '--hardware-from <files...>',
      'the hardware ports these vppstate documents configure (interfaces vppstate never creates), by name',
    )
    .option('--state <file>', 'write a JSON snapshot of the simulated state here at exit')
    .option('--no-vhost-net', 'behave as a host without /dev/vhost-net: tap and linux-cp pairs fail with -11')
    .option(
      '--without-plugin <module...>',
      'leave these .api modules out of the message table, as a VPP without the plugin (nat44_ed, acl, lcp, mss_clamp, sample…)',
    )
    .option(
      '--netns <name...>',
      'the host network namespaces that exist (a linux-cp pair in another fails -12; default: any)',
    )
    .addOption(
      new Option('--page-size <n>', 'details per round of cursor services before -165').argParser((v) =>
        int(v, '--page-size'),
      ),
    )
    .addOption(
      new Option(
        '--fail <msg:n:retval>',
        'answer the n-th next request of msg with retval (repeatable)',
      ).argParser(collect(parseFail)),
    )
    .addOption(
      new Option('--delay <[msg:]ms>', 'delay replies, of every message or of one (repeatable)').argParser(
        collect(parseDelay),
      ),
    )
    .addOption(
      new Option('--stall <msg>', 'never answer requests of msg (repeatable)').argParser(
        collect((v: string) => v),
      ),
    )
    .addOption(
      new Option('--drop-after <n>', 'drop the connection after n messages sent').argParser((v) =>
        int(v, '--drop-after'),
      ),
    )
    .addOption(
      new Option('--slow-reader <bytesPerSec>', 'read from clients at most this fast').argParser((v) =>
        int(v, '--slow-reader'),
      ),
    )
    .option('--quiet', 'do not log each call')
    .addHelpText(
      'after',
      `
Examples:
  vppstate sim --socket /tmp/vpp-api.sock --hardware-from examples/edge-router.yaml
  vppstate sim --socket /tmp/vpp-api.sock --hardware GigabitEthernet0/8/0,mtu=1500 --quiet

Hardware ports are created at start, in order (local0 is index 0, the first port 1), as
../shared/vpp/vpp.sh start -p NAME does on a real VPP.`,
    )
    .action(lazyAction(() => import('./sim.run.js')));
};
