import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { VppClient } from '../../src/api/client/client.js';
import { VppApiError } from '../../src/api/client/errors.js';
import { ApiDefinitions } from '../../src/api/definitions/index.js';
import { FrameReader, encodeFrame } from '../../src/api/transport/index.js';
import type { ApiMessage } from '../../src/api/types.js';
import { SimServer } from '../../src/sim/server.js';
import type { SimOutMessage } from '../../src/sim/types.js';
import {
  HAVE_VPP_API,
  VPP_API_DIR,
  VPP_REFERENCE_DIR,
  describeWithReference,
  describeWithVppApi,
} from '../helpers/shared.js';
import { tempSocket, type TempSocket } from './client-helpers.js';

interface GoldenMsg {
  step?: string;
  msgname: string;
  msg_id: string;
  msg_hex: string;
  frame_header_hex: string;
  decoded: Record<string, unknown>;
}

const REAL_PATTERNS = [
  'memclnt',
  'vpe',
  'vpe_types',
  'lcp',
  'interface',
  'interface_types',
  'ip_types',
  'ethernet_types',
];

/**
 * A fake VPP on a real socket that answers with the exact bytes VPP sent (golden-bytes.json):
 * the handshake reply with its 1032-entry table, and recorded details keyed by context.
 */
describeWithReference('VppClient against bytes recorded from a real VPP', () => {
  const golden = JSON.parse(readFileSync(join(VPP_REFERENCE_DIR, 'golden-bytes.json'), 'utf8')) as {
    handshake: { request: GoldenMsg; reply: GoldenMsg };
    replies: GoldenMsg[];
  };
  const table = golden.handshake.reply.decoded.message_table as Array<{ index: number; name: string }>;
  const idOf = (nameCrc: string): number =>
    (table.find((e) => e.name === nameCrc) as { index: number }).index;
  let sock: TempSocket;
  let fake: Server;
  let conns: Socket[] = [];
  let defs: ApiDefinitions;
  let handshakeRequests: string[] = [];

  beforeAll(() => {
    if (HAVE_VPP_API) defs = ApiDefinitions.fromDirectory(VPP_API_DIR);
  });

  beforeEach(async () => {
    sock = tempSocket();
    handshakeRequests = [];
    fake = createServer((s) => {
      conns.push(s);
      const reader = new FrameReader((msg) => {
        const id = msg.readUInt16BE(0);
        if (id === 15) {
          handshakeRequests.push(msg.toString('hex'));
          const r = golden.handshake.reply;
          s.write(Buffer.from(r.frame_header_hex + r.msg_hex, 'hex'));
          return;
        }
        const context = msg.readUInt32BE(6);
        if (id === idOf('control_ping_51077d14')) {
          const reply = Buffer.alloc(18);
          reply.writeUInt16BE(idOf('control_ping_reply_f6b0b8ca'), 0);
          reply.writeUInt32BE(context, 2);
          reply.writeUInt32BE(0x80000001, 10);
          reply.writeUInt32BE(4242, 14);
          const frame = encodeFrame(reply);
          frame.writeUInt32BE(0x7f12abcd, 0); // a stale pointer, as VPP leaves
          s.write(frame);
          return;
        }
        if (id === idOf('sockclnt_delete_8ac76db6')) {
          const reply = Buffer.alloc(10);
          reply.writeUInt16BE(idOf('sockclnt_delete_reply_8f38b1ee'), 0);
          reply.writeUInt32BE(context, 2);
          s.end(encodeFrame(reply));
          return;
        }
        for (const g of golden.replies) {
          if (Number(g.step) === context) s.write(Buffer.from(g.frame_header_hex + g.msg_hex, 'hex'));
        }
      });
      s.on('data', (b: Buffer) => reader.push(b));
    });
    await new Promise<void>((r) => fake.listen(sock.path, r));
  });

  afterEach(async () => {
    for (const c of conns) c.destroy();
    conns = [];
    await new Promise((r) => fake.close(r));
    sock.cleanup();
  });

  it('sends the handshake request byte for byte as vpp_papi did and takes VPP’s real table', async () => {
    const c = await VppClient.connect({
      socket: sock.path,
      name: 'vpp-recorder',
      definitions: defs ?? undefined,
      apiDir: undefined,
    });
    expect(handshakeRequests).toEqual([golden.handshake.request.msg_hex]);
    expect(c.clientIndex).toBe(2147483649);
    expect(c.messageTable.size).toBe(1032);
    expect(c.messageTable.get('sw_interface_dump_aa610c27')).toBe(310);
    await c.disconnect();
  }, 20_000);

  const steps = [...new Set(golden.replies.map((g) => Number(g.step)))];
  const dumpOf = (details: string): string =>
    ({
      bridge_domain_details: 'bridge_domain_dump',
      sw_interface_details: 'sw_interface_dump',
      ip_address_details: 'ip_address_dump',
      ip_route_details: 'ip_route_dump',
    })[details] as string;

  it.skipIf(!HAVE_VPP_API)(
    'decodes every recorded dump as VPP sent it (stale pointers in the frame headers)',
    async () => {
      for (const step of steps) {
        const recorded = golden.replies.filter((g) => Number(g.step) === step);
        // The recorder used context = step; so do we, by starting the context one before it
        // (the client's own control_ping at connect, which learns VPP's pid, takes that one).
        const c = await VppClient.connect({
          socket: sock.path,
          name: 'vpp-recorder',
          definitions: defs,
          firstContext: step - 1,
        });
        const details = await c.dump(dumpOf(recorded[0].msgname), {});
        expect(details).toHaveLength(recorded.length);
        details.forEach((d, i) => {
          const want = recorded[i].decoded;
          expect(d._vl_msg_id).toBe(Number(recorded[i].msg_id));
          for (const [k, v] of Object.entries(want)) {
            if (k.startsWith('_') || k.includes('__') || `${k}__unmasked` in want) continue;
            if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string')
              expect(d[k], `step ${step} ${k}`).toEqual(v);
          }
        });
        await c.disconnect();
      }
    },
    30_000,
  );
});

describeWithVppApi('VppClient with VPP’s real definitions (simulated server)', () => {
  let sock: TempSocket;
  let server: SimServer;
  let client: VppClient;

  beforeEach(async () => {
    sock = tempSocket();
    const defs = ApiDefinitions.fromDirectory(VPP_API_DIR, { patterns: REAL_PATTERNS });
    const interfaces: ApiMessage[] = [{ sw_if_index: 0, interface_name: 'local0' }];
    server = await SimServer.start({
      socket: sock.path,
      definitions: defs,
      handlers: {
        // VPP answers the v2 request with the v1 reply (../shared/vpp-reference 11 step 19).
        lcp_itf_pair_get_v2: () => ({
          reply: { name: 'lcp_itf_pair_get_reply', fields: { retval: 0, cursor: 0 } },
        }),
        sw_interface_set_table: () => ({ reply: { fields: { retval: -114 } } }),
        create_loopback_instance: ({ msg }) => {
          const sw_if_index = interfaces.length;
          interfaces.push({ sw_if_index, interface_name: `loop${Number(msg.user_instance)}` });
          return { reply: { fields: { retval: 0, sw_if_index } } };
        },
        sw_interface_set_flags: ({ msg }) => {
          const i = interfaces[Number(msg.sw_if_index)];
          if (i === undefined) return { reply: { fields: { retval: -2 } } };
          i.flags = Number(msg.flags) === 1 ? 3 : 0; // admin up brings a loopback's link up
          return { reply: { fields: { retval: 0 } } };
        },
        sw_interface_dump: () => ({
          details: interfaces.map((i): SimOutMessage => ({ name: 'sw_interface_details', fields: i })),
        }),
      },
    });
    client = await VppClient.connect({ socket: sock.path });
  });
  afterEach(async () => {
    await client.disconnect();
    await server.close();
    sock.cleanup();
  });

  it('matches lcp_itf_pair_get_v2 answered with lcp_itf_pair_get_reply by context, never hanging', async () => {
    expect(
      await client.dump('lcp_itf_pair_get_v2', { cursor: 0, sw_if_index: 0xffffffff }, { timeoutMs: 2000 }),
    ).toEqual([]);
    const all: ApiMessage[] = [];
    for await (const d of client.detailsIter(
      'lcp_itf_pair_get_v2',
      { sw_if_index: 0xffffffff },
      { timeoutMs: 2000 },
    ))
      all.push(d);
    expect(all).toEqual([]);
  });

  it('names the errno of a failed sw_interface_set_table', async () => {
    const err = await client
      .call('sw_interface_set_table', { sw_if_index: 1, vrf_id: 10 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VppApiError);
    expect((err as Error).message).toBe(
      'sw_interface_set_table: VNET_API_ERROR_ADDRESS_FOUND_FOR_INTERFACE (-114) Address found for interface',
    );
  });

  it('runs the README example: show_version, create a loopback, dump interfaces', async () => {
    const vpp = client;
    const v = await vpp.call('show_version');
    expect(`${String(v.program)} ${String(v.version)}`).toBe('vpe vppstate-sim');
    const { sw_if_index } = await vpp.call('create_loopback_instance', {
      is_specified: true,
      user_instance: 5,
    });
    await vpp.call('sw_interface_set_flags', { sw_if_index, flags: 'IF_STATUS_API_FLAG_ADMIN_UP' });
    const rows = (await vpp.dump('sw_interface_dump', { sw_if_index: 0xffffffff })).map(
      (i) => `${String(i.sw_if_index)} ${String(i.interface_name)} ${String(i.flags__name)}`,
    );
    expect(rows).toEqual(['0 local0 ', '1 loop5 IF_STATUS_API_FLAG_ADMIN_UP|IF_STATUS_API_FLAG_LINK_UP']);
  });
});
