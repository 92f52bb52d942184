import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledDefinitions } from '../../src/api/client/client.js';
import { ApiDefinitions, type ApiJsonFile } from '../../src/api/definitions/index.js';
import type { ApiMessage } from '../../src/api/types.js';
import type { SimServer } from '../../src/sim/server.js';
import type { SimHandler, SimOutMessage } from '../../src/sim/types.js';

const req = (name: string, crc: string, ...fields: unknown[]): unknown[] => [
  name,
  ['u16', '_vl_msg_id'],
  ['u32', 'client_index'],
  ['u32', 'context'],
  ...fields,
  { crc },
];
const rep = (name: string, crc: string, ...fields: unknown[]): unknown[] => [
  name,
  ['u16', '_vl_msg_id'],
  ['u32', 'context'],
  ['i32', 'retval'],
  ...fields,
  { crc },
];

/** A small API module exercising every kind of service the client handles. */
export const TEST_MODULE: ApiJsonFile = {
  module: 'vppstate_test',
  types: [],
  messages: [
    req('show_version', '0x51077d14'),
    rep(
      'show_version_reply',
      '0xc919bde1',
      ['string', 'program', 32],
      ['string', 'version', 32],
      ['string', 'build_date', 32],
      ['string', 'build_directory', 256],
    ),
    req('test_call', '0x0badc0de', ['u32', 'value'], ['string', 'tag', 32]),
    rep('test_call_reply', '0x1badc0de', ['u32', 'value'], ['string', 'tag', 32]),
    req('test_dump', '0x2badc0de', ['u32', 'count']),
    [
      'test_details',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['u32', 'seq'],
      ['string', 'name', 32],
      { crc: '0x3badc0de' },
    ],
    req('test_get', '0x4badc0de', ['u32', 'cursor'], ['u32', 'count'], ['u32', 'page']),
    rep('test_get_reply', '0x5badc0de', ['u32', 'cursor']),
    ['test_get_details', ['u16', '_vl_msg_id'], ['u32', 'context'], ['u32', 'seq'], { crc: '0x6badc0de' }],
    req('test_get_v2', '0x7badc0de', ['u32', 'cursor']),
    rep('test_get_v2_reply', '0x8badc0de', ['u32', 'cursor']),
    req('want_test_events', '0x9badc0de', ['bool', 'enable_disable'], ['u32', 'pid']),
    rep('want_test_events_reply', '0xabadc0de'),
    [
      'test_event',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'pid'],
      ['u32', 'seq'],
      { crc: '0xbbadc0de' },
    ],
    req('test_blob', '0xcbadc0de', ['u32', 'len'], ['u8', 'data', 0, 'len']),
    rep('test_blob_reply', '0xdbadc0de', ['u32', 'len']),
  ],
  unions: [],
  enums: [],
  enumflags: [],
  aliases: {},
  services: {
    show_version: { reply: 'show_version_reply' },
    test_call: { reply: 'test_call_reply' },
    test_dump: { reply: 'test_details', stream: true },
    test_get: { reply: 'test_get_reply', stream: true, stream_msg: 'test_get_details' },
    test_get_v2: { reply: 'test_get_v2_reply', stream: true, stream_msg: 'test_get_details' },
    want_test_events: { reply: 'want_test_events_reply', events: ['test_event'] },
    test_blob: { reply: 'test_blob_reply' },
  },
};

/** memclnt (as bundled) + the test module: what the test server serves. */
export function testDefinitions(file: ApiJsonFile = TEST_MODULE): ApiDefinitions {
  return bundledDefinitions().merge(
    ApiDefinitions.fromFiles([{ file: 'vppstate_test.api.json', json: file }]),
  );
}

/** Cursor service: `page` details per round, -165 until done, then retval 0 with cursor 6 (as VPP's mss_clamp_get). */
function* range(from: number, to: number): Generator<SimOutMessage> {
  for (let i = from; i < to; i++) yield { name: 'test_get_details', fields: { seq: i } };
}

export const TEST_HANDLERS: Record<string, SimHandler> = {
  test_call: ({ msg }) => {
    const tag = String(msg.tag);
    const m = /^retval:(-?\d+)$/.exec(tag);
    return { reply: { fields: { retval: m ? Number(m[1]) : 0, value: msg.value, tag } } };
  },
  test_dump: ({ msg }) => ({
    details: (function* () {
      for (let i = 0; i < Number(msg.count); i++)
        yield { name: 'test_details', fields: { seq: i, name: `item${i}` } };
    })(),
  }),
  test_get: ({ msg }) => {
    const cursor = Number(msg.cursor);
    const count = Number(msg.count);
    const page = Number(msg.page) || 7;
    const end = Math.min(count, cursor + page);
    const more = end < count;
    // count 1000 + n: fail with -2 (cursor ~0) once the cursor reaches n, as lcp_itf_pair_get_v2 can.
    if (count > 1000 && cursor >= count - 1000)
      return { reply: { fields: { retval: -2, cursor: 0xffffffff } } };
    return {
      details: range(cursor, end),
      reply: { fields: { retval: more ? -165 : 0, cursor: more ? end : 6 } },
    };
  },
  test_get_v2: () => ({ reply: { name: 'test_get_reply', fields: { retval: 0, cursor: 0 } } }),
  want_test_events: ({ msg, client }) => {
    for (let i = 1; i <= 3; i++) client.sendEvent('test_event', { pid: msg.pid, seq: i });
    return { reply: { fields: { retval: 0 } } };
  },
  test_blob: ({ msg }) => ({ reply: { fields: { retval: 0, len: msg.len } } }),
};

export interface TempSocket {
  path: string;
  cleanup(): void;
}

export function tempSocket(): TempSocket {
  const dir = mkdtempSync(join(tmpdir(), 'vppstate-api-'));
  return { path: join(dir, 'api.sock'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function until(cond: () => boolean, what = 'condition', ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export function settle<T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

export type { ApiMessage, SimServer };
