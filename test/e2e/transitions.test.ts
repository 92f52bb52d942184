/**
 * Issue #11's defects, on the simulator and on the real VPP: one configuration followed by
 * another converges, or is rolled back to the state before.
 * - renaming a VXLAN tunnel (or a sub-interface) that keeps the key VPP finds it by;
 * - replacing a parent recreates what hung off its children (bridge memberships, cross-connects,
 *   routes, unnumbered users);
 * - a bond member that leaves its bond gets the MAC the documents ask for (issue #10, defect 3);
 * - a verification that fails rolls back to the state before the apply (unless --no-rollback).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { applyDesired, planFor, readLiveRetrying } from '../../src/apply/reconcile.js';
import { VerifyError } from '../../src/apply/verify.js';
import { parseConfig } from '../../src/config/index.js';
import type { ObjectSet } from '../../src/model/kinds/types.js';
import { objectsToState, stateToObjects } from '../../src/model/live.js';
import { stateToYaml } from '../../src/plan/export.js';
import type { PlanOptions } from '../../src/plan/plan.js';
import { describeOnTargets } from '../helpers/target.js';

const [P1, P2, P3] = ['GigabitEthernet0/8/0', 'GigabitEthernet0/9/0', 'GigabitEthernet3/0/0'];
const ALL = { prune: 'all' } as const;

/** Documents (YAML text) as the reconciler's desired objects. */
export function docs(yaml: string): ObjectSet {
  const loaded = parseConfig(yaml, 'test.yaml');
  if (!loaded.valid) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  return stateToObjects(loaded.state);
}

describeOnTargets(
  (where) => `transitions on ${where}`,
  { hardware: [{ name: P1 }, { name: P2 }, { name: P3 }] },
  (client) => {
    beforeEach(async () => {
      await applyDesired(client(), docs('interfaces: {}'), ALL);
    });

    const exported = async (): Promise<string> =>
      stateToYaml(objectsToState((await readLiveRetrying(client())).objects));
    /** Apply, then: verified, re-plan empty, export → plan empty. */
    async function converges(yaml: string, opts: PlanOptions = ALL): Promise<void> {
      const out = await applyDesired(client(), docs(yaml), opts);
      expect(out.verified).toBe(true);
      expect((await planFor(client(), docs(yaml), opts)).plan.changes).toEqual([]);
      const again = parseConfig(await exported(), 'export.yaml');
      expect(again.errors).toEqual([]);
      expect((await planFor(client(), stateToObjects(again.state), ALL)).plan.changes).toEqual([]);
    }

    it('renames a VXLAN tunnel that keeps its endpoints and VNI (delete, then create)', async () => {
      const tunnel = (n: number) => `
interfaces:
  loop0: { addresses: [192.0.2.1/24] }
  vxlan_tunnel${n}:
    vxlan: { source: 192.0.2.1, destination: 192.0.2.2, vni: 100 }
bridge-domains:
  10: { members: [vxlan_tunnel${n}] }
`;
      await converges(tunnel(0));
      const { plan } = await planFor(client(), docs(tunnel(10)), ALL);
      const at = (summary: RegExp): number => plan.ops.findIndex((o) => summary.test(o.summary));
      expect(at(/^delete vxlan vxlan_tunnel0$/)).toBeGreaterThanOrEqual(0);
      expect(at(/^delete vxlan vxlan_tunnel0$/)).toBeLessThan(at(/^create vxlan vxlan_tunnel10$/));
      await converges(tunnel(10));
      await converges(tunnel(0));
    });

    it('moves a route from a memif that goes to one that comes on the same socket file (the route is replaced)', async () => {
      const site = (socket: number) => `
interfaces:
  memif${socket}/0:
    memif: { socket: /tmp/vppstate-transitions-test.sock }
    addresses: [10.2.0.1/24]
routes:
  - { prefix: 198.51.2.0/24, via: 10.2.0.2, interface: memif${socket}/0 }
`;
      await converges(site(2));
      const { plan } = await planFor(client(), docs(site(1)), ALL);
      expect(plan.changes.find((c) => c.kind === 'route')?.action).toBe('replace');
      await converges(site(1));
      await converges(site(2));
    });

    it('renames a sub-interface that keeps its parent and tags', async () => {
      const sub = (n: number) => `
interfaces:
  ${P2}: {}
  ${P2}.${n}: { encapsulation: { outer: 100 }, addresses: [10.9.0.1/24] }
`;
      await converges(sub(100));
      await converges(sub(200));
    });

    it("replacing a bond recreates its sub-interfaces' bridge memberships, xconnects, routes and unnumbered users", async () => {
      const site = (lb: string) => `
interfaces:
  ${P1}: {}
  ${P3}: {}
  ${P1}.10: {}
  BondEthernet0:
    bond: { mode: xor, load-balance: ${lb}, members: [${P3}] }
  BondEthernet0.100: {}
  BondEthernet0.200: {}
  BondEthernet0.300: { addresses: [10.30.0.1/24] }
  loop1: { addresses: [10.1.0.1/24] }
  loop2: { unnumbered: BondEthernet0.300 }
bridge-domains:
  10: { members: [BondEthernet0.100], bvi: loop1 }
l2-xconnects:
  BondEthernet0.200: ${P1}.10
  ${P1}.10: BondEthernet0.200
routes:
  - { prefix: 198.51.100.0/24, via: 10.30.0.2, interface: BondEthernet0.300 }
`;
      await converges(site('l2'));
      const { plan } = await planFor(client(), docs(site('l34')), ALL);
      const changed = plan.changes.map((c) => `${c.action} ${c.kind} ${c.id}`).sort();
      expect(changed).toEqual(
        [
          'replace interface BondEthernet0',
          'replace interface BondEthernet0.100',
          'replace interface BondEthernet0.200',
          'replace interface BondEthernet0.300',
          'update interface loop2',
          'update bridge-domain 10',
          `replace l2-xconnect BondEthernet0.200`,
          `replace l2-xconnect ${P1}.10`,
          'replace route 0:198.51.100.0/24',
        ].sort(),
      );
      await converges(site('l34'));
      await converges(site('l2'));
    });

    it('a bond member that leaves gets the MAC the documents give it (issue #10, defect 3)', async () => {
      await converges(`interfaces:\n  ${P3}: { mac: 02:00:00:00:03:00 }\n`);
      const inBond = `
interfaces:
  ${P3}: {}
  BondEthernet1:
    mac: 02:00:ba:01:00:00
    bond: { mode: lacp, members: [${P3}] }
`;
      await converges(inBond);
      // the bond deleted
      await converges(`interfaces:\n  ${P3}: { mac: 12:00:ba:03:00:00 }\n`);
      await converges(inBond);
      // the member detached, the bond kept
      await converges(`
interfaces:
  ${P3}: { mac: 12:00:ba:03:00:01 }
  BondEthernet1:
    mac: 02:00:ba:01:00:00
    bond: { mode: lacp, members: [] }
`);
      // its MAC equal to the bond's: set again all the same
      await converges(inBond);
      await converges(`interfaces:\n  ${P3}: { mac: 02:00:ba:01:00:00 }\n`);
    });

    it('renames a VRF: VPP cannot, so the table is recreated with its routes and interfaces', async () => {
      const site = (name: string) => `
vrfs:
  10: { name: ${name} }
interfaces:
  ${P1}: { vrf: 10, addresses: [192.0.2.1/24, 2001:db8::1/64] }
  loop0: { vrf: { ipv4: 10, ipv6: 0 }, addresses: [10.0.0.1/32, 2001:db8:1::1/128] }
routes:
  - { prefix: 0.0.0.0/0, vrf: 10, via: 192.0.2.254, interface: ${P1} }
  - { prefix: 198.51.100.0/24, vrf: 10, paths: [{ type: drop }] }
`;
      await converges(site('red'));
      await converges(site('blue'));
    });

    it('takes a parent and its sub-interfaces up and down together (VPP wants the parent up first)', async () => {
      const trunk = (admin: string, sub: string) => `
interfaces:
  ${P2}: { admin-state: ${admin} }
  ${P2}.100: { admin-state: ${sub} }
  ${P2}.200: { admin-state: down }
`;
      await converges(trunk('down', 'down'));
      await converges(trunk('up', 'up'));
      await converges(trunk('down', 'down'));
      await converges(trunk('up', 'down'));
      await converges(trunk('up', 'up'));
    });

    describe('a failed verification', () => {
      const member = `interfaces:\n  ${P3}: { mac: 02:00:00:00:03:10 }\n`;
      const bonded = `
interfaces:
  ${P3}: {}
  loop5: { addresses: [10.5.0.1/24] }
  BondEthernet2:
    mac: 02:00:ba:02:00:00
    bond: { mode: xor, members: [${P3}] }
`;
      const target = `
interfaces:
  ${P3}: { mac: 12:00:ba:03:00:10 }
  loop6: { addresses: [10.6.0.1/24] }
`;
      // Without the reset rule's ordering the MAC is set before the bond goes, and VPP puts
      // the old one back: the apply goes through and the verification fails.
      const broken = { ...ALL, debug: { dropKeys: /^bond-free:/ } };

      it('rolls back to the state before the apply, and says so', async () => {
        await converges(member);
        await converges(bonded);
        const before = await exported();
        const err = await applyDesired(client(), docs(target), broken).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(VerifyError);
        const v = err as VerifyError;
        expect(v.details).toEqual([
          `interface ${P3}: mac: expected 12:00:ba:03:00:10, VPP has 02:00:00:00:03:10`,
        ]);
        expect(v.rolledBack).toBe(true);
        expect(v.message).toMatch(/rolled back the \d+ applied ops; VPP is as it was before/);
        expect(await exported()).toBe(before);
      });

      it('keeps what was done with --no-rollback, and says so', async () => {
        await converges(member);
        await converges(bonded);
        const err = await applyDesired(client(), docs(target), { ...broken, rollback: false }).catch(
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(VerifyError);
        expect((err as VerifyError).rolledBack).toBe(false);
        expect((err as VerifyError).message).toMatch(/--no-rollback: the \d+ applied ops were kept/);
        const { plan } = await planFor(client(), docs(target), ALL);
        expect(plan.changes.map((c) => `${c.kind} ${c.id}`)).toEqual([`interface ${P3}`]);
      });
    });
  },
);
