/**
 * The two targets of the differential harness, each fresh per scenario: the embedded simulator
 * (on a Unix socket, through its real protocol server) and a real VPP from ../shared/vpp. Real
 * VPPs start in the background one scenario ahead and stop in the background, so a run of many
 * scenarios mostly waits for VPP's start once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type HardwarePort } from '../../src/sim/index.js';
import type { VppState } from '../../src/sim/vpp/state.js';
import { type RealVpp, startRealVpp } from '../helpers/real-vpp.js';
import { type PortRecord, type Recording, readPorts, runScenario } from './harness.js';
import type { Scenario } from './scenario.js';

/**
 * How the simulator's hardware ports look: as vpp.sh makes them (veth pairs attached with
 * af_packet), with the MAC the real port had (the host picks it).
 */
export function simHardware(ports: readonly PortRecord[]): HardwarePort[] {
  return ports.map((p) => ({
    name: p.name,
    mac: p.mac,
    devType: 'af-packet',
    mtu: 9000,
    speed: 0,
    duplex: 0,
    carrier: true,
    mtuRange: [24, 65491] as const,
  }));
}

export interface SimRunOptions {
  /** Change the model's state before the scenario runs (to inject a bug in a test of the harness). */
  readonly onState?: (state: VppState) => void;
}

export async function runOnSim(
  sc: Scenario,
  ports: readonly PortRecord[],
  opts: SimRunOptions = {},
): Promise<Recording> {
  const dir = mkdtempSync(join(tmpdir(), 'vppstate-conform-'));
  const sim = await startSimulator({
    socket: join(dir, 'api.sock'),
    hardware: simHardware(ports),
    // the recording host has no /dev/vhost-net: tap creation fails with -11 there
    hostHasVhostNet: false,
    // nor any named network namespace: a linux-cp pair in one fails with -12 there
    namespaces: [],
    onState: opts.onState,
  });
  try {
    return await runScenario(sim.server.socketPath, sc, ports, { target: 'simulator', timeoutMs: 5000 });
  } finally {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Fresh real VPPs for a planned sequence of runs (the hardware ports of each): the next `ahead`
 * start in the background while one is in use, and each stops in the background after use.
 */
export class VppPool {
  private readonly started = new Map<number, Promise<RealVpp>>();
  private readonly stopping = new Set<Promise<void>>();

  constructor(
    private readonly plan: ReadonlyArray<readonly string[]>,
    private readonly ahead = 2,
  ) {}

  private start(i: number): Promise<RealVpp> {
    let p = this.started.get(i);
    if (!p) {
      p = startRealVpp({ name: 'conform', ports: this.plan[i] ?? [] });
      p.catch(() => undefined); // reported when acquired
      this.started.set(i, p);
    }
    return p;
  }

  /** A fresh VPP for run `i` of the plan; the next ones start meanwhile. */
  acquire(i: number): Promise<RealVpp> {
    for (const [k, p] of this.started)
      if (k < i) {
        this.started.delete(k);
        void p.then(
          (v) => this.release(v),
          () => undefined,
        );
      }
    const vpp = this.start(i);
    this.started.delete(i);
    for (let k = i + 1; k <= i + this.ahead && k < this.plan.length; k++) void this.start(k);
    return vpp;
  }

  /** Stops it in the background. */
  release(vpp: RealVpp): void {
    const p = vpp.stop().catch(() => undefined);
    this.stopping.add(p);
    void p.finally(() => this.stopping.delete(p));
  }

  /** Stops every VPP it started. */
  async close(): Promise<void> {
    const left = [...this.started.values()];
    this.started.clear();
    await Promise.all(
      left.map((p) =>
        p.then(
          (v) => this.release(v),
          () => undefined,
        ),
      ),
    );
    await Promise.all([...this.stopping]);
  }
}

/** Runs the scenario on run `i` of the pool's plan (whose ports must be the scenario's). */
export async function runOnVpp(pool: VppPool, i: number, sc: Scenario): Promise<Recording> {
  const vpp = await pool.acquire(i);
  try {
    const ports = await readPorts(vpp.socket, sc.hardware);
    return await runScenario(vpp.socket, sc, ports, { target: 'vpp', timeoutMs: 10_000 });
  } finally {
    pool.release(vpp);
  }
}
