/**
 * Rollback after an injected failure, on the simulator and on a real VPP: from one example to
 * another (--prune=all), a call fails or the connection is cut in the middle of the apply, and
 * VPP must end exactly as it was before (compared by a full export, and on the real VPP by what
 * vppctl shows).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VppClient } from '../../src/api/client/client.js';
import { VppApiError, VppConnectionError } from '../../src/api/client/errors.js';
import { FaultyTransport, UnixSocketTransport } from '../../src/api/transport/index.js';
import type { ApiMessage, VppCaller } from '../../src/api/types.js';
import { ApplyError } from '../../src/apply/executor.js';
import { applyDesired, planFor } from '../../src/apply/reconcile.js';
import { objectsToState, readLive, stateToObjects } from '../../src/model/live.js';
import { stateToYaml } from '../../src/plan/export.js';
import { loadExample, type Example } from '../helpers/examples.js';
import { isRead, startTarget, TARGETS, type Target, type TargetName } from '../helpers/target.js';
import { simMismatches } from '../helpers/sim-oracle.js';
import { vppctlMismatches } from '../helpers/vppctl.js';

const ALL = { prune: 'all' } as const;
const label = (t: TargetName): string => (t === 'sim' ? 'the simulator' : 'a real VPP');
const HARDWARE = [{ name: 'GigabitEthernet0/8/0' }, { name: 'GigabitEthernet0/9/0' }];

const fullExport = async (c: VppCaller): Promise<string> =>
  stateToYaml(objectsToState((await readLive(c)).objects));

/** A caller whose n-th call of `msg` fails as if VPP had refused it, without sending it. */
function failingNth(inner: VppCaller, msg: string, n: number): VppCaller {
  let seen = 0;
  return {
    call(name: string, args?: ApiMessage) {
      if (name === msg && ++seen === n) return Promise.reject(new VppApiError(name, -1));
      return inner.call(name, args);
    },
    dump: (name, args, opts) => inner.dump(name, args, opts),
    detailsIter: (name, args, opts) => inner.detailsIter(name, args, opts),
  };
}

/** vxlan-overlay (with its tunnels, VRFs, bridge domains) → edge-router: every kind changes. */
const FROM = 'vxlan-overlay.yaml';
const TO = 'edge-router.yaml';

for (const target of TARGETS) {
  describe(`rollback on ${label(target)}: ${FROM} → ${TO} fails midway, VPP is left as it was`, () => {
    // one VPP for the file: every test leaves it as `from` (that is what it checks)
    let t: Target | undefined;
    let from: Example;
    let to: Example;
    beforeAll(async () => {
      from = await loadExample(FROM);
      to = await loadExample(TO);
      t = await startTarget(target, { hardware: HARDWARE });
      await applyDesired(t.client, stateToObjects(from.portable), ALL);
    }, 60_000);
    afterAll(async () => {
      await t?.close();
    });

    /** The export before the test; VPP is put back to `from` first if a failed test left it otherwise. */
    async function start(): Promise<string> {
      await applyDesired((t as Target).client, stateToObjects(from.portable), ALL);
      return fullExport((t as Target).client);
    }

    async function expectAsBefore(before: string): Promise<void> {
      const c = (t as Target).client;
      expect(await fullExport(c)).toBe(before);
      expect((await planFor(c, stateToObjects(from.portable), ALL)).plan.changes).toEqual([]);
      // judged also by what vppstate did not compute: vppctl, or the simulator's own state
      if (t?.vpp) expect(await vppctlMismatches(t.vpp, from.portable)).toEqual([]);
      if (t?.sim) expect(simMismatches(t.sim.model, from.portable, { exact: true })).toEqual([]);
    }

    // a refused call at several points: deletes of the old, changes, creates of the new
    for (const [msg, n] of [
      ['sw_interface_set_table', 2],
      ['vxlan_add_del_tunnel_v3', 3],
      ['create_subif', 2],
      ['ip_route_add_del', 4],
    ] as const) {
      it(`${msg} #${n} refused: rolled back, export after == export before`, async () => {
        const before = await start();
        const c = (t as Target).client;
        const err = await applyDesired(failingNth(c, msg, n), stateToObjects(to.portable), ALL).catch(
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(ApplyError);
        expect((err as ApplyError).message).toContain(`${msg}: VNET_API_ERROR_UNSPECIFIED (-1)`);
        expect((err as ApplyError).result.rollbackErrors).toEqual([]);
        await expectAsBefore(before);
      });
    }

    it('connection cut mid-apply, VPP unreachable until the op fails for good: rolled back', async () => {
      const before = await start();
      const socket = (t as Target).socket;
      const faulty = new FaultyTransport(new UnixSocketTransport(socket));
      const client = await VppClient.connect({
        transport: faulty,
        name: 'vppstate-cut',
        timeoutMs: 500,
        reconnect: { retries: 1000, minDelayMs: 5, maxDelayMs: 20 },
      });
      try {
        const desired = stateToObjects(to.portable);
        // a route add to table 0 reaches VPP, which adds it; then the connection dies before the
        // reply is read (and no other inverse, such as deleting a table, takes the route along)
        let cut = false;
        const counting: VppCaller = {
          call(name, args) {
            const table = (args?.route as ApiMessage | undefined)?.table_id;
            if (cut || name !== 'ip_route_add_del' || args?.is_add !== true || table !== 0)
              return client.call(name, args);
            cut = true;
            return client.call(name, args).then(() => {
              faulty.failConnects();
              (faulty.inner as UnixSocketTransport).destroy();
              throw new VppConnectionError('connection to VPP lost (injected after VPP replied)', {
                outcomeUnknown: true,
              });
            });
          },
          dump: (n, a, o) => client.dump(n, a, o),
          detailsIter: (n, a, o) => client.detailsIter(n, a, o),
        };
        const err = await applyDesired(counting, desired, {
          ...ALL,
          concurrency: 1,
          retry: { attempts: 3, baseMs: 5, maxMs: 10 },
          // VPP is reachable again once the apply has given up and rolls back
          onRetry: (op) => {
            if (!('kind' in op)) faulty.failConnects(null);
          },
        }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ApplyError);
        expect((err as ApplyError).result.failure?.op.kind).toBe('route');
        expect((err as ApplyError).result.rollbackErrors).toEqual([]);
      } finally {
        await client.disconnect().catch(() => undefined);
      }
      await expectAsBefore(before);
    });

    it('connection cut mid-apply and back at once: the apply carries on and converges', async () => {
      await start();
      const faulty = new FaultyTransport(new UnixSocketTransport((t as Target).socket));
      const client = await VppClient.connect({
        transport: faulty,
        name: 'vppstate-cut',
        timeoutMs: 2000,
        reconnect: { retries: 50, minDelayMs: 5, maxDelayMs: 20 },
      });
      try {
        const desired = stateToObjects(to.portable);
        let sent = 0;
        const counting: VppCaller = {
          call(name, args) {
            if (!isRead(name) && ++sent === 10) faulty.disconnectAfter(1);
            return client.call(name, args);
          },
          dump: (n, a, o) => client.dump(n, a, o),
          detailsIter: (n, a, o) => client.detailsIter(n, a, o),
        };
        const out = await applyDesired(counting, desired, {
          ...ALL,
          retry: { attempts: 5, baseMs: 5, maxMs: 20 },
        });
        expect(out.verified).toBe(true);
        expect(out.result?.retries).toBeGreaterThan(0);
        expect((await planFor(client, desired, ALL)).plan.changes).toEqual([]);
      } finally {
        await client.disconnect().catch(() => undefined);
      }
      if (t?.vpp) expect(await vppctlMismatches(t.vpp, to.portable)).toEqual([]);
    });
  });
}
