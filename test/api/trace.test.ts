import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VppClient } from '../../src/api/client/client.js';
import { ApiCodec } from '../../src/api/codec/index.js';
import { ApiDefinitions } from '../../src/api/definitions/index.js';
import { MemoryTraceSink, parseTrace, readTrace, TraceFileWriter } from '../../src/api/trace/file.js';
import { INVALID_ENUM, TraceFormat, TraceFormatError, stringifyTrace } from '../../src/api/trace/format.js';
import { maskSecrets, MASKED } from '../../src/api/trace/mask.js';
import { formatEntry } from '../../src/api/trace/print.js';
import { TraceRecorder } from '../../src/api/trace/recorder.js';
import { traceStats } from '../../src/api/trace/stats.js';
import { FaultyTransport, UnixSocketTransport } from '../../src/api/transport/index.js';
import { startSimulator, type Simulator } from '../../src/sim/index.js';

/** A small definition set with every kind of field VPP's trace shape distinguishes. */
const DEFS = ApiDefinitions.fromFiles([
  {
    file: 't.api.json',
    json: {
      enums: [['color', ['RED', 1], ['GREEN', 2], { enumtype: 'u8' }]],
      enumflags: [['feat', ['F_NONE', 0], ['F_A', 1], ['F_B', 2], { enumtype: 'u32' }]],
      types: [['pt', ['u16', 'x'], ['vl_api_color_t', 'c']]],
      unions: [['au', ['vl_api_ip4_address_t', 'ip4'], ['vl_api_ip6_address_t', 'ip6']]],
      aliases: {
        ip4_address: { type: 'u8', length: 4 },
        ip6_address: { type: 'u8', length: 16 },
        mac_address: { type: 'u8', length: 6 },
      },
      messages: [
        [
          'thing_set',
          ['u16', '_vl_msg_id'],
          ['u32', 'client_index'],
          ['u32', 'context'],
          ['bool', 'on'],
          ['u64', 'big'],
          ['vl_api_color_t', 'color'],
          ['vl_api_feat_t', 'feat'],
          ['vl_api_mac_address_t', 'mac'],
          ['u8', 'raw', 4],
          ['string', 'tag', 8],
          ['vl_api_au_t', 'nh'],
          ['u8', 'n'],
          ['vl_api_pt_t', 'pts', 0, 'n'],
          ['string', 'secret', 16],
          { crc: '0x0badcafe' },
        ],
      ],
    },
  },
]);

describe('trace format: VPP tojson shape', () => {
  const codec = new ApiCodec(DEFS).message('thing_set');
  const fmt = new TraceFormat(DEFS);
  const wire = (m: Record<string, unknown>) =>
    codec.encode({ client_index: 7, context: 9, ...m } as never, 100);

  it('writes what vppapigen tojson writes: names for enums, arrays for flags, 0x hex, no context', () => {
    const decoded = codec.decode(
      wire({
        on: true,
        big: 2n ** 60n,
        color: 'GREEN',
        feat: 3,
        mac: '02:fe:00:00:00:01',
        raw: new Uint8Array([0xde, 0xad, 0xbe, 0xef]),
        tag: 'up',
        nh: { ip4: '10.1.1.2' },
        pts: [{ x: 5, c: 'RED' }],
      }),
    );
    const t = fmt.toTrace('thing_set', decoded);
    expect(Object.keys(t).slice(0, 2)).toEqual(['_msgname', '_crc']);
    expect(t).toMatchObject({
      _msgname: 'thing_set',
      _crc: '0badcafe',
      on: true,
      big: 2n ** 60n,
      color: 'GREEN',
      feat: ['F_A', 'F_B'],
      mac: '02:fe:00:00:00:01',
      raw: '0xdeadbeef',
      tag: 'up',
      nh: { ip4: '10.1.1.2', ip6: 'a01:102::' },
      n: 1,
      pts: [{ x: 5, c: 'RED' }],
    });
    expect(t).not.toHaveProperty('context');
    expect(t).not.toHaveProperty('client_index');
    expect(t).not.toHaveProperty('_raw');
    expect(stringifyTrace(t)).toContain('"big":1152921504606846976');
  });

  it('writes "Invalid ENUM" where VPP does, keeps the value in _raw and reads it back', () => {
    const decoded = codec.decode(wire({ color: 3, pts: [{ x: 1, c: 0 }] }));
    const t = fmt.toTrace('thing_set', decoded);
    expect(t.color).toBe(INVALID_ENUM);
    expect(t._raw).toEqual({ color: 3, 'pts[0].c': 0 });
    const back = fmt.fromTrace(JSON.parse(stringifyTrace(t)) as Record<string, unknown>);
    expect(codec.decode(codec.encode({ ...back, client_index: 7, context: 9 }, 100))).toEqual(decoded);
  });

  it('round-trips every field: trace → encoder gives the same bytes', () => {
    const buf = wire({
      on: true,
      big: 12345,
      color: 'RED',
      feat: 'F_B',
      mac: '02:00:00:00:00:05',
      raw: new Uint8Array([1, 2, 3, 4]),
      tag: 'x',
      nh: { ip6: '2001:db8::1' },
      pts: [
        { x: 1, c: 'RED' },
        { x: 2, c: 'GREEN' },
      ],
      secret: 's3cret',
    });
    const t = JSON.parse(stringifyTrace(fmt.toTrace('thing_set', codec.decode(buf)))) as Record<
      string,
      unknown
    >;
    expect(codec.encode({ ...fmt.fromTrace(t), client_index: 7, context: 9 }, 100)).toEqual(buf);
  });

  it('says what is wrong with a trace value, naming the message and field', () => {
    expect(() => fmt.fromTrace({ _msgname: 'thing_set', raw: 'deadbeef' })).toThrow(
      /thing_set\.raw: expected bytes as "0x" and hex digits/,
    );
    expect(() => fmt.fromTrace({ _msgname: 'thing_set', color: INVALID_ENUM })).toThrow(TraceFormatError);
    expect(() => fmt.fromTrace({ _msgname: 'thing_set', color: 'BLUE' })).toThrow(
      /thing_set\.color: "BLUE" is not a member of color/,
    );
  });
});

describe('trace files', () => {
  it('reads a file cut short, JSON lines, and VPP’s pretty-printed array alike', () => {
    const a = '{"_msgname":"a","_crc":"00000001","x":1}';
    const b = '{"_msgname":"b","_crc":"00000002","y":{"z":"}"}}';
    expect(parseTrace(`[\n${a},\n${b}\n]`).map((e) => e._msgname)).toEqual(['a', 'b']);
    expect(parseTrace(`[\n${a},\n${b},\n{"_msgname":"c","_cr`).map((e) => e._msgname)).toEqual(['a', 'b']);
    expect(parseTrace(`${a}\n${b}\n`).map((e) => e._msgname)).toEqual(['a', 'b']);
    const vpp = '[\n{\n\t"_msgname":\t"a",\n\t"_crc":\t"00000001",\n\t"x":\t1\n}]';
    expect(parseTrace(vpp)).toEqual([{ _msgname: 'a', _crc: '00000001', x: 1 }]);
    expect(() => parseTrace('[{"x":1}]', 'f.json')).toThrow(/f\.json: element 1 is not a message/);
  });

  it('writes valid JSON at every flush and closes the array', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vppstate-trace-'));
    try {
      const path = join(dir, 't.json');
      const w = new TraceFileWriter(path);
      w.write({ _msgname: 'a', _crc: '00000001' });
      w.flush();
      expect(readTrace(path)).toHaveLength(1);
      w.write({ _msgname: 'b', _crc: '00000002' });
      w.close();
      expect(JSON.parse(readFileSync(path, 'utf8'))).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('masks secrets at any depth unless asked not to', () => {
    const e = {
      _msgname: 'memif_create',
      _crc: '',
      secret: 'hunter2',
      id: 1,
      key: 5,
      _reply: { _msgname: 'x', _crc: '', sa: { crypto_key: { length: 4, data: '0x01020304' } } },
    };
    const m = maskSecrets(e);
    expect(m.secret).toBe(MASKED);
    expect(m.key).toBe(5); // a GRE key is a number, not key material
    expect(m._reply.sa.crypto_key).toBe(MASKED);
    expect(e.secret).toBe('hunter2');
    expect(maskSecrets({ secret: '' }).secret).toBe('');
  });
});

describe('recording a session (simulator)', () => {
  let dir: string;
  let sim: Simulator;
  let socket: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vppstate-rec-'));
    socket = join(dir, 'api.sock');
    sim = await startSimulator({ socket });
  });
  afterAll(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records requests with their replies, dumps with their details, events, with timing', async () => {
    const sink = new MemoryTraceSink();
    const rec = new TraceRecorder(sink);
    const client = await VppClient.connect({ transport: rec.wrap(new UnixSocketTransport(socket)) });
    rec.bind(client);
    const events = client.events('sw_interface_event');
    await client.call('want_interface_events', { enable_disable: 1, pid: 1 });
    const idx = Number((await client.call('create_loopback_instance', {})).sw_if_index);
    await client.call('sw_interface_set_flags', { sw_if_index: idx, flags: 1 });
    await events.next();
    await client.dump('sw_interface_dump', { sw_if_index: idx });
    await client.call('sw_interface_set_flags', { sw_if_index: 99, flags: 1 }).catch(() => undefined);
    await client.disconnect();
    expect(sink.closed).toBe(true);
    const names = sink.messages.map((m) => `${m._dir === 'rx' ? '<' : ''}${m._msgname}`);
    expect(names[0]).toBe('sockclnt_create');
    expect(names).toContain('<sw_interface_event');
    const create = sink.messages.find((m) => m._msgname === 'create_loopback_instance');
    expect(create?._reply).toMatchObject({
      _msgname: 'create_loopback_instance_reply',
      retval: 0,
      sw_if_index: idx,
    });
    expect(typeof create?._ms).toBe('number');
    expect(typeof create?._ts).toBe('string');
    const dump = sink.messages.find((m) => m._msgname === 'sw_interface_dump');
    expect(dump?._details as unknown).toEqual([
      expect.objectContaining({ _msgname: 'sw_interface_details', sw_if_index: idx }),
    ]);
    // The ping ending the dump is part of it (the client pings once on its own at connect).
    expect(names.filter((n) => n === 'control_ping').length).toBeLessThanOrEqual(1);
    const failed = sink.messages.filter((m) => m._msgname === 'sw_interface_set_flags').at(-1);
    expect(formatEntry(failed!, 9).join('\n')).toMatch(/retval=-2 VNET_API_ERROR_INVALID_SW_IF_INDEX/);
    expect(traceStats(sink.messages).errors).toBe(1);
  });

  it('records dumps that shared one ping each with its own details, and a ping of the caller’s own', async () => {
    const sink = new MemoryTraceSink();
    const rec = new TraceRecorder(sink);
    const client = await VppClient.connect({ transport: rec.wrap(new UnixSocketTransport(socket)) });
    rec.bind(client);
    const idx = await Promise.all([1, 2, 3].map(() => client.call('create_loopback_instance', {})));
    const ids = idx.map((r) => Number(r.sw_if_index));
    const dumps = await Promise.all(
      ids.map((sw_if_index) => client.dump('sw_interface_dump', { sw_if_index })),
    );
    await client.call('control_ping');
    await client.disconnect();
    expect(dumps.map((d) => d.length)).toEqual([1, 1, 1]);
    const recorded = sink.messages.filter((m) => m._msgname === 'sw_interface_dump');
    expect(
      recorded.map((m) => (m._details as Array<{ sw_if_index: number }>).map((d) => d.sw_if_index)),
    ).toEqual(ids.map((i) => [i]));
    expect(recorded.every((m) => m._outcome === undefined && typeof m._ms === 'number')).toBe(true);
    // the ping ending the three dumps is theirs; the one the caller sent is its own entry
    expect(sink.messages.filter((m) => m._msgname === 'control_ping')).toHaveLength(2);
  });

  it('marks requests still in flight when the connection ends', async () => {
    const sink = new MemoryTraceSink();
    const rec = new TraceRecorder(sink);
    const faulty = new FaultyTransport(new UnixSocketTransport(socket));
    const client = await VppClient.connect({ transport: rec.wrap(faulty), timeoutMs: 200 });
    rec.bind(client);
    faulty.drop(1, { direction: 'in' });
    await expect(client.call('show_version')).rejects.toThrow(/no reply/);
    await client.disconnect();
    const lost = sink.messages.find((m) => m._msgname === 'show_version');
    expect(lost?._error).toMatch(/^no reply: in flight when the connection/);
    expect(lost?._outcome).toBe('unknown');
    expect(lost).not.toHaveProperty('_reply');
  });

  it('writes what it recorded to a file VPP and vppstate read back', async () => {
    const path = join(dir, 'session.json');
    const rec = new TraceRecorder(new TraceFileWriter(path));
    const client = await VppClient.connect({ transport: rec.wrap(new UnixSocketTransport(socket)) });
    rec.bind(client);
    await client.call('show_version');
    await client.disconnect();
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('[\n{"_msgname":"sockclnt_create"')).toBe(true);
    expect(text.trimEnd().endsWith(']')).toBe(true);
    expect(
      readTrace(path)
        .map((e) => e._msgname)
        .filter((n) => n !== 'control_ping'),
    ).toEqual(['sockclnt_create', 'show_version', 'sockclnt_delete']); // the shipped definitions fit
    const n = readTrace(path).length;
    writeFileSync(path, text.replace(/\n\]\n$/, '')); // as after a crash: still readable
    expect(readTrace(path)).toHaveLength(n);
  });
});
