/**
 * The controller's state machine on its own: its side effects replaced by promises the test
 * resolves, its timers on a simulated clock. What a user would see as "how many reconciles,
 * when, and why".
 */
import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, SimulatedClock } from 'xstate';
import {
  backoffDelay,
  controllerMachine,
  machineState,
  type MachineInput,
  type RunInput,
  type Trigger,
} from '../../src/controller/machine.js';

interface Run {
  readonly triggers: readonly Trigger[];
  readonly signal: AbortSignal;
  resolve(): void;
  reject(err: Error): void;
}

const INPUT: MachineInput = {
  debounceMs: 100,
  maxWaitMs: 1000,
  resyncMs: 0,
  failureBackoff: { minMs: 1000, maxMs: 4000 },
  connectBackoff: { minMs: 200, maxMs: 800 },
};

const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

function harness(input: Partial<MachineInput> = {}, connect: () => Promise<boolean> = async () => true) {
  const clock = new SimulatedClock();
  const runs: Run[] = [];
  let drained = false;
  const machine = controllerMachine.provide({
    actors: {
      connect: fromPromise<boolean, void>(() => connect()),
      reconcile: fromPromise<void, RunInput>(
        ({ input: i, signal }) =>
          new Promise<void>((resolve, reject) =>
            runs.push({ triggers: i.triggers, signal, resolve, reject }),
          ),
      ),
      drain: fromPromise<void, void>(async () => {
        drained = true;
      }),
    },
  });
  const actor = createActor(machine, { input: { ...INPUT, ...input }, clock });
  actor.start();
  return {
    actor,
    runs,
    drained: () => drained,
    state: () => machineState(actor.getSnapshot().value),
    async advance(ms: number): Promise<void> {
      await flush();
      clock.increment(ms);
      await flush();
    },
    trigger(t: Trigger): void {
      actor.send({ type: 'TRIGGER', trigger: t });
    },
  };
}

describe('controller state machine', () => {
  it('connects, then runs one reconcile for startup after the debounce', async () => {
    const h = harness();
    await h.advance(0);
    expect(h.state()).toEqual({ connection: 'connected', reconcile: 'debouncing' });
    await h.advance(99);
    expect(h.runs).toHaveLength(0);
    await h.advance(1);
    expect(h.runs.map((r) => r.triggers)).toEqual([['startup']]);
    expect(h.state()).toEqual({ connection: 'connected', reconcile: 'loading' });
    h.runs[0].resolve();
    await h.advance(0);
    expect(h.state().reconcile).toBe('idle');
  });

  it('a burst of triggers is one reconcile, after the burst has been quiet for the debounce', async () => {
    const h = harness();
    await h.advance(100);
    h.runs[0].resolve();
    await h.advance(0);
    for (let i = 0; i < 8; i++) {
      h.trigger('files');
      await h.advance(50);
    }
    expect(h.runs).toHaveLength(1);
    await h.advance(60);
    expect(h.runs.map((r) => r.triggers)).toEqual([['startup'], ['files']]);
  });

  it('a steady stream of triggers still reconciles after the longest wait', async () => {
    const h = harness();
    await h.advance(100);
    h.runs[0].resolve();
    await h.advance(0);
    for (let i = 0; i < 30; i++) {
      h.trigger('files');
      await h.advance(50);
    }
    // 1500 ms of triggers 50 ms apart: the 1000 ms longest wait started a run in between.
    expect(h.runs).toHaveLength(2);
  });

  it('triggers during a run are coalesced into one follow-up run', async () => {
    const h = harness();
    await h.advance(100);
    h.trigger('files');
    h.trigger('vpp-event');
    h.trigger('files');
    h.trigger('resync');
    await h.advance(500);
    expect(h.runs).toHaveLength(1);
    h.runs[0].resolve();
    await h.advance(100);
    expect(h.runs.map((r) => r.triggers)).toEqual([['startup'], ['files', 'vpp-event', 'resync']]);
  });

  it('reports the phases of a run', async () => {
    const h = harness();
    await h.advance(100);
    for (const phase of ['planning', 'applying', 'verifying'] as const) {
      h.actor.send({ type: 'PHASE', phase });
      expect(h.state().reconcile).toBe(phase);
    }
  });

  it('waits for VPP before reconciling, retrying the connection with backoff', async () => {
    let attempts = 0;
    const h = harness({}, async () => {
      if (++attempts < 4) throw new Error('ENOENT');
      return true;
    });
    await h.advance(0);
    expect(attempts).toBe(1);
    // backoff 200, 400, 800 ms between the four attempts
    await h.advance(199);
    expect(h.state()).toEqual({ connection: 'retrying', reconcile: 'waiting' });
    expect(attempts).toBe(1);
    await h.advance(1);
    expect(attempts).toBe(2);
    await h.advance(400);
    expect(attempts).toBe(3);
    expect(h.runs).toHaveLength(0);
    await h.advance(800);
    expect(attempts).toBe(4);
    expect(h.runs.map((r) => r.triggers)).toEqual([['startup']]);
  });

  it('a failed run is retried after a doubling backoff; new documents cut it short', async () => {
    const h = harness();
    await h.advance(100);
    h.runs[0].reject(new Error('VNET_API_ERROR_…'));
    await h.advance(0);
    expect(h.state().reconcile).toBe('backoff');
    await h.advance(999);
    expect(h.runs).toHaveLength(1);
    await h.advance(1);
    expect(h.runs.map((r) => r.triggers)).toEqual([['startup'], ['retry']]);
    h.runs[1].reject(new Error('again'));
    await h.advance(1999);
    h.trigger('resync'); // not urgent: waits for the backoff
    await h.advance(0);
    expect(h.runs).toHaveLength(2);
    await h.advance(1);
    expect(h.runs[2].triggers).toEqual(['resync', 'retry']);
    h.runs[2].reject(new Error('third'));
    await h.advance(0);
    h.trigger('files'); // urgent: a new edit may be the fix
    await h.advance(100);
    expect(h.runs[3].triggers).toEqual(['files']);
    h.runs[3].resolve();
    await h.advance(0);
    expect(h.state().reconcile).toBe('idle');
  });

  it('a reconnect (VPP restarted) runs a full resync', async () => {
    const h = harness();
    await h.advance(100);
    h.runs[0].resolve();
    await h.advance(0);
    h.actor.send({ type: 'CONNECTION_LOST' });
    await h.advance(0);
    expect(h.state()).toEqual({ connection: 'reconnecting', reconcile: 'idle' });
    h.actor.send({ type: 'CONNECTION_RESTORED' });
    await h.advance(100);
    expect(h.runs.map((r) => r.triggers)).toEqual([['startup'], ['vpp-restart']]);
  });

  it('triggers while disconnected wait for the connection', async () => {
    const h = harness();
    await h.advance(100);
    h.runs[0].resolve();
    h.actor.send({ type: 'CONNECTION_LOST' });
    h.trigger('files');
    await h.advance(200);
    expect(h.state().reconcile).toBe('waiting');
    expect(h.runs).toHaveLength(1);
    h.actor.send({ type: 'CONNECTION_RESTORED' });
    await h.advance(0);
    expect(h.runs[1].triggers).toEqual(['files', 'vpp-restart']);
  });

  it('a connection lost right after connecting waits for the client to reconnect', async () => {
    const h = harness({}, async () => false);
    await h.advance(100);
    expect(h.state()).toEqual({ connection: 'reconnecting', reconcile: 'waiting' });
    h.actor.send({ type: 'CONNECTION_RESTORED' });
    await h.advance(0);
    expect(h.runs.map((r) => r.triggers)).toEqual([['startup', 'vpp-restart']]);
  });

  it('resyncs periodically after each run', async () => {
    const h = harness({ resyncMs: 5000 });
    await h.advance(100);
    h.runs[0].resolve();
    await h.advance(4999);
    expect(h.runs).toHaveLength(1);
    await h.advance(1);
    await h.advance(100);
    expect(h.runs[1].triggers).toEqual(['resync']);
  });

  it('stopping aborts the run in flight and drains before it is stopped', async () => {
    const h = harness();
    await h.advance(100);
    const run = h.runs[0];
    expect(run.signal.aborted).toBe(false);
    h.actor.send({ type: 'STOP' });
    expect(run.signal.aborted).toBe(true);
    await h.advance(0);
    expect(h.drained()).toBe(true);
    expect(h.actor.getSnapshot().status).toBe('done');
    expect(h.state()).toEqual({ connection: 'stopped', reconcile: 'stopped' });
  });

  it('backoff doubles up to its maximum', () => {
    const b = { minMs: 1000, maxMs: 60_000 };
    expect([1, 2, 3, 4, 7, 8, 20].map((n) => backoffDelay(b, n))).toEqual([
      1000, 2000, 4000, 8000, 60_000, 60_000, 60_000,
    ]);
  });
});
