/**
 * Soak (bounded: a few hundred edits in about 15 s): rapid edits of the documents, some of them
 * invalid, while the simulator injects faults (BUSY replies, refused calls, dropped connections,
 * restarts, slow replies). The controller must end converged on the last valid document, and
 * leave nothing behind when stopped: no timer, socket or watcher, and a bounded heap.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { VppClient } from '../../src/api/client/client.js';
import { planFor } from '../../src/apply/reconcile.js';
import { loadConfigOrThrow } from '../../src/config/index.js';
import { Controller } from '../../src/controller/controller.js';
import { stateToObjects } from '../../src/model/live.js';
import { startSimulator } from '../../src/sim/index.js';
import { saveByRename, sleep, tempDir } from './harness.js';

const EDITS = 300;
/** Heap growth allowed between the warmed-up controller and the end of the soak. */
const HEAP_BOUND_MB = 24;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** The i-th document: 1..6 loopbacks whose MTUs and addresses move with i. */
function doc(i: number): string {
  const n = 1 + (i % 6);
  const lines = ['interfaces:'];
  for (let j = 0; j < n; j++)
    lines.push(
      `  loop${j}:`,
      `    mtu: ${1280 + ((i * 7 + j) % 200)}`,
      `    addresses: [10.${j}.${i % 250}.1/24]`,
    );
  return `${lines.join('\n')}\n`;
}
const INVALID = 'interfaces:\n  loop0:\n    mtu: 99999\n';

/** Active handles and requests by type (timers, sockets, watchers...). */
function resources(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) out[r] = (out[r] ?? 0) + 1;
  return out;
}

describe('soak: rapid edits and VPP faults', () => {
  it('ends converged on the last valid document, with nothing leaked', async () => {
    const dir = tempDir('vppstate-soak-');
    const socket = join(dir, 'api.sock');
    const file = join(dir, 'state.yaml');
    saveByRename(file, doc(0));
    const sim = await startSimulator({ socket });
    process.env.VPPSTATE_LOCK_DIR = dir;
    await sleep(50);
    const baseline = resources();
    let lines = 0;
    let machineErrors = 0;
    const logger = pino(
      { level: 'info' },
      {
        write(s: string) {
          lines++;
          if (s.includes('state machine failed')) machineErrors++;
        },
      },
    );
    const controller = await Controller.start({
      files: [file],
      socket,
      mode: 'enforce',
      resyncMs: 2000,
      debounceMs: 20,
      listen: { host: '127.0.0.1', port: 0 },
      logger,
      defaultMetrics: false,
      timeoutMs: 2000,
      connectBackoff: { minMs: 20, maxMs: 200 },
      failureBackoff: { minMs: 50, maxMs: 400 },
    });
    let warm = 0;
    let lastValid = 0;
    const started = Date.now();
    for (let i = 1; i <= EDITS; i++) {
      if (i % 11 === 0) saveByRename(file, INVALID);
      else if (i % 2 === 0) saveByRename(file, doc(i));
      else writeFileSync(file, doc(i)); // in place, as `echo >` does
      if (i % 11 !== 0) lastValid = i;
      switch (i % 50) {
        case 5:
          sim.server.faults.failNth('sw_interface_set_mtu', 1, -167); // BUSY: retried
          break;
        case 15:
          sim.server.faults.failNth('sw_interface_add_del_address', 2, -1); // refused: rollback, backoff
          break;
        case 25:
          sim.server.faults.dropAfter(40); // connection dropped mid-conversation
          break;
        case 35:
          await sim.server.restart(); // VPP restarts: everything gone
          break;
        case 45:
          sim.server.faults.delay(5); // slow replies for a while
          break;
        case 48:
          sim.server.faults.delay(0);
          break;
      }
      await sleep(i % 7 === 0 ? 120 : 15 + (i % 5) * 10);
      if (i === 60) warm = heapMb();
    }
    sim.server.faults.clear();
    // One last, valid edit after the storm.
    saveByRename(file, doc(EDITS + 1));
    lastValid = EDITS + 1;
    const stormMs = Date.now() - started;

    // Converged: VPP matches the last valid document, the controller says so.
    const desired = stateToObjects((await loadConfigOrThrow([file])).state);
    const client = await VppClient.connect({
      socket,
      reconnect: { retries: 20, minDelayMs: 20, maxDelayMs: 200 },
    });
    let changes = -1;
    const deadline = Date.now() + 25_000;
    while (Date.now() < deadline) {
      const s = controller.status();
      if (s.state.reconcile === 'idle' && s.lastReconcile && s.lastReconcile.result !== 'failed') {
        changes = (await planFor(client, desired)).plan.changes.length;
        if (changes === 0) break;
      }
      await sleep(100);
    }
    expect(changes, 'VPP differs from the last valid document').toBe(0);
    const status = controller.status();
    expect(status.documents.valid).toBe(true);
    expect(status.ready).toBe(true);
    expect(status.reconciles.applied).toBeGreaterThan(20);
    expect(status.vpp?.reconnects).toBeGreaterThanOrEqual(EDITS / 50);
    expect(machineErrors).toBe(0);
    const end = heapMb();
    await client.disconnect();

    await controller.stop('end of soak');
    await sleep(200);
    const after = resources();
    await sim.close();
    // A leak is a handle type with more live handles than before start; the
    // runner's own timers may come and go, so fewer is fine.
    const leaked = Object.fromEntries(Object.entries(after).filter(([type, n]) => n > (baseline[type] ?? 0)));
    expect(leaked, 'handles left after stop (timers, sockets, watchers)').toEqual({});
    expect(end - warm, `heap grew from ${warm.toFixed(1)} MB to ${end.toFixed(1)} MB`).toBeLessThan(
      HEAP_BOUND_MB,
    );
    console.log(
      `soak: ${EDITS} edits in ${stormMs} ms (last valid #${lastValid}), ${status.reconciles.applied} applied, ${status.reconciles.in_sync} in sync, ${status.reconciles.failed} failed, ${status.vpp?.reconnects} reconnects, ${lines} log lines, heap ${warm.toFixed(1)} → ${end.toFixed(1)} MB`,
    );
  }, 90_000);
});
