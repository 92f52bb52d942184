/**
 * Every plugin kind end to end, on the simulator and on the real VPP (the same scenario on both):
 * create, update in place, drift reported per field, export → plan empty, rollback after an
 * injected failure, delete. Documents are written in the configuration language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VppApiError } from '../../src/api/client/errors.js';
import type { VppCaller } from '../../src/api/types.js';
import { ApplyError } from '../../src/apply/executor.js';
import { applyDesired, planFor } from '../../src/apply/reconcile.js';
import { parseConfig } from '../../src/config/index.js';
import { objectsToState, readLive, stateToObjects } from '../../src/model/live.js';
import type { State } from '../../src/model/types.js';
import { stateToYaml } from '../../src/plan/export.js';
import { startTarget, TARGETS, type Target } from '../helpers/target.js';

const PORTS = [{ name: 'GigabitEthernet0/8/0' }, { name: 'GigabitEthernet0/9/0' }];
const NONE = 0xffffffff;
const ALL = { prune: 'all' } as const;

function doc(yaml: string): State {
  const loaded = parseConfig(yaml, 'test.yaml');
  expect(loaded.errors.map((e) => e.message)).toEqual([]);
  return loaded.state;
}

/** Applies and checks it verified and that a second apply has nothing to do. */
async function converge(t: Target, s: State): Promise<void> {
  expect((await applyDesired(t.client, stateToObjects(s), ALL)).verified).toBe(true);
  expect((await planFor(t.client, stateToObjects(s), ALL)).plan.changes).toEqual([]);
}

const exportYaml = async (c: VppCaller): Promise<string> =>
  stateToYaml(objectsToState((await readLive(c)).objects));

/** export → plan is empty. */
async function exportRoundTrip(t: Target): Promise<void> {
  const loaded = parseConfig(await exportYaml(t.client), 'export.yaml');
  expect(loaded.errors.map((e) => e.message)).toEqual([]);
  expect((await planFor(t.client, stateToObjects(loaded.state), ALL)).plan.changes).toEqual([]);
}

/** The client, with the n-th `message` refused (an injected failure). */
function failingOn(c: VppCaller, message: string, nth = 1): VppCaller {
  let seen = 0;
  return {
    call: (name, args, opts) => {
      if (name === message && ++seen === nth) return Promise.reject(new VppApiError(name, -1));
      return c.call(name, args, opts);
    },
    dump: (n, a, o) => c.dump(n, a, o),
    detailsIter: (n, a, o) => c.detailsIter(n, a, o),
    messageCrc: (n) => c.messageCrc?.(n),
  };
}

/** A plan's changes as `kind id: field…` lines (drift per field). */
async function drift(t: Target, s: State): Promise<string[]> {
  const { plan } = await planFor(t.client, stateToObjects(s), ALL);
  return plan.changes.map((c) => `${c.kind} ${c.id} ${c.action}: ${c.fields.map((f) => f.field).join(', ')}`);
}

/** Applies `s` through a client that refuses `message` once: fails, rolls back to `before`. */
async function rollsBack(t: Target, s: State, message: string, nth = 1): Promise<void> {
  const before = await exportYaml(t.client);
  const err = (await applyDesired(failingOn(t.client, message, nth), stateToObjects(s), ALL).catch(
    (e: unknown) => e,
  )) as ApplyError;
  expect(err).toBeInstanceOf(ApplyError);
  expect(err.message).toContain(`${message}: VNET_API_ERROR_UNSPECIFIED (-1)`);
  expect(err.result.rollbackErrors).toEqual([]);
  expect(err.result.done).toBeGreaterThan(0); // something was done, and undone
  expect(await exportYaml(t.client)).toBe(before);
}

const swIndex = async (t: Target, name: string): Promise<number> =>
  Number(
    (await t.client.dump('sw_interface_dump', { sw_if_index: NONE })).find((d) => d.interface_name === name)
      ?.sw_if_index,
  );

for (const target of TARGETS) {
  describe(`plugin kinds on the ${target === 'sim' ? 'simulator' : 'real VPP'}`, () => {
    let t: Target;
    beforeAll(async () => {
      t = await startTarget(target, { hardware: PORTS });
    });
    afterAll(async () => {
      await converge(t, doc('interfaces: {}'));
      await t.close();
    });

    it('ACLs: created, rules replaced in place (same index, bindings untouched), drift, rollback, deleted after unbinding', async () => {
      const v1 = `
acls:
  web: { rules: [ { action: permit, protocol: tcp, destination-ports: 443 }, { action: deny, family: ipv4 } ] }
  mgmt: { rules: [ { action: permit+reflect, source: 192.0.2.0/24 } ] }
interfaces:
  GigabitEthernet0/8/0: { acls: { input: [web, mgmt], output: [mgmt] } }
`;
      await converge(t, doc(v1));
      const index = async (tag: string) =>
        (await t.client.dump('acl_dump', { acl_index: NONE })).find((d) => d.tag === tag)?.acl_index;
      const webIndex = await index('web');
      const list = async () =>
        (
          await t.client.dump('acl_interface_list_dump', {
            sw_if_index: await swIndex(t, 'GigabitEthernet0/8/0'),
          })
        )[0]?.acls;
      const bound = await list();
      // new rules: one acl_add_replace on the same acl_index, the interface list untouched
      const v2 = v1.replace('destination-ports: 443', 'destination-ports: 8443');
      const w = t.writes().length;
      await converge(t, doc(v2));
      expect(t.writes().slice(w)).toEqual(['acl_add_replace']);
      expect(await index('web')).toBe(webIndex);
      expect(await list()).toEqual(bound);
      // drift behind vppstate's back: rules, then the interface's list
      await t.client.call('acl_add_replace', {
        acl_index: Number(webIndex),
        tag: 'web',
        count: 1,
        r: [{ is_permit: 0, src_prefix: '0.0.0.0/0', dst_prefix: '0.0.0.0/0', proto: 0 }],
      });
      await t.client.call('acl_interface_set_acl_list', {
        sw_if_index: await swIndex(t, 'GigabitEthernet0/8/0'),
        count: 1,
        n_input: 1,
        acls: [Number(webIndex)],
      });
      expect(await drift(t, doc(v2))).toEqual([
        'acl web update: rules',
        'acl-binding GigabitEthernet0/8/0 update: input, output',
      ]);
      await converge(t, doc(v2));
      await exportRoundTrip(t);
      // a failure half-way (the interface list) rolls back the new ACL and the replaced rules
      const v3 = `
acls:
  web: { rules: [ { action: deny, protocol: udp } ] }
  ssh: { rules: [ { action: permit, protocol: tcp, destination-ports: 22 } ] }
interfaces:
  GigabitEthernet0/8/0: { acls: { input: [ssh, web] } }
  GigabitEthernet0/9/0: { acls: { output: [ssh] } }
`;
      await rollsBack(t, doc(v3), 'acl_interface_set_acl_list');
      await converge(t, doc(v3));
      // deleting a bound ACL: its bindings leave first (VPP refuses -142 otherwise)
      await converge(
        t,
        doc(`
acls:
  web: { state: absent }
  ssh: { rules: [ { action: permit, protocol: tcp, destination-ports: 22 } ] }
interfaces:
  GigabitEthernet0/8/0: { acls: { input: [ssh] } }
  GigabitEthernet0/9/0: {}
`),
      );
      expect((await t.client.dump('acl_dump', { acl_index: NONE })).map((d) => d.tag)).toEqual(['ssh']);
      await converge(t, doc('acls: { ssh: { state: absent } }\ninterfaces: { GigabitEthernet0/8/0: {} }'));
    });

    it('MSS clamping: per family and direction, updated in place, drift, rollback, off', async () => {
      const v1 = `
interfaces:
  GigabitEthernet0/8/0: { mss-clamp: { ipv4: 1400, ipv6: { mss: 1300, direction: rx } } }
  loop0: { mss-clamp: { ipv4: { mss: 1200, direction: tx } } }
`;
      await converge(t, doc(v1));
      const w = t.writes().length;
      await converge(t, doc(v1.replace('ipv4: 1400', 'ipv4: 1360')));
      expect(t.writes().slice(w)).toEqual(['mss_clamp_enable_disable']);
      await t.client.call('mss_clamp_enable_disable', {
        sw_if_index: await swIndex(t, 'loop0'),
        ipv4_mss: 1100,
        ipv6_mss: 0,
        ipv4_direction: 2,
        ipv6_direction: 0,
      });
      expect(await drift(t, doc(v1))).toEqual([
        'mss-clamp GigabitEthernet0/8/0 update: ipv4.mss',
        'mss-clamp loop0 update: ipv4.mss',
      ]);
      await converge(t, doc(v1));
      await exportRoundTrip(t);
      await rollsBack(
        t,
        doc(`
interfaces:
  GigabitEthernet0/8/0: {}
  loop0: { mss-clamp: { ipv6: 1220 } }
  loop1: { mss-clamp: { ipv4: 1000 } }
`),
        'mss_clamp_enable_disable',
      );
      await converge(t, doc('interfaces: { GigabitEthernet0/8/0: {} }'));
      const left = [];
      for await (const d of t.client.detailsIter('mss_clamp_get', { cursor: 0, sw_if_index: NONE }))
        left.push(d);
      expect(left.filter((d) => d.ipv4_direction || d.ipv6_direction)).toEqual([]);
    });

    it('NAT44-ED: enable, pool and roles; in-place changes; a session limit re-enables and puts everything back; rollback; disable', async () => {
      const base = (extra: string, pool: string, roles: [string, string]) => `
nat44:
  ${extra}
  pool: [${pool}]
interfaces:
  GigabitEthernet0/8/0: { nat44: ${roles[0]}, addresses: [203.0.113.2/29] }
  GigabitEthernet0/9/0: { nat44: ${roles[1]}, addresses: [10.0.0.1/24] }
`;
      await converge(t, doc(base('forwarding: false', '203.0.113.3-203.0.113.5', ['outside', 'inside'])));
      // forwarding and the pool change while NAT44 runs: no disable
      let w = t.writes().length;
      await converge(t, doc(base('forwarding: true', '203.0.113.4-203.0.113.6', ['outside', 'inside'])));
      expect(t.writes().slice(w).sort()).toEqual([
        'nat44_add_del_address_range',
        'nat44_add_del_address_range',
        'nat44_forwarding_enable_disable',
      ]);
      // inside → output on one interface: the role leaves before its rival comes (-81 otherwise)
      await converge(t, doc(base('forwarding: true', '203.0.113.4-203.0.113.6', ['outside', 'output'])));
      // the session limit is given at enable only: disable, enable, the pool and roles back
      w = t.writes().length;
      const limited = base('forwarding: true\n  sessions: 20000', '203.0.113.4-203.0.113.6', [
        'outside',
        'output',
      ]);
      await converge(t, doc(limited));
      expect(t.writes().slice(w)).toContain('nat44_ed_plugin_enable_disable');
      const cfg = await t.client.call('nat44_show_running_config');
      expect(cfg.sessions).toBe(20000);
      expect(cfg.forwarding_enabled).toBe(true);
      // drift per field
      await t.client.call('nat44_forwarding_enable_disable', { enable: false });
      expect(await drift(t, doc(limited))).toEqual(['nat44 global update: forwarding']);
      await converge(t, doc(limited));
      await exportRoundTrip(t);
      // a failure after the disable: rollback enables with the old settings, pool and roles
      await rollsBack(
        t,
        doc(base('sessions: 30000', '203.0.113.9', ['inside', 'outside'])),
        'nat44_add_del_address_range',
      );
      await converge(
        t,
        doc('nat44: { enabled: false }\ninterfaces: { GigabitEthernet0/8/0: {}, GigabitEthernet0/9/0: {} }'),
      );
      expect((await t.client.call('nat44_show_running_config')).sessions).toBe(0);
      expect(await t.client.dump('nat44_interface_dump')).toEqual([]);
    });

    it('macswap: on ports and loopbacks, read back where feature_is_enabled cannot be trusted, drift, rollback, off', async () => {
      // loop0 gets macswap; loop1-3 come after it, so their indexes lie past device-input's config
      // vector: feature_is_enabled answers true for them although macswap is off
      const v1 = `
interfaces:
  GigabitEthernet0/8/0: { macswap: true }
  loop0: { macswap: true }
  loop1: {}
  loop2: {}
  loop3: {}
`;
      await converge(t, doc(v1));
      const loop3 = await swIndex(t, 'loop3');
      const quirk = await t.client.call('feature_is_enabled', {
        sw_if_index: loop3,
        arc_name: 'device-input',
        feature_name: 'sample',
      });
      expect(quirk.is_enabled).toBe(true); // VPP's answer, not the truth
      expect((await readLive(t.client)).objects.get('macswap')?.has('loop3')).toBe(false);
      await exportRoundTrip(t);
      // off behind vppstate's back: drift says macswap is missing
      await t.client.call('sample_macswap_enable_disable', {
        sw_if_index: await swIndex(t, 'loop0'),
        enable_disable: false,
      });
      expect(await drift(t, doc(v1))).toEqual(['macswap loop0 create: ']);
      await converge(t, doc(v1));
      await rollsBack(
        t,
        doc(
          v1
            .replace('loop2: {}', 'loop2: { macswap: true }')
            .replace('loop0: { macswap: true }', 'loop0: {}'),
        ),
        'sample_macswap_enable_disable',
        2,
      );
      // a sub-interface cannot take it: validation says so before VPP (-2) would
      const sub = parseConfig(
        'interfaces: { GigabitEthernet0/8/0: {}, GigabitEthernet0/8/0.5: { macswap: true } }',
        'x.yaml',
      );
      expect(sub.errors.map((e) => e.message)).toEqual([
        expect.stringMatching(
          /^x\.yaml:1:\d+: interfaces\["GigabitEthernet0\/8\/0\.5"\]\.macswap: macswap works on whole interfaces only/,
        ),
      ]);
      await converge(t, doc('interfaces: { GigabitEthernet0/8/0: {} }'));
    });

    it('any feature arc: switched on and off by name, read back from VPP, VPP’s and other kinds’ features left alone', async () => {
      const v1 = `
interfaces:
  GigabitEthernet0/9/0:
    addresses: [10.9.0.1/24]
    acls: { input: [a] }
    features: { ip4-unicast: [ip4-flow-classify], interface-output: [span-output] }
acls:
  a: { rules: [ { action: permit } ] }
`;
      await converge(t, doc(v1));
      await exportRoundTrip(t);
      const w = t.writes().length;
      await converge(t, doc(v1.replace('interface-output: [span-output]', 'ip4-output: [ip4-outacl]')));
      expect(t.writes().slice(w)).toEqual(['feature_enable_disable', 'feature_enable_disable']);
      // switched on twice behind vppstate's back: VPP lists it twice, drift says so
      await t.client.call('feature_enable_disable', {
        sw_if_index: await swIndex(t, 'GigabitEthernet0/9/0'),
        enable: true,
        arc_name: 'ip4-unicast',
        feature_name: 'ip4-flow-classify',
      });
      expect(
        await drift(t, doc(v1.replace('interface-output: [span-output]', 'ip4-output: [ip4-outacl]'))),
      ).toEqual(['feature GigabitEthernet0/9/0 update: ip4-unicast']);
      await rollsBack(
        t,
        doc(v1.replace('features: {', 'features: { device-input: [span-input], ')),
        'feature_enable_disable',
      );
      // an unknown feature: VPP refuses (-7), said with the YAML position, nothing stays
      const err = (await applyDesired(
        t.client,
        stateToObjects(
          doc('interfaces: { GigabitEthernet0/9/0: { features: { ip4-unicast: [no-such-feature] } } }'),
          () => ({
            file: 'test.yaml',
            line: 1,
            col: 1,
          }),
        ),
        ALL,
      ).catch((e: unknown) => e)) as ApplyError;
      expect(err.message).toMatch(
        /feature_enable_disable: VNET_API_ERROR_INVALID_VALUE \(-7\).*test\.yaml:1:1/,
      );
      await converge(t, doc('interfaces: { GigabitEthernet0/9/0: { features: {} } }'));
      expect((await readLive(t.client)).objects.get('feature')?.size).toBe(0);
    });
  });
}
