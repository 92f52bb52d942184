/**
 * Scale: 10,000 interfaces and 200,000 routes created through the API (VppClient over the
 * socket) and dumped back as a stream.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VppClient } from '../../src/api/client/client.js';
import { type Simulator, startSimulator } from '../../src/sim/index.js';

const IFACES = 10_000;
const ROUTES = 200_000;
const BATCH = 2_000;

async function inBatches(n: number, make: (i: number) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < n; start += BATCH) {
    const jobs: Array<Promise<unknown>> = [];
    for (let i = start; i < Math.min(n, start + BATCH); i++) jobs.push(make(i));
    await Promise.all(jobs);
  }
}

describe('simulator at scale', () => {
  let dir: string;
  let sim: Simulator;
  let client: VppClient;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vppstate-scale-'));
    sim = await startSimulator({ socket: join(dir, 'api.sock') });
    client = await VppClient.connect({ socket: sim.server.socketPath, timeoutMs: 60_000 });
  });
  afterAll(async () => {
    await client.disconnect();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`creates ${IFACES} loopbacks and lists them all`, async () => {
    await inBatches(IFACES, () =>
      client.call('create_loopback_instance', { mac_address: '00:00:00:00:00:00' }),
    );
    let n = 0;
    let last = '';
    for await (const d of client.dumpIter('sw_interface_dump', { sw_if_index: 0xffffffff })) {
      n++;
      last = d.interface_name as string;
    }
    expect(n).toBe(IFACES + 1);
    expect(last).toBe(`loop${IFACES - 1}`);
  }, 120_000);

  it(`adds ${ROUTES} routes and streams them back in one dump`, async () => {
    await client.call('sw_interface_set_flags', { sw_if_index: 1, flags: 1 });
    await client.call('sw_interface_add_del_address', {
      sw_if_index: 1,
      is_add: true,
      prefix: '10.0.0.1/16',
    });
    await inBatches(ROUTES, (i) =>
      client.call('ip_route_add_del', {
        is_add: true,
        route: {
          table_id: 0,
          prefix: `${100 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}.0/24`,
          n_paths: 1,
          paths: [{ sw_if_index: 1, proto: 0, nh: { address: { ip4: '10.0.0.2' } } }],
        },
      }),
    );
    let n = 0;
    let withNh = 0;
    for await (const d of client.dumpIter('ip_route_dump', { table: { table_id: 0, is_ip6: false } })) {
      n++;
      const route = d.route as { paths: Array<{ nh: { address: { ip4: string } } }> };
      if (route.paths[0]?.nh.address.ip4 === '10.0.0.2') withNh++;
    }
    // + 5 specials + the address's local, connected, network and broadcast entries
    expect(withNh).toBe(ROUTES);
    expect(n).toBe(ROUTES + 5 + 4);
  }, 300_000);
});
