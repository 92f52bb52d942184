import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VppClient } from '../../src/api/client/index.js';

/**
 * Runs against a real VPP when VPPSTATE_TEST_SOCKET names its API socket (e.g. /run/vpp/api.sock);
 * skipped otherwise. It creates and deletes one loopback tagged `vppstate-test`, nothing else.
 */
const SOCKET = process.env.VPPSTATE_TEST_SOCKET;
const suite = SOCKET ? describe : describe.skip;
if (!SOCKET) console.warn('skipping real-VPP suite: set VPPSTATE_TEST_SOCKET to a VPP API socket to run it');

suite('against a real VPP', () => {
  let client: VppClient;

  beforeAll(async () => {
    client = await VppClient.connect({ socket: SOCKET, name: 'vppstate-test' });
  });
  afterAll(async () => {
    await client?.disconnect();
  });

  it('bootstraps its definitions from get_api_json and finds every offered message in the table', async () => {
    const version = await client.call('show_version');
    expect(typeof version.version).toBe('string');
    expect(client.supports('sw_interface_dump')).toBe(true);
  });

  it('creates, finds, and deletes a loopback, leaving VPP as it was', async () => {
    const before = await client.dump('sw_interface_dump', { sw_if_index: 0xffffffff });
    const created = await client.call('create_loopback_instance', { is_specified: false });
    const index = created.sw_if_index as number;
    try {
      await client.call('sw_interface_tag_add_del', {
        is_add: true,
        sw_if_index: index,
        tag: 'vppstate-test',
      });
      const found = await client.dump('sw_interface_dump', { sw_if_index: index });
      expect(found).toHaveLength(1);
      expect(found[0].tag).toBe('vppstate-test');
      expect(String(found[0].interface_name)).toMatch(/^loop\d+$/);
    } finally {
      await client.call('delete_loopback', { sw_if_index: index });
    }
    const after = await client.dump('sw_interface_dump', { sw_if_index: 0xffffffff });
    expect(after.map((d) => d.interface_name)).toEqual(before.map((d) => d.interface_name));
  });

  it('matches 1,000 pipelined control_pings to their callers', async () => {
    const replies = await Promise.all(Array.from({ length: 1000 }, () => client.call('control_ping')));
    expect(replies.every((r) => r.retval === 0)).toBe(true);
  });
});
