/**
 * The examples that use plugins (edge router: ACLs, MSS clamping, linux-cp; NAT44 gateway;
 * macswap), applied from empty on the simulator and on the real VPP: they verify, a second apply
 * sends no write, export → plan is empty, and on the real VPP its own CLI agrees with the
 * documents. These hosts cannot create linux-cp pairs (no /dev/vhost-net): on the real VPP the
 * examples run without their pairs, and the edge router as written must fail at its first pair,
 * saying where in the YAML, and leave VPP as it was.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ApplyError } from '../../src/apply/executor.js';
import { applyDesired, planFor } from '../../src/apply/reconcile.js';
import { loadConfigOrThrow, parseConfig } from '../../src/config/index.js';
import { objectsToState, readLive, stateToObjects } from '../../src/model/live.js';
import type { State } from '../../src/model/types.js';
import { stateToYaml } from '../../src/plan/export.js';
import { EXAMPLES_DIR, loadExample, withoutPairs } from '../helpers/examples.js';
import { startTarget, TARGETS, type Target } from '../helpers/target.js';
import { join } from 'node:path';

let t: Target | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const exported = async (x: Target): Promise<string> =>
  stateToYaml(objectsToState((await readLive(x.client)).objects));

/** Apply from empty, verify, apply again (no write), export → plan empty. */
async function roundTrip(x: Target, s: State, file: string): Promise<void> {
  const out = await applyDesired(x.client, stateToObjects(s));
  expect(out.verified).toBe(true);
  const writes = x.writes().length;
  const again = await applyDesired(x.client, stateToObjects(s));
  expect(again.applied).toBe(false);
  expect(x.writes().length).toBe(writes);
  const loaded = parseConfig(await exported(x), `export-of-${file}`);
  expect(loaded.errors.map((e) => e.message)).toEqual([]);
  expect((await planFor(x.client, stateToObjects(loaded.state))).plan.changes).toEqual([]);
}

/** `show interface features <if>` of the real VPP, as arc → features. */
async function features(x: Target, itf: string): Promise<Record<string, string[]>> {
  const text = await x.vpp!.ctl('show', 'interface', 'features', itf);
  const out: Record<string, string[]> = {};
  let arc = '';
  for (const line of text.split(/\r?\n/)) {
    const h = /^(\S+):$/.exec(line);
    if (h) arc = h[1];
    else if (/^ {2}\S/.test(line) && !line.includes('none configured')) (out[arc] ??= []).push(line.trim());
  }
  return out;
}

for (const target of TARGETS) {
  const onVpp = target === 'vpp';
  const fit = (s: State): State => (onVpp ? withoutPairs(s) : s);

  describe(`plugin examples on the ${onVpp ? 'real VPP' : 'simulator'}`, () => {
    it('edge-router: ACLs, MSS clamping, linux-cp', async () => {
      const ex = await loadExample('edge-router.yaml');
      t = await startTarget(target, { hardware: ex.hardware, vhostNet: true });
      await roundTrip(t, fit(ex.state), ex.file);
      if (!t.vpp) return;
      const acls = await t.vpp.ctl('show', 'acl-plugin', 'acl');
      expect(acls).toMatch(/acl-index \d+ count 7 tag \{uplink-in\}/);
      expect(acls).toMatch(/acl-index \d+ count 3 tag \{uplink-out\}/);
      const uplink = await features(t, 'GigabitEthernet0/8/0');
      expect(uplink['ip4-unicast']).toEqual(
        expect.arrayContaining(['acl-plugin-in-ip4-fa', 'tcp-mss-clamping-ip4-in']),
      );
      expect(uplink['ip6-output']).toEqual(
        expect.arrayContaining(['tcp-mss-clamping-ip6-out', 'acl-plugin-out-ip6-fa']),
      );
      expect(await t.vpp.ctl('show', 'lcp')).toContain("lcp default netns 'dataplane'");
    });

    it('nat44-gateway: NAT44-ED, its pool and interface roles', async () => {
      const ex = await loadExample('nat44-gateway.yaml');
      t = await startTarget(target, { hardware: ex.hardware, vhostNet: true });
      await roundTrip(t, fit(ex.state), ex.file);
      if (!t.vpp) return;
      const ifs = (await t.vpp.ctl('show', 'nat44', 'interfaces')).replace(/\r/g, '');
      expect(ifs).toMatch(/GigabitEthernet0\/8\/0 out\n/);
      expect(ifs).toMatch(/GigabitEthernet0\/9\/0 in\n/);
      const pool = await t.vpp.ctl('show', 'nat44', 'addresses');
      for (const a of ['203.0.113.11', '203.0.113.12', '203.0.113.13', '203.0.113.14', '203.0.113.15'])
        expect(pool).toContain(a);
      expect((await features(t, 'GigabitEthernet0/9/0'))['ip4-unicast']).toEqual(
        expect.arrayContaining(['acl-plugin-in-ip4-fa', 'nat-pre-in2out']),
      );
    });

    it('macswap: the sample plugin on ports and a loopback', async () => {
      const ex = await loadExample('macswap.yaml');
      t = await startTarget(target, { hardware: ex.hardware, vhostNet: true });
      await roundTrip(t, fit(ex.state), ex.file);
      if (!t.vpp) return;
      for (const itf of ['GigabitEthernet0/8/0', 'GigabitEthernet0/9/0', 'loop0'])
        expect((await features(t, itf))['device-input']).toEqual(['sample']);
    });

    if (onVpp)
      it('edge-router as written: the first linux-cp pair fails, named with its YAML position, and nothing stays', async () => {
        const file = join(EXAMPLES_DIR, 'edge-router.yaml');
        const { state, positions } = await loadConfigOrThrow([file]);
        const ex = await loadExample('edge-router.yaml');
        t = await startTarget(target, { hardware: ex.hardware, vhostNet: true });
        const before = await exported(t);
        const err = (await applyDesired(
          t.client,
          stateToObjects(state, (sec, key, field) => positions.at(sec, key, field)),
        ).catch((e: unknown) => e)) as ApplyError;
        expect(err).toBeInstanceOf(ApplyError);
        // no namespace "dataplane" on this host: VPP cannot open it (-12); without vhost-net a
        // pair in VPP's own namespace would fail -11 instead
        expect(err.message).toMatch(
          /linux-cp-pair GigabitEthernet0\/[89]\/0: .*lcp_itf_pair_add_del_v2: VNET_API_ERROR_SYSCALL_ERROR_2 \(-12\).*edge-router\.yaml:\d+:\d+\)/,
        );
        expect(err.message).toContain('VPP is as it was before');
        expect(err.result.rollbackErrors).toEqual([]);
        expect(await exported(t)).toBe(before);
      });
  });
}
