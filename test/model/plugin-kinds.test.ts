/**
 * The plugin kinds against the simulator's behaviour model, in process: linux-cp pairs (which the
 * real VPP of these hosts cannot create), cursor services over several pages, plugin availability
 * and what happens when VPP offers no way to read a kind back.
 */
import { describe, expect, it } from 'vitest';
import type { VppCaller } from '../../src/api/types.js';
import { ApplyError } from '../../src/apply/executor.js';
import { applyDesired, planFor } from '../../src/apply/reconcile.js';
import { parseConfig } from '../../src/config/index.js';
import { missingPlugins, PluginUnavailableError } from '../../src/model/availability.js';
import { objectsToState, readLive, stateToObjects } from '../../src/model/live.js';
import type { State } from '../../src/model/types.js';
import { inSync } from '../../src/plan/plan.js';
import { renderText } from '../../src/plan/render/text.js';
import { stateToYaml } from '../../src/plan/export.js';
import { NAT44_PLUGIN } from '../../src/model/kinds/nat44.js';
import { modelCaller } from '../apply/model-caller.js';

const ALL = { prune: 'all' } as const;
const PORTS = [{ name: 'GigabitEthernet0/8/0' }, { name: 'GigabitEthernet0/9/0' }];

function doc(yaml: string): State {
  const loaded = parseConfig(yaml, 'test.yaml');
  expect(loaded.errors.map((e) => e.message)).toEqual([]);
  return loaded.state;
}

async function converge(vpp: VppCaller, s: State): Promise<void> {
  expect((await applyDesired(vpp, stateToObjects(s), ALL)).verified).toBe(true);
  expect((await planFor(vpp, stateToObjects(s), ALL)).plan.changes).toEqual([]);
}

const exported = async (vpp: VppCaller): Promise<string> =>
  stateToYaml(objectsToState((await readLive(vpp)).objects));

describe('linux-cp pairs (simulator: these hosts cannot create them)', () => {
  const pairs = `
linux-cp: { default-namespace: dataplane }
interfaces:
  GigabitEthernet0/8/0: { linux-cp: { host-name: e0 } }
  GigabitEthernet0/8/0.100: { linux-cp: { host-name: e0.100 } }
`;

  it('creates port then sub-interface pairs, in the default namespace; their host taps are part of them', async () => {
    const vpp = modelCaller({ hardware: PORTS });
    await converge(vpp, doc(pairs));
    const live = await readLive(vpp);
    expect([...(live.objects.get('linux-cp-pair')?.values() ?? [])].map((r) => [r.id, r.obj])).toEqual([
      ['GigabitEthernet0/8/0', { hostName: 'e0', hostType: 'tap', namespace: 'dataplane' }],
      ['GigabitEthernet0/8/0.100', { hostName: 'e0.100', hostType: 'tap', namespace: 'dataplane' }],
    ]);
    // the host tap (tap4096) and its VLAN are VPP's side of the pairs: never planned on their own
    const taps = [...(live.objects.get('interface')?.values() ?? [])].filter((r) => r.id.startsWith('tap'));
    expect(taps.map((r) => [r.id, r.partOf?.id])).toEqual([
      ['tap4096', 'GigabitEthernet0/8/0'],
      ['tap4096.100', 'GigabitEthernet0/8/0.100'],
    ]);
    expect(await exported(vpp)).not.toContain('tap4096');
  });

  it('a new host name recreates the pair, and its sub-interface’s pair with it; rollback brings both back', async () => {
    const vpp = modelCaller({ hardware: PORTS });
    await converge(vpp, doc(pairs));
    const renamed = doc(pairs.replace('host-name: e0 }', 'host-name: uplink }'));
    const { plan } = await planFor(vpp, stateToObjects(renamed), ALL);
    expect(plan.changes.map((c) => [c.kind, c.id, c.action, c.reason])).toEqual([
      ['linux-cp-pair', 'GigabitEthernet0/8/0', 'replace', 'hostName'],
      [
        'linux-cp-pair',
        'GigabitEthernet0/8/0.100',
        'replace',
        'linux-cp-pair GigabitEthernet0/8/0 is recreated',
      ],
    ]);
    // the sub-interface's pair goes first and comes back last
    expect(plan.ops.map((o) => `${o.id} ${o.call.args.is_add ? 'add' : 'del'}`)).toEqual([
      'GigabitEthernet0/8/0.100 del',
      'GigabitEthernet0/8/0 del',
      'GigabitEthernet0/8/0 add',
      'GigabitEthernet0/8/0.100 add',
    ]);
    const before = await exported(vpp);
    vpp.failNth('lcp_itf_pair_add_del_v2', 4, -1);
    const err = await applyDesired(vpp, stateToObjects(renamed), ALL).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplyError);
    expect(await exported(vpp)).toBe(before);
    await converge(vpp, renamed);
    await converge(vpp, doc('interfaces: { GigabitEthernet0/8/0: {} }'));
    expect((await readLive(vpp)).objects.get('linux-cp-pair')?.size).toBe(0);
  });

  it('on a host without /dev/vhost-net the first pair fails -11 with its YAML position, and nothing stays', async () => {
    const vpp = modelCaller({ hardware: PORTS, hostHasVhostNet: false });
    const text = 'interfaces:\n  GigabitEthernet0/9/0:\n    mtu: 1500\n    linux-cp: { host-name: e1 }\n';
    const loaded = parseConfig(text, 'pair.yaml');
    const before = await exported(vpp);
    const err = (await applyDesired(
      vpp,
      stateToObjects(loaded.state, (s, k, f) => loaded.positions.at(s, k, f)),
      ALL,
    ).catch((e: unknown) => e)) as ApplyError;
    expect(err.message).toContain(
      'linux-cp-pair GigabitEthernet0/9/0: pair with host tap e1: lcp_itf_pair_add_del_v2: VNET_API_ERROR_SYSCALL_ERROR_1 (-11) System call error #1 (pair.yaml:4:5)',
    );
    expect(await exported(vpp)).toBe(before);
  });

  it('validation refuses a QinQ pair without a pair on its outer tag, as VPP would (-73)', () => {
    const loaded = parseConfig(
      `interfaces:
  GigabitEthernet0/8/0: { linux-cp: { host-name: e0 } }
  GigabitEthernet0/8/0.200:
    encapsulation: { outer: 200, inner: 10 }
    linux-cp: { host-name: e0.200 }
`,
      'q.yaml',
    );
    expect(loaded.errors.map((e) => e.message)).toEqual([
      'q.yaml:5:5: interfaces["GigabitEthernet0/8/0.200"].linux-cp: a QinQ sub-interface\'s pair needs a paired sub-interface of GigabitEthernet0/8/0 with outer tag 200 only (dot1q)',
    ]);
  });
});

describe('plugin availability', () => {
  const acls = `
acls:
  web: { rules: [ { action: permit } ] }
interfaces:
  GigabitEthernet0/8/0: { acls: { input: [web] }, nat44: inside }
nat44: {}
`;

  /** A VPP whose message table lacks the ACL plugin and has another crc for one NAT message. */
  function withTable(vpp: VppCaller, table: (name: string) => string | undefined): VppCaller {
    return {
      call: (n, a, o) => vpp.call(n, a, o),
      dump: (n, a, o) => vpp.dump(n, a, o),
      detailsIter: (n, a, o) => vpp.detailsIter(n, a, o),
      messageCrc: table,
    };
  }

  it('plan and apply stop before any change, naming the plugins, their messages and the first use', async () => {
    const inner = modelCaller({ hardware: PORTS });
    const vpp = withTable(inner, (name) =>
      name.startsWith('acl_')
        ? undefined
        : name === 'nat44_add_del_address_range'
          ? '0x12345678'
          : KNOWN[name],
    );
    const loaded = parseConfig(acls, 'docs.yaml');
    const desired = stateToObjects(loaded.state, (s, k, f) => loaded.positions.at(s, k, f));
    const missing = missingPlugins(vpp, desired);
    expect(missing.map((m) => [m.plugin, m.kinds, m.usedBy.id])).toEqual([
      ['acl', ['acl', 'acl-binding'], 'web'],
      ['nat', ['nat44', 'nat44-interface'], 'global'],
    ]);
    const err = (await applyDesired(vpp, desired, ALL).catch((e: unknown) => e)) as PluginUnavailableError;
    expect(err).toBeInstanceOf(PluginUnavailableError);
    expect(err.message).toContain(
      'the documents use acl, acl-binding (first: acl web (docs.yaml:3:3)), but the running VPP cannot do it: plugin acl: it lacks acl_add_replace',
    );
    expect(err.message).toContain(
      'plugin nat: it has nat44_add_del_address_range with crc 0x12345678 (vppstate knows 0x6f2b8055)',
    );
    expect(inner.writes).toEqual([]);
    // documents that do not use a plugin need none of it
    expect(missingPlugins(vpp, stateToObjects(doc('interfaces: { GigabitEthernet0/8/0: {} }')))).toEqual([]);
  });
});

describe('a kind VPP offers no way to read back', () => {
  it('is applied, and reported as unverifiable: never in sync, never a verification failure', async () => {
    const vpp = modelCaller({ hardware: PORTS });
    delete vpp.model.handlers.feature_is_enabled;
    delete vpp.model.handlers.cli_inband;
    const s = doc('interfaces: { GigabitEthernet0/8/0: { macswap: true } }');
    const out = await applyDesired(vpp, stateToObjects(s), ALL);
    expect(out.verified).toBe(true);
    expect(vpp.writes).toContain('sample_macswap_enable_disable');
    const { plan } = await planFor(vpp, stateToObjects(s), ALL);
    expect(plan.changes.map((c) => [c.kind, c.id, c.unverifiable])).toEqual([
      [
        'macswap',
        'GigabitEthernet0/8/0',
        'this VPP has neither feature_is_enabled nor cli_inband to read macswap back',
      ],
    ]);
    expect(inSync(plan)).toBe(false);
    expect(renderText(plan)).toContain(
      '+ macswap GigabitEthernet0/8/0 (cannot be verified: this VPP has neither feature_is_enabled nor cli_inband to read macswap back)',
    );
  });
});

/** The crcs the kinds were written for (what a matching VPP has). */
const KNOWN: Record<string, string> = { ...NAT44_PLUGIN.messages };
