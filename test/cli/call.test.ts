import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCallArgs } from '../../src/cli/commands/call.run.js';
import { cli } from '../helpers/cli.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';

describe('parseCallArgs', () => {
  it('reads field=value pairs, JSON where it parses and strings otherwise', () => {
    expect(parseCallArgs(['sw_if_index=1', 'is_add=true', 'tag=uplink', 'mtu=[9000,0,0,0]'])).toEqual({
      sw_if_index: 1,
      is_add: true,
      tag: 'uplink',
      mtu: [9000, 0, 0, 0],
    });
    expect(parseCallArgs(['{"sw_if_index": 2}'])).toEqual({ sw_if_index: 2 });
  });

  it('names a malformed argument', () => {
    expect(() => parseCallArgs(['sw_if_index'])).toThrow(/expected field=value, got 'sw_if_index'/);
    expect(() => parseCallArgs(['{nope'])).toThrow(/not valid JSON/);
  });
});

describe('vppstate call', () => {
  let dir: string;
  let sim: Simulator;
  let socket: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vppstate-call-'));
    socket = join(dir, 'api.sock');
    sim = await startSimulator({ socket });
  });
  afterAll(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends a request and prints the reply as JSON', async () => {
    const r = await cli(
      '--socket',
      socket,
      'call',
      'create_loopback_instance',
      'is_specified=true',
      'user_instance=7',
    );
    expect(r.code).toBe(0);
    const reply = JSON.parse(r.out) as { retval: number; sw_if_index: number };
    expect(reply.retval).toBe(0);
    const dump = await cli(
      '--socket',
      socket,
      'call',
      'sw_interface_dump',
      `sw_if_index=${reply.sw_if_index}`,
    );
    expect(dump.code).toBe(0);
    expect((JSON.parse(dump.out) as Array<{ interface_name: string }>).map((d) => d.interface_name)).toEqual([
      'loop7',
    ]);
  });

  it("prints VPP's errno name and exits 1 on a negative retval", async () => {
    const r = await cli('--socket', socket, 'call', 'sw_interface_set_table', 'sw_if_index=99', 'vrf_id=5');
    expect(r.code).toBe(1);
    expect(r.err).toContain('VNET_API_ERROR_INVALID_SW_IF_INDEX (-2)');
  });
});
