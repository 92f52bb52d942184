/** The behaviour model on its own: options, reset, snapshot, and behaviours no transcript covers. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiMessage } from '../../src/api/types.js';
import type { SimClient, SimResponse } from '../../src/sim/types.js';
import { createVppModel } from '../../src/sim/vpp/index.js';
import { E, VppHash, hashUword } from '../../src/sim/vpp/util.js';
import { VPP_API_DIR, describeWithVppApi } from '../helpers/shared.js';

const client: SimClient = { index: 1, closed: false, sendEvent: () => undefined };

function caller(model = createVppModel()) {
  const go = (name: string, msg: ApiMessage = {}): SimResponse => {
    const h = model.handlers[name];
    if (!h) throw new Error(name);
    return h({ name, msg, client }) as SimResponse;
  };
  return {
    model,
    call: (name: string, msg?: ApiMessage) => go(name, msg).reply?.fields ?? {},
    dump: (name: string, msg?: ApiMessage) => [...(go(name, msg).details ?? [])].map((d) => d.fields),
    raw: go,
  };
}

describe('behaviour model', () => {
  it('reset() gives a freshly started VPP', () => {
    const v = caller();
    v.call('create_loopback_instance', { mac_address: '00:00:00:00:00:00' });
    expect(v.dump('sw_interface_dump', { sw_if_index: 0xffffffff }).length).toBe(2);
    v.model.reset();
    expect(v.dump('sw_interface_dump', { sw_if_index: 0xffffffff }).length).toBe(1);
    expect(v.call('bridge_domain_add_del_v2', { bd_id: 0xffffffff, is_add: true }).bd_id).toBe(7271263);
  });

  it('snapshot() lists interfaces, tables and their routes', () => {
    const v = caller(createVppModel({ hardware: [{ name: 'GigabitEthernet3/0/0' }] }));
    const snap = v.model.snapshot() as {
      interfaces: Array<{ interface_name: string }>;
      tables: Array<{ routes: string[] }>;
    };
    expect(snap.interfaces.map((x) => x.interface_name)).toEqual(['local0', 'GigabitEthernet3/0/0']);
    expect(snap.tables[0]!.routes).toContain('0.0.0.0/0');
  });

  it('without /dev/vhost-net, taps and linux-cp pairs fail with -11 (as on the recording host)', () => {
    const v = caller(createVppModel({ hostHasVhostNet: false }));
    expect(v.call('tap_create_v3', { id: 0xffffffff }).retval).toBe(-11);
    expect(
      v.call('lcp_itf_pair_add_del_v2', { is_add: true, sw_if_index: 0, host_if_name: 'x' }).retval,
    ).toBe(-11);
  });

  it('linux-cp pairs page through their cursor with -165', () => {
    const v = caller(createVppModel({ cursorPageSize: 2 }));
    for (let i = 0; i < 5; i++) {
      const sw = v.call('create_loopback_instance', { mac_address: '00:00:00:00:00:00' })
        .sw_if_index as number;
      v.call('lcp_itf_pair_add_del_v2', { is_add: true, sw_if_index: sw, host_if_name: `h${i}` });
    }
    const first = v.raw('lcp_itf_pair_get', { cursor: 0 });
    expect(first.reply?.fields.retval).toBe(-165);
    expect([...(first.details ?? [])].length).toBe(2);
    const names: unknown[] = [];
    let cursor = 0;
    for (;;) {
      const r = v.raw('lcp_itf_pair_get', { cursor });
      names.push(...[...(r.details ?? [])].map((d) => d.fields.host_if_name));
      if (r.reply?.fields.retval !== -165) break;
      cursor = r.reply.fields.cursor as number;
    }
    expect(names).toEqual(['h0', 'h1', 'h2', 'h3', 'h4']);
  });

  it('vppinfra hash order: the IPv4 FIB walk of a fresh VPP (01 step 12)', () => {
    const key = (ip: string) => ip.split('.').reduce((a, x, i) => a + Number(x) * 2 ** (8 * i), 0);
    expect(['240.0.0.0', '224.0.0.0'].map((ip) => hashUword(key(ip)) & 63)).toEqual([16, 56]);
    const h = new VppHash<{ hashSum: number; n: number }>(32);
    const items = Array.from({ length: 100 }, (_, n) => ({ hashSum: hashUword(n), n }));
    for (const it of items) h.add(it);
    for (const it of items.slice(0, 70)) h.remove(it);
    expect([...h.values()].map((x) => x.n).sort((a, b) => a - b)).toEqual(items.slice(70).map((x) => x.n));
  });

  it("a sub-interface MAC change is refused (-9: its hw_if_index is local0's) and the parent keeps its MAC", () => {
    const v = caller();
    const p = v.call('create_loopback_instance', { mac_address: '00:00:00:00:00:00' }).sw_if_index as number;
    const s = v.call('create_vlan_subif', { sw_if_index: p, vlan_id: 3 }).sw_if_index as number;
    expect(
      v.call('sw_interface_set_mac_address', { sw_if_index: s, mac_address: '02:00:00:00:00:09' }).retval,
    ).toBe(-9);
    expect(v.dump('sw_interface_dump', { sw_if_index: p })[0]!.l2_address).toBe('de:ad:00:00:00:00');
  });
});

describeWithVppApi('error codes', () => {
  it('every retval the model returns has the VNET_API_ERROR name it is known by (api_errno.json)', () => {
    const table = JSON.parse(readFileSync(join(VPP_API_DIR, 'api_errno.json'), 'utf8')) as Array<{
      name: string;
      code: number;
    }>;
    const byName = new Map(table.map((e) => [e.name, e.code]));
    for (const [name, code] of Object.entries(E))
      expect([name, byName.get(`VNET_API_ERROR_${name}`)]).toEqual([name, code]);
  });
});
