/**
 * `npm run bench:faults [-- --interfaces 10000 --at 10,50,90 --fault kill|stop]`: how long apply
 * takes to give up when the real VPP dies (kill -9) or stops answering (SIGSTOP) at 10%, 50% and
 * 90% of a large apply. Needs ../shared/vpp (vpp.sh, root); heap via VPPSTATE_VPP_HEAP.
 *
 * The apply runs as `vppstate apply` does (connectVpp, applyDesired, default --timeout 5000 and
 * --reconnect-timeout 10000): loopbacks and sub-interfaces, each with an address and admin up. At
 * the given share of ops acknowledged, VPP gets the signal; the figure is the time from the
 * signal to apply's rejection, with what it reported.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ApplyError } from '../src/apply/executor.js';
import { applyDesired, planFor } from '../src/apply/reconcile.js';
import { connectVpp, loadDocuments } from '../src/apply/session.js';
import type { ObjectSet } from '../src/model/kinds/types.js';
import { stateToObjects } from '../src/model/live.js';

const VPP_SH =
  process.env.VPPSTATE_VPP_SH ?? join(import.meta.dirname, '..', '..', 'shared', 'vpp', 'vpp.sh');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && i + 1 < process.argv.length ? (process.argv[i + 1] as string) : fallback;
}

/**
 * The documents: n/2 loopbacks, each with one sub-interface (dot1q 100), every one with an
 * address (bench:reconcile's shape), as YAML loaded the way the CLI loads it.
 */
async function desired(n: number): Promise<ObjectSet> {
  const file = join(mkdtempSync(join(tmpdir(), 'bench-faults-')), 'interfaces.yaml');
  const lines = ['interfaces:'];
  for (let i = 0; i < n / 2; i++) {
    lines.push(`  loop${i}:`, `    addresses: [10.${i >> 8}.${i & 255}.1/24]`);
    lines.push(`  loop${i}.100:`, `    addresses: [11.${i >> 8}.${i & 255}.1/24]`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  const { state, positions } = await loadDocuments([file]);
  return stateToObjects(state, positions);
}

function vppSh(...args: string[]): Record<string, string> {
  const out = execFileSync(VPP_SH, args, { encoding: 'utf8', timeout: 120_000 });
  const vars: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^(VPP_[A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) vars[m[1] as string] = m[2] as string;
  }
  return vars;
}

async function once(n: number, pct: number, fault: 'kill' | 'stop'): Promise<string> {
  const name = `bench-faults-${process.pid}`;
  const vars = vppSh('start', '-n', name);
  const pid = Number(vars.VPP_PID);
  try {
    // The CLI's defaults: --timeout 5000, --reconnect-timeout 10000.
    const client = await connectVpp({
      socket: vars.VPP_SOCKET as string,
      timeout: 5000,
      reconnectTimeout: 10_000,
      logLevel: process.env.BENCH_LOG ?? 'silent',
    });
    const objects = await desired(n);
    const planned = await planFor(client, objects);
    const total = planned.plan.ops.length;
    let struck = NaN;
    let at = 0;
    const t0 = performance.now();
    const err = await applyDesired(
      client,
      objects,
      {
        verify: false,
        onProgress: (done) => {
          if (Number.isNaN(struck) && done >= (total * pct) / 100) {
            at = done;
            process.kill(pid, fault === 'kill' ? 'SIGKILL' : 'SIGSTOP');
            struck = performance.now();
          }
        },
      },
      planned,
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    const gaveUp = performance.now() - struck;
    await client.disconnect();
    if (!(err instanceof ApplyError)) return `${pct}%: no ApplyError (${String(err)})`;
    const r = err.result;
    return `${String(pct).padStart(2)}% (${at} of ${total} ops, ${((struck - t0) / 1000).toFixed(1)} s in): gave up ${(gaveUp / 1000).toFixed(2)} s after the ${fault === 'kill' ? 'kill -9' : 'SIGSTOP'}; ${r.done} done, ${r.unknown.length} unknown, ${r.notStarted} not started, rollback ${r.rollbackSkipped ?? (r.rolledBack ? 'ran' : 'none')}`;
  } finally {
    try {
      process.kill(pid, 'SIGCONT');
    } catch {
      // gone
    }
    vppSh('stop', '-n', name);
  }
}

if (!existsSync(VPP_SH)) {
  console.error(`bench:faults needs a real VPP: ${VPP_SH} not found`);
  process.exit(1);
}
const n = Number(arg('interfaces', '10000'));
const fault = arg('fault', 'kill') as 'kill' | 'stop';
console.log(
  `apply of ${n} interfaces (loopbacks and sub-interfaces, each with an address, admin up), ${fault === 'kill' ? 'kill -9' : 'SIGSTOP'} of VPP part-way:`,
);
for (const pct of arg('at', '10,50,90').split(',').map(Number)) console.log(`  ${await once(n, pct, fault)}`);
