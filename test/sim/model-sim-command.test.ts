/** `vppstate sim`: the simulator in the foreground, its flags, its log and its state file. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VppClient } from '../../src/api/client/client.js';
import { VppApiError } from '../../src/api/client/errors.js';
import { SimConfigError, hardwarePorts, runSimulator } from '../../src/cli/commands/sim.run.js';
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

  it('is a registered command with its fault flags', () => {
    const sim = buildProgram().commands.find((c) => c.name() === 'sim');
    const text = sim?.helpInformation() ?? '';
    for (const flag of [
      '--hardware',
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
