/**
 * The notation the simulator's definitions are written in (src/sim/definitions/notation.ts):
 * what it builds, and that bad notation is refused with an error naming module, item and field.
 */
import { describe, expect, it } from 'vitest';
import { ApiDefinitions, BUNDLED_MEMCLNT } from '../../src/api/definitions/index.js';
import { type ModuleSpec, SimDefinitionError, apiModule } from '../../src/sim/definitions/notation.js';
import { SIM_API_FILES } from '../../src/sim/definitions/vpp.js';

describe('apiModule', () => {
  const demo = apiModule('demo', {
    enums: { colour: 'u8: RED, GREEN=4, BLUE', size: 'u32: S=1, M, L' },
    enumflags: { dir: 'u8: NONE=0, IN=1, OUT=2' },
    aliases: { handle: 'u32', mac: 'u8[6]', wide_handle: 'handle' },
    types: { pair: 'handle a; u16 b[2]' },
    unions: { either: 'u32 n [case=ONE]; mac m [case=TWO]' },
    messages: {
      thing_add: {
        request: 0x12ab,
        fields: `
          colour c = 4; bool on = "true"; bool off = false
          u8 n; pair items[n]; string name[]; string tag[64]
        `,
        options: { vat_help: '<name>' },
      },
      thing_add_reply: { reply: 0xe8d4e804, fields: 'handle h' },
      thing_dump: { request: 0xffffffff },
      thing_details: { details: 1, fields: 'handle h' },
      thing_event: { event: 2, fields: 'u16 _vl_msg_id; u32 client_index; u32 pid' },
      thing_get: { request: 3, fields: 'u32 cursor' },
      thing_get_reply: { reply: 4, fields: 'u32 cursor' },
      want_things: { request: 5 },
      want_things_reply: { reply: 6 },
    },
    services: {
      thing_add: 'thing_add_reply',
      thing_dump: 'thing_details stream',
      thing_get: 'thing_get_reply stream thing_details',
      want_things: 'want_things_reply events thing_event',
    },
  });

  it('adds the header of each message kind and writes the crc as 8 hex digits', () => {
    const [add, reply, dump, details, event] = demo.messages as unknown[][];
    expect(add).toEqual([
      'thing_add',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_colour_t', 'c', { default: 4 }],
      ['bool', 'on', { default: 'true' }],
      ['bool', 'off', { default: false }],
      ['u8', 'n'],
      ['vl_api_pair_t', 'items', 0, 'n'],
      ['string', 'name', 0],
      ['string', 'tag', 64],
      { crc: '0x000012ab', options: { vat_help: '<name>' } },
    ]);
    expect(reply).toEqual([
      'thing_add_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      ['vl_api_handle_t', 'h'],
      { crc: '0xe8d4e804', options: {} },
    ]);
    expect(dump?.at(-1)).toEqual({ crc: '0xffffffff', options: {} });
    expect(details?.slice(1, 3)).toEqual([
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
    ]);
    expect(event).toEqual([
      'thing_event',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'pid'],
      { crc: '0x00000002', options: {} },
    ]);
  });

  it('numbers enum members on from the previous value and keeps the enum type', () => {
    expect(demo.enums).toEqual([
      ['colour', ['RED', 0], ['GREEN', 4], ['BLUE', 5], { enumtype: 'u8' }],
      ['size', ['S', 1], ['M', 2], ['L', 3], { enumtype: 'u32' }],
    ]);
    expect(demo.enumflags).toEqual([['dir', ['NONE', 0], ['IN', 1], ['OUT', 2], { enumtype: 'u8' }]]);
  });

  it('builds types, unions, aliases and services in the .api.json shape', () => {
    expect(demo.types).toEqual([['pair', ['vl_api_handle_t', 'a'], ['u16', 'b', 2]]]);
    expect(demo.unions).toEqual([
      ['either', ['u32', 'n', { case: 'ONE' }], ['vl_api_mac_t', 'm', { case: 'TWO' }]],
    ]);
    expect(demo.aliases).toEqual({
      handle: { type: 'u32' },
      mac: { type: 'u8', length: 6 },
      wide_handle: { type: 'vl_api_handle_t' },
    });
    expect(demo.services).toEqual({
      thing_add: { reply: 'thing_add_reply' },
      thing_dump: { reply: 'thing_details', stream: true },
      thing_get: { reply: 'thing_get_reply', stream: true, stream_msg: 'thing_details' },
      want_things: { reply: 'want_things_reply', events: ['thing_event'] },
    });
    expect(Object.keys(demo)).toEqual([
      'module',
      'enums',
      'enumflags',
      'aliases',
      'types',
      'unions',
      'messages',
      'services',
    ]);
  });

  it('builds definitions the codec accepts', () => {
    const defs = ApiDefinitions.fromFiles([{ file: 'demo.api.json', json: demo }]);
    expect(defs.message('thing_add').nameCrc).toBe('thing_add_000012ab');
    expect(defs.services.get('thing_get')?.streamMsg).toBe('thing_details');
  });
});

describe('bad notation', () => {
  const cases: Array<[string, ModuleSpec, RegExp]> = [
    [
      'field without a name',
      { messages: { m: { request: 1, fields: 'u32' } } },
      /^bad\/m: cannot read field "u32"/,
    ],
    ['bad field name', { messages: { m: { request: 1, fields: 'u32 9x' } } }, /^bad\/m: bad field name "9x"/],
    ['bad type', { types: { t: 'u-32 a' } }, /^bad\/t\.a: bad type "u-32"/],
    [
      'count field that is not an earlier field',
      { messages: { m: { request: 1, fields: 'u32 a[n]; u8 n' } } },
      /^bad\/m\.a: length "n" is neither a number nor an earlier field/,
    ],
    ['duplicate field', { types: { t: 'u8 a; u16 a' } }, /^bad\/t\.a: duplicate field/],
    [
      'unreadable default',
      { messages: { m: { reply: 1, fields: 'u32 a = 1 2' } } },
      /^bad\/m\.a default: cannot read value "1 2"/,
    ],
    [
      'option without a value',
      { unions: { u: 'u32 a [case]' } },
      /^bad\/u\.a: cannot read option "case" \(expected key=value\)/,
    ],
    ['no kind', { messages: { m: { fields: 'u32 a' } } }, /^bad\/m: give exactly one of request, reply/],
    ['two kinds', { messages: { m: { request: 1, reply: 2 } } }, /^bad\/m: give exactly one of/],
    [
      'unknown message key',
      { messages: { m: { request: 1, feilds: 'u32 a' } as never } },
      /^bad\/m: unknown key "feilds"/,
    ],
    [
      'crc too large',
      { messages: { m: { details: 0x1ffffffff } } },
      /^bad\/m: crc 8589934591 is not a 32-bit/,
    ],
    ['enum without type', { enums: { e: 'A, B' } }, /^bad\/e: expected "<u8\|u16\|u32/],
    ['bad enum member', { enums: { e: 'u8: A, B C' } }, /^bad\/e: cannot read enum member "B C"/],
    ['duplicate enum member', { enums: { e: 'u8: A, A' } }, /^bad\/e\.A: duplicate enum member/],
    [
      'enumflags member without value',
      { enumflags: { f: 'u8: A=1, B' } },
      /^bad\/f\.B: enumflags members need/,
    ],
    ['bad alias', { aliases: { a: 'u8[x]' } }, /^bad\/alias a: expected "type" or "type\[length\]"/],
    [
      'service naming an unknown reply',
      { messages: { m: { request: 1 } }, services: { m: 'm_reply' } },
      /^bad\/service m: "m_reply" is not a message of this module/,
    ],
    [
      'service with a bad keyword',
      { messages: { m: { request: 1 }, m_reply: { reply: 2 } }, services: { m: 'm_reply streams' } },
      /^bad\/service m: expected "reply", "reply stream \[msg\]"/,
    ],
    ['unknown section', { message: {} } as never, /^bad: unknown section "message"/],
  ];

  it.each(cases)('%s', (_what, spec, error) => {
    let thrown: unknown;
    try {
      apiModule('bad', spec);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(SimDefinitionError);
    expect((thrown as SimDefinitionError).code).toBe('SIM_DEFINITION');
    expect((thrown as Error).message).toMatch(error);
  });
});

describe("the simulator's definitions", () => {
  it('carry no VPP doc comments', () => {
    expect(JSON.stringify(SIM_API_FILES)).not.toContain('"comment"');
  });

  it('load together with memclnt', () => {
    const defs = ApiDefinitions.fromFiles([
      { file: 'memclnt.api.json', json: BUNDLED_MEMCLNT },
      ...SIM_API_FILES,
    ]);
    expect(defs.message('bond_create2').fields.at(-1)).toMatchObject({
      name: 'id',
      options: { default: 0xffffffff },
    });
  });
});
