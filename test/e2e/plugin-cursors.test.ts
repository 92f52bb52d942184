/**
 * The plugins' cursor services over several pages on the real VPP. VPP pages by time: a handler
 * stops after 1 ms and answers -165 with the cursor to go on from (vl_api_process_may_suspend),
 * so how many entries make a second page depends on the machine. Entries are added a thousand at
 * a time until both services need more than one request; vppstate must read back every one.
 * linux-cp pairs cannot be created on these hosts: lcp_itf_pair_get_v2 pages on the simulator,
 * with the three services answering two entries per request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLive } from '../../src/model/live.js';
import type { Resource } from '../../src/model/kinds/types.js';
import { applyDesired } from '../../src/apply/reconcile.js';
import { parseConfig } from '../../src/config/index.js';
import { stateToObjects } from '../../src/model/live.js';
import { startTarget, TARGETS, type Target } from '../helpers/target.js';

const BATCH = 1000;
const MAX = 8000;
const CURSORS = ['mss_clamp_get', 'nat44_ed_output_interface_get'] as const;

describe.skipIf(!TARGETS.includes('vpp'))('plugin cursor services on the real VPP', () => {
  let t: Target;
  beforeAll(async () => {
    t = await startTarget('vpp', { hardware: [{ name: 'GigabitEthernet0/8/0' }] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('mss_clamp_get and nat44_ed_output_interface_get: every entry read back across several pages', async () => {
    await t.client.call('nat44_ed_plugin_enable_disable', { enable: true, sessions: 0 });
    let n = 0;
    let rounds: Record<string, number> = {};
    let objects = new Map<string, Map<string, Resource>>();
    while (n < MAX) {
      const made = await Promise.all(
        Array.from({ length: BATCH }, (_, i) =>
          t.client.call('create_loopback_instance', { is_specified: true, user_instance: 1000 + n + i }),
        ),
      );
      await Promise.all(
        made.flatMap((r) => [
          t.client.call('mss_clamp_enable_disable', {
            sw_if_index: r.sw_if_index,
            ipv4_mss: 1300,
            ipv6_mss: 1280,
            ipv4_direction: 3,
            ipv6_direction: 1,
          }),
          t.client.call('nat44_ed_add_del_output_interface', { sw_if_index: r.sw_if_index, is_add: true }),
        ]),
      );
      n += BATCH;
      const before = t.sent().length;
      objects = (await readLive(t.client)).objects;
      const sent = t.sent().slice(before);
      rounds = Object.fromEntries(CURSORS.map((m) => [m, sent.filter((s) => s === m).length]));
      if (CURSORS.every((m) => rounds[m] >= 2)) break;
    }
    for (const m of CURSORS) expect(rounds[m], `${m} requests for ${n} entries`).toBeGreaterThanOrEqual(2);
    const clamps = [...(objects.get('mss-clamp')?.values() ?? [])];
    expect(clamps).toHaveLength(n);
    expect(new Set(clamps.map((r) => JSON.stringify(r.obj))).size).toBe(1);
    expect(clamps[0]?.obj).toEqual({
      ipv4: { mss: 1300, direction: 'both' },
      ipv6: { mss: 1280, direction: 'rx' },
    });
    const outputs = [...(objects.get('nat44-interface')?.values() ?? [])].filter(
      (r) => (r.obj as { output?: boolean }).output,
    );
    expect(outputs).toHaveLength(n);
    expect(new Set([...clamps.map((r) => r.id), ...outputs.map((r) => r.id)]).size).toBe(n);
  });
});

describe('plugin cursor services on the simulator, two entries a page', () => {
  it('lcp_itf_pair_get_v2, mss_clamp_get and nat44_ed_output_interface_get: every entry read back', async () => {
    const ports = ['8', '9', 'a'].map((n) => `GigabitEthernet0/${n}/0`);
    const t = await startTarget('sim', {
      hardware: ports.map((name) => ({ name })),
      vhostNet: true,
      pageSize: 2,
    });
    try {
      const itfs = [...ports, 'GigabitEthernet0/8/0.100', 'GigabitEthernet0/8/0.200'];
      const yaml = `nat44: {}\ninterfaces:\n${itfs
        .map(
          (i, k) =>
            `  ${i}: { linux-cp: { host-name: h${k} }, mss-clamp: { ipv4: ${1300 + k} }, nat44: output }`,
        )
        .join('\n')}\n`;
      const loaded = parseConfig(yaml, 'pages.yaml');
      expect(loaded.errors.map((e) => e.message)).toEqual([]);
      expect((await applyDesired(t.client, stateToObjects(loaded.state), { prune: 'all' })).verified).toBe(
        true,
      );
      const before = t.sent().length;
      const { objects } = await readLive(t.client);
      const sent = t.sent().slice(before);
      // five entries, two a page: three requests each
      for (const m of ['lcp_itf_pair_get_v2', 'mss_clamp_get', 'nat44_ed_output_interface_get'])
        expect(sent.filter((s) => s === m).length, m).toBe(3);
      const ids = (kind: string) => [...(objects.get(kind)?.keys() ?? [])].sort();
      expect(ids('linux-cp-pair')).toEqual([...itfs].sort());
      expect(ids('mss-clamp')).toEqual([...itfs].sort());
      expect(ids('nat44-interface')).toEqual([...itfs].sort());
      expect(objects.get('linux-cp-pair')?.get('GigabitEthernet0/8/0.200')?.obj).toMatchObject({
        hostName: 'h4',
      });
      expect(objects.get('mss-clamp')?.get('GigabitEthernet0/a/0')?.obj).toEqual({
        ipv4: { mss: 1302, direction: 'both' },
      });
    } finally {
      await t.close();
    }
  });
});
