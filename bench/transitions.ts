/**
 * `npm run bench:transitions [-- options]`: fourteen configurations
 * (test/transitions/configurations/) applied one after another in every ordered pair: 196
 * transitions, each checked (verified, re-plan empty, export → plan empty, no write when a
 * configuration follows itself). Prints every failure, then the count and the time.
 *
 *   (no option)    a real VPP from ../shared/vpp (vpp.sh), started and stopped here
 *   --sim          the embedded simulator
 *   --socket PATH  a running VPP with the ports GigabitEthernet0/8/0, GigabitEthernet0/9/0,
 *                  GigabitEthernet3/0/0 and GigabitEthernet3/0/1
 *   --dir DIR      other configurations (every *.yaml in DIR, in name order)
 *   --verbose      one line per transition
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { VppClient } from '../src/api/client/client.js';
import { startSimulator, type Simulator } from '../src/sim/index.js';
import { objectsOf, runTransitions } from '../test/transitions/matrix.js';
import { PORTS } from '../test/transitions/arbitrary.js';

const args = process.argv.slice(2);
const flag = (f: string): boolean => args.includes(f);
const value = (f: string): string | undefined => {
  const i = args.indexOf(f);
  return i >= 0 ? args[i + 1] : undefined;
};
if (flag('--help') || flag('-h')) {
  process.stdout.write(
    readFileSync(new URL(import.meta.url))
      .toString()
      .split('*/')[0]
      .replace(/^\/\*\*|^ \* ?/gm, ''),
  );
  process.exit(0);
}

const root = resolve(new URL('..', import.meta.url).pathname);
const dir = value('--dir') ?? join(root, 'test/transitions/configurations');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const configs = files.map((f) => ({
  name: basename(f, '.yaml'),
  objects: objectsOf(readFileSync(join(dir, f), 'utf8'), f),
}));

let socket = value('--socket');
let sim: Simulator | undefined;
let vppName: string | undefined;
const vppSh = join(process.env.VPPSTATE_SHARED_DIR ?? join(root, '..', 'shared'), 'vpp', 'vpp.sh');
let target: string;
if (flag('--sim')) {
  socket = join(mkdtempSync(join(tmpdir(), 'vppstate-transitions-')), 'api.sock');
  sim = await startSimulator({ socket, hardware: PORTS.map((name) => ({ name })) });
  target = 'the simulator';
} else if (socket) target = `the VPP at ${socket}`;
else {
  if (!existsSync(vppSh)) {
    process.stderr.write(`no real VPP: ${vppSh} not found; use --sim or --socket PATH\n`);
    process.exit(1);
  }
  vppName = `transitions-${process.pid}`;
  const out = execFileSync(vppSh, ['start', '-n', vppName, ...PORTS.flatMap((p) => ['-p', p])], {
    encoding: 'utf8',
  });
  socket = /^VPP_SOCKET=(.*)$/m.exec(out)?.[1];
  if (!socket) throw new Error(`vpp.sh start printed no VPP_SOCKET:\n${out}`);
  target = `a real VPP (${vppSh}, instance ${vppName})`;
}
const stop = (): void => {
  if (vppName) execFileSync(vppSh, ['stop', '-n', vppName], { stdio: 'ignore' });
  vppName = undefined;
};
process.on('exit', stop);

const client = await VppClient.connect({
  socket: socket as string,
  name: 'vppstate-transitions',
  timeoutMs: 10_000,
});
const version = await client.call('show_version', {}).then(
  (v) => String(v.version),
  () => '?',
);
process.stdout.write(
  `${configs.length} configurations, ${configs.length ** 2} transitions, on ${target} (VPP ${version})\n`,
);
const t0 = performance.now();
const steps = await runTransitions(client, configs, {
  onStep: (s, i, n) => {
    if (flag('--verbose') || !s.ok)
      process.stdout.write(
        `${String(i).padStart(3)}/${n} ${s.ok ? 'ok  ' : 'FAIL'} ${s.from} → ${s.to}: ${s.ops} calls, apply ${s.applyMs.toFixed(0)} ms${s.error ? `\n        ${s.error.replace(/\n/g, '\n        ')}` : ''}\n`,
      );
  },
});
const total = (performance.now() - t0) / 1000;
const failed = steps.filter((s) => !s.ok);
const applyS = steps.reduce((a, s) => a + s.applyMs, 0) / 1000;
const calls = steps.reduce((a, s) => a + s.ops, 0);
process.stdout.write(
  `${steps.length - failed.length} of ${steps.length} transitions converged${failed.length ? `, ${failed.length} FAILED` : ''}; ` +
    `${total.toFixed(1)} s in all, ${applyS.toFixed(1)} s applying (${calls} API calls planned), the rest checking\n`,
);
await client.disconnect();
await sim?.close();
stop();
process.exit(failed.length ? 1 : 0);
