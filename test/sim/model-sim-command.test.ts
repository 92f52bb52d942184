/** `vppstate sim`: the simulator in the foreground, its flags, its log and its state file. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VppClient } from '../../src/api/client/client.js';
import { VppApiError } from '../../src/api/client/errors.js';
import {
  SimConfigError,
  allHardwarePorts,
  hardwareFromDocuments,
  hardwarePorts,
  runSimulator,
} from '../../src/cli/commands/sim.run.js';
import { REPO_ROOT } from '../helpers/shared.js';
import { buildProgram } from '../../src/cli/program.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vppstate-simcmd-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('vppstate sim', () => {
  it('serves the socket, logs each call, applies faults and writes the state at exit', async () => {
    const socket = join(dir, 'api.sock');
    const state = join(dir, 'state.json');
    const lines: string[] = [];
    const ac = new AbortController();
    let started!: () => void;
    const ready = new Promise<void>((r) => (started = r));
    const done = runSimulator(
      {
        socket,
        state,
        hardware: ['GigabitEthernet3/0/0,mtu=1500'],
        fail: [{ msg: 'sw_interface_set_flags', n: 1, retval: -167 }],
      },
      ac.signal,
      (l) => lines.push(l),
      () => started(),
    );
    await ready;
    const c = await VppClient.connect({ socket });
    const lo = await c.call('create_loopback_instance', { mac_address: '00:00:00:00:00:00' });
    expect(lo.sw_if_index).toBe(2);
    await expect(c.call('sw_interface_set_flags', { sw_if_index: 2, flags: 1 })).rejects.toBeInstanceOf(
      VppApiError,
    );
    await c.call('sw_interface_set_flags', { sw_if_index: 2, flags: 1 });
    await c.disconnect();
    ac.abort();
    await done;
    expect(lines[0]).toContain(`listening on ${socket} with GigabitEthernet3/0/0`);
    expect(lines.some((l) => l.includes('create_loopback_instance') && l.includes('-> 0'))).toBe(true);
    const snap = JSON.parse(readFileSync(state, 'utf8')) as {
      interfaces: Array<{ interface_name: string; flags: number; link_mtu: number }>;
    };
    expect(snap.interfaces.map((x) => x.interface_name)).toEqual(['local0', 'GigabitEthernet3/0/0', 'loop0']);
    expect(snap.interfaces[1]!.link_mtu).toBe(1500);
    expect(snap.interfaces[2]!.flags).toBe(3);
  });

  it('reads hardware ports from flags and from a YAML file, and refuses bad ones', () => {
    const f = join(dir, 'hw.yaml');
    writeFileSync(
      f,
      'hardware:\n  - name: TenGigabitEthernet5/0/0\n    mtu: 9216\n  - GigabitEthernet6/0/0\n',
    );
    expect(
      hardwarePorts({ hardwareFile: f, hardware: ['GigabitEthernet3/0/0,mac=02:00:00:00:00:01'] }),
    ).toEqual([
      { name: 'TenGigabitEthernet5/0/0', mtu: 9216 },
      { name: 'GigabitEthernet6/0/0' },
      { name: 'GigabitEthernet3/0/0', mac: '02:00:00:00:00:01' },
    ]);
    expect(() => hardwarePorts({ hardware: ['local0'] })).toThrow(SimConfigError);
    expect(() => hardwarePorts({ hardware: ['Gi1', 'Gi1'] })).toThrow(/twice/);
    expect(() => hardwarePorts({ hardware: ['Gi1,speed=fast'] })).toThrow();
  });

  it('takes hardware ports from documents: one configuration over several files, or several configurations', async () => {
    const a = join(dir, 'a.yaml');
    const b = join(dir, 'b.yaml');
    writeFileSync(a, 'interfaces:\n  TenGigabitEthernet5/0/0: { mtu: 9000 }\n  loop0: {}\n');
    writeFileSync(b, 'interfaces:\n  TenGigabitEthernet5/0/0.7: { vrf: 0 }\n  GigabitEthernet6/0/0: {}\n');
    // b's sub-interface needs a's port: one configuration in two files
    expect(await hardwareFromDocuments([a, b])).toEqual([
      { name: 'GigabitEthernet6/0/0' },
      { name: 'TenGigabitEthernet5/0/0' },
    ]);
    // the examples each declare the same ports: alternatives, their union
    const examples = ['edge-router', 'macswap', 'quickstart'].map((e) =>
      join(REPO_ROOT, 'examples', `${e}.yaml`),
    );
    expect(await hardwareFromDocuments(examples)).toEqual([
      { name: 'GigabitEthernet0/8/0' },
      { name: 'GigabitEthernet0/9/0' },
    ]);
    // --hardware settings win over the documents' bare names
    expect(
      await allHardwarePorts({ hardware: ['GigabitEthernet0/9/0,mtu=1500'], hardwareFrom: examples }),
    ).toEqual([{ name: 'GigabitEthernet0/9/0', mtu: 1500 }, { name: 'GigabitEthernet0/8/0' }]);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'interfaces:\n  GigabitEthernet6/0/0: { mtu: 99999 }\n');
    await expect(hardwareFromDocuments([bad])).rejects.toThrow(/bad\.yaml:2:\d+: .*mtu: must be ≤ 9216/);
  });

  it('serves the ports of --hardware-from from the start, in name order', async () => {
    const socket = join(dir, 'api.sock');
    const ac = new AbortController();
    let started!: () => void;
    const ready = new Promise<void>((r) => (started = r));
    const lines: string[] = [];
    const done = runSimulator(
      { socket, quiet: true, hardwareFrom: [join(REPO_ROOT, 'examples', 'edge-router.yaml')] },
      ac.signal,
      (l) => lines.push(l),
      () => started(),
    );
    await ready;
    const c = await VppClient.connect({ socket });
    const ifs = await c.dump('sw_interface_dump', { sw_if_index: 0xffffffff });
    expect(ifs.map((d) => `${String(d.sw_if_index)} ${String(d.interface_name)}`)).toEqual([
      '0 local0',
      '1 GigabitEthernet0/8/0',
      '2 GigabitEthernet0/9/0',
    ]);
    await c.disconnect();
    ac.abort();
    await done;
    expect(lines[0]).toContain('with GigabitEthernet0/8/0, GigabitEthernet0/9/0');
  });

  it('is a registered command with its fault flags', () => {
    const sim = buildProgram().commands.find((c) => c.name() === 'sim');
    const text = sim?.helpInformation() ?? '';
    for (const flag of [
      '--hardware',
      '--hardware-from',
      '--state',
      '--fail',
      '--delay',
      '--stall',
      '--drop-after',
      '--slow-reader',
    ])
      expect(text).toContain(flag);
  });
});
