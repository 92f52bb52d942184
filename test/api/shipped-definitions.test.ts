/**
 * The definitions vppstate ships (src/api/generated/vpp-api-pack.ts): a pack holds exactly what
 * its .api.json files hold, the shipped one is what `vppstate gen definitions` makes of
 * ../shared/vpp-api, and a client uses it instead of downloading get_api_json only when VPP's
 * message table has exactly its crcs.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VppClient } from '../../src/api/client/client.js';
import { ApiDefinitions, packDefinitions } from '../../src/api/definitions/index.js';
import { ApiDefinitionError } from '../../src/api/errors.js';
import { VPP_API_PACK } from '../../src/api/generated/vpp-api-pack.js';
import { RecordingTransport, UnixSocketTransport } from '../../src/api/transport/index.js';
import { SimServer } from '../../src/sim/server.js';
import { simulatorDefinitions, startSimulator, type Simulator } from '../../src/sim/index.js';
import { cli } from '../helpers/cli.js';
import { REPO_ROOT, VPP_API_DIR, describeWithVppApi } from '../helpers/shared.js';
import { TEST_HANDLERS, tempSocket, testDefinitions, type TempSocket } from './client-helpers.js';

/** Every message, type and service of a set, parsed, for comparing two sets. */
function contents(d: ApiDefinitions, opts: { files?: boolean } = {}): unknown {
  const file = (f: string): string => (opts.files === false ? '' : f);
  const messages = [...d.messages.values()].map((m) => ({
    ...m,
    options: m.options ?? {},
    file: file(m.file),
  }));
  return {
    messages: messages.sort((a, b) => a.name.localeCompare(b.name)),
    types: [...d.types.values()]
      .map((t) => ({ ...t, file: file(t.file) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    services: [...d.services.values()].sort((a, b) => a.request.localeCompare(b.request)),
  };
}

describe('a definitions pack', () => {
  it('holds every message, type and service of its files, and their crcs', () => {
    const defs = simulatorDefinitions();
    const packed = ApiDefinitions.fromPacked(packDefinitions(defs.files, 'the simulator'));
    expect(contents(packed)).toEqual(contents(defs));
    for (const name of defs.messages.keys()) expect(packed.nameCrcOf(name)).toBe(defs.nameCrcOf(name));
    expect(packed.nameCrcOf('no_such_message')).toBeUndefined();
    // Rebuilt as files, it serves get_api_json as a set read from files would (get_api_json
    // names files by module only).
    expect(contents(ApiDefinitions.fromApiJson(packed.toApiJson()), { files: false })).toEqual(
      contents(defs, { files: false }),
    );
  });

  it('leaves out the comments, which nothing reads', () => {
    const text = packDefinitions(
      [
        {
          file: 'core/x.api.json',
          json: {
            messages: [['x_ping', ['u16', '_vl_msg_id'], { crc: '0x12345678', comment: '/** long */' }]],
          },
        },
      ],
      'test',
    );
    expect(text).not.toContain('long');
    expect(ApiDefinitions.fromPacked(text).message('x_ping').crc).toBe('0x12345678');
  });

  it('refuses what is not a pack, or a damaged one, saying so', () => {
    expect(() => ApiDefinitions.fromPacked('{"messages": []}')).toThrow(
      new ApiDefinitionError('not a vppstate definitions pack (it must start with "#vppstate-api-pack 1")'),
    );
    expect(() => ApiDefinitions.fromPacked('#vppstate-api-pack 1 x\nz what\n')).toThrow(
      /malformed line "z what/,
    );
    const broken = ApiDefinitions.fromPacked(
      '#vppstate-api-pack 1 x\nf a.api.json\nm x_ping 0 0x12345678 [oops\n',
    );
    expect(() => broken.message('x_ping')).toThrow(/definitions pack: x_ping is not valid JSON/);
  });
});

describeWithVppApi('the definitions vppstate ships', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vppstate-gen-defs-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are what `vppstate gen definitions` makes of ../shared/vpp-api (npm run gen:types)', async () => {
    const r = await cli(
      '--api-dir',
      VPP_API_DIR,
      'gen',
      'definitions',
      '--out',
      dir,
      '--source',
      'VPP v26.10-rc0 (core and plugins)',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^wrote .*vpp-api-pack\.ts: 2113 messages, 323 types, 1039 services \(\d+ KiB\)\n$/,
    );
    const shipped = readFileSync(join(REPO_ROOT, 'src/api/generated/vpp-api-pack.ts'), 'utf8');
    expect(
      readFileSync(join(dir, 'vpp-api-pack.ts'), 'utf8') === shipped,
      'src/api/generated/vpp-api-pack.ts is stale: npm run gen:types',
    ).toBe(true);
  });

  it('are VPP’s own definitions, message for message', () => {
    expect(contents(ApiDefinitions.fromPacked(VPP_API_PACK))).toEqual(
      contents(ApiDefinitions.fromDirectory(VPP_API_DIR)),
    );
  });
});

describe('a client connecting without definitions', () => {
  let sock: TempSocket;
  afterAll(() => sock?.cleanup());

  /** The names of the requests a client sent while connecting and making one call. */
  async function requestsOf(
    socket: string,
    opts: { shippedDefinitions?: boolean } = {},
  ): Promise<{ sent: string[]; client: VppClient }> {
    const rec = new RecordingTransport(new UnixSocketTransport(socket));
    const client = await VppClient.connect({ transport: rec, ...opts });
    await client.call('control_ping');
    const byId = new Map([...client.messageTable].map(([nameCrc, id]) => [id, nameCrc]));
    const sent = rec.frames
      .filter((f) => f.direction === 'out')
      .map((f) => (byId.get(f.data.readUInt16BE(0)) ?? 'sockclnt_create_').replace(/_[0-9a-f]{8}$/, ''));
    return { sent, client };
  }

  describe('to a VPP whose messages are all in the shipped set (the simulator)', () => {
    let sim: Simulator;
    beforeAll(async () => {
      sock = tempSocket();
      sim = await startSimulator({ socket: sock.path });
    });
    afterAll(() => sim.close());

    it('uses the shipped definitions and never downloads get_api_json', async () => {
      const { sent, client } = await requestsOf(sock.path);
      expect(sent).not.toContain('get_api_json');
      // Only the messages VPP has, as get_api_json would have said.
      expect([...client.definitions.messages.keys()].sort()).toEqual(
        [...sim.definitions.messages.keys()].sort(),
      );
      expect(client.validateMessageTable()).toEqual([]);
      const itfs = await client.dump('sw_interface_dump', { name_filter_valid: false, name_filter: '' });
      expect(itfs.map((d) => d.interface_name)).toContain('local0');
      await client.disconnect();
    });

    it('asks VPP all the same with shippedDefinitions: false', async () => {
      const { sent, client } = await requestsOf(sock.path, { shippedDefinitions: false });
      expect(sent).toContain('get_api_json');
      expect(client.definitions.messages.size).toBe(sim.definitions.messages.size);
      await client.disconnect();
    });
  });

  it('asks VPP for its own when its table has a message the shipped set lacks', async () => {
    const s = tempSocket();
    const server = await SimServer.start({
      socket: s.path,
      definitions: testDefinitions(),
      handlers: TEST_HANDLERS,
    });
    try {
      const { sent, client } = await requestsOf(s.path);
      expect(sent).toContain('get_api_json');
      expect((await client.call('test_call', { value: 3 })).value).toBe(3);
      await client.disconnect();
    } finally {
      await server.close();
      s.cleanup();
    }
  });
});
