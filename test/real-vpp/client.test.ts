import { afterAll, beforeAll, expect, it } from 'vitest';
import { VppClient } from '../../src/api/client/index.js';
import { ApiCodec, ApiDefinitions } from '../../src/api/index.js';
import { RecordingTransport, UnixSocketTransport } from '../../src/api/transport/index.js';
import { describeWithRealVpp, startRealVpp, type RealVpp } from '../helpers/real-vpp.js';

/**
 * The client against a real VPP (../shared/vpp, started fresh for this file). Everything here
 * also holds on the simulator; these tests are the judge of what the simulator must do.
 */
describeWithRealVpp('the client against a real VPP', () => {
  let vpp: RealVpp;
  let client: VppClient;
  let transport: RecordingTransport;

  beforeAll(async () => {
    vpp = await startRealVpp({ name: 'client', ports: ['GigabitEthernet0/8/0'] });
    transport = new RecordingTransport(new UnixSocketTransport(vpp.socket));
    client = await VppClient.connect({ transport, name: 'vppstate-test' });
  });
  afterAll(async () => {
    await client?.disconnect();
    await vpp?.stop();
  });

  it('needs no get_api_json: every message of VPP v26.10 is in the definitions vppstate ships', () => {
    const getApiJson = [...client.messageTable].find(([k]) => k.startsWith('get_api_json_'))?.[1];
    expect(transport.frames.some((f) => f.direction === 'out' && f.data.readUInt16BE(0) === getApiJson)).toBe(
      false,
    );
    expect(client.definitions.messages.size).toBe(client.messageTable.size);
  });

  it('bootstraps from get_api_json, whose reply ends with a NUL its string length does not count', async () => {
    // Asking VPP for its own definitions, as vpp_papi does (and vppstate for any other VPP).
    const rec = new RecordingTransport(new UnixSocketTransport(vpp.socket));
    const own = await VppClient.connect({ transport: rec, shippedDefinitions: false });
    await own.disconnect();
    // The reply frame as VPP sent it: one byte longer than its fields.
    const table = own.messageTable;
    const replyId = [...table].find(([k]) => k.startsWith('get_api_json_reply_'))?.[1];
    expect(replyId).toBeDefined();
    const frame = rec.frames.find((f) => f.direction === 'in' && f.data.readUInt16BE(0) === replyId);
    expect(frame).toBeDefined();
    const bytes = frame!.data;
    // u16 id, u32 context, i32 retval, then string json[] (u32 length + bytes)
    const len = bytes.readUInt32BE(10);
    expect(bytes.length).toBe(14 + len + 1);
    expect(bytes[bytes.length - 1]).toBe(0);
    // and a codec built from VPP's own definitions decodes exactly those bytes
    const codec = new ApiCodec(own.definitions);
    const decoded = codec.message('get_api_json_reply').decode(bytes);
    expect(decoded.retval).toBe(0);
    const defs = ApiDefinitions.fromApiJson(String(decoded.json));
    expect(defs.message('sw_interface_dump').name).toBe('sw_interface_dump');
    // VPP's own definitions are the shipped ones, message for message (memclnt, VPP's transport,
    // is not among the files get_api_json gives)
    const compared = [...client.definitions.messages.keys()].filter((name) => defs.messages.has(name));
    expect(compared.length).toBeGreaterThan(900);
    for (const name of compared)
      expect(defs.message(name).fields, name).toEqual(client.definitions.message(name).fields);
  });

  it('finds every message it has definitions for in the message table, with the same crc', () => {
    expect(client.validateMessageTable()).toEqual([]);
    for (const m of [
      'sw_interface_dump',
      'acl_add_replace',
      'sample_macswap_enable_disable',
      'mss_clamp_get',
    ])
      expect(client.supports(m)).toBe(true);
  });

  it('reads the hardware port vpp.sh made, at index 1', async () => {
    const d = await client.dump('sw_interface_dump', { sw_if_index: 1 });
    expect(d).toHaveLength(1);
    expect(d[0].interface_name).toBe('GigabitEthernet0/8/0');
    expect(d[0].type__name).toBe('IF_API_TYPE_HARDWARE');
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
      expect(await vpp.ctl('show', 'interface', String(found[0].interface_name))).toContain(
        String(found[0].interface_name),
      );
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

  it('names the errno of a failed call', async () => {
    await expect(client.call('sw_interface_set_flags', { sw_if_index: 999, flags: 1 })).rejects.toThrow(
      /VNET_API_ERROR_INVALID_SW_IF_INDEX \(-2\)/,
    );
  });
});
