import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiJsonFile } from '../../src/api/definitions/index.js';
import { ApiDefinitions, BUNDLED_MEMCLNT, findApiFiles } from '../../src/api/definitions/index.js';
import { ApiDefinitionError } from '../../src/api/errors.js';
import { VPP_API_DIR, describeWithVppApi } from '../helpers/shared.js';

function loadError(files: Array<{ file: string; json: ApiJsonFile }>): ApiDefinitionError {
  try {
    ApiDefinitions.fromFiles(files);
  } catch (e) {
    expect(e).toBeInstanceOf(ApiDefinitionError);
    return e as ApiDefinitionError;
  }
  throw new Error('expected an ApiDefinitionError');
}

describe('definitions: resolution', () => {
  it('resolves types, unions, enums and aliases defined later or in another file', () => {
    const a: ApiJsonFile = {
      messages: [
        [
          'ping_thing',
          ['u16', '_vl_msg_id'],
          ['u32', 'context'],
          ['vl_api_thing_t', 'thing'],
          { crc: '0xAABBCCDD' },
        ],
      ],
    };
    const b: ApiJsonFile = {
      types: [['thing', ['vl_api_idx_t', 'idx'], ['vl_api_kind_t', 'kind'], ['vl_api_either_t', 'e']]],
      unions: [['either', ['u8', 'a'], ['vl_api_idx_t', 'b']]],
      enums: [['kind', ['K_A', 0], { enumtype: 'u8' }]],
      aliases: { idx: { type: 'vl_api_idx2_t' }, idx2: { type: 'u32' } },
    };
    const defs = ApiDefinitions.fromFiles([
      { file: 'a.api.json', json: a },
      { file: 'b.api.json', json: b },
    ]);
    const m = defs.message('ping_thing');
    expect(m.crc).toBe('0xaabbccdd');
    expect(m.nameCrc).toBe('ping_thing_aabbccdd');
    expect(m.file).toBe('a.api.json');
    expect(defs.type('vl_api_either_t')).toMatchObject({ kind: 'union', file: 'b.api.json' });
    expect(defs.type('idx')).toMatchObject({ kind: 'alias', type: 'vl_api_idx2_t' });
  });

  it('names every unresolvable type with the file and message that needs it', () => {
    const e = loadError([
      {
        file: 'x.api.json',
        json: {
          types: [['outer', ['vl_api_missing_inner_t', 'inner']]],
          messages: [
            ['m_one', ['u16', '_vl_msg_id'], ['vl_api_nowhere_t', 'f'], { crc: '0x00000001' }],
            ['m_two', ['u16', '_vl_msg_id'], ['vl_api_outer_t', 'o'], { crc: '0x00000002' }],
          ],
        },
      },
    ]);
    expect(e.message).toContain('2 unresolved type reference(s)');
    expect(e.message).toContain('x.api.json: message m_one field f: unknown type vl_api_nowhere_t');
    expect(e.message).toMatch(
      /x\.api\.json: message m_two field o \(type outer in x\.api\.json\) field inner: unknown type vl_api_missing_inner_t/,
    );
  });

  it('rejects a count field that is not an earlier field, and a message without crc', () => {
    expect(
      loadError([
        {
          file: 'c.api.json',
          json: {
            messages: [
              ['m', ['u16', '_vl_msg_id'], ['u8', 'xs', 0, 'n'], ['u8', 'n'], { crc: '0x00000001' }],
            ],
          },
        },
      ]).message,
    ).toContain('c.api.json: message m field xs: count field n is not an earlier field');
    expect(
      loadError([{ file: 'd.api.json', json: { messages: [['m', ['u16', '_vl_msg_id'], {}]] } }]).message,
    ).toBe('d.api.json: message m has no valid crc');
  });

  it('names the file of a malformed definition', () => {
    const bad = (json: unknown): string =>
      loadError([{ file: 'bad.api.json', json: json as ApiJsonFile }]).message;
    expect(bad({ messages: {} })).toBe('bad.api.json: "messages" is not a list');
    expect(bad({ services: [] })).toBe('bad.api.json: "services" is not an object');
    expect(bad({ messages: [['m', ['u8'], { crc: '0x00000001' }]] })).toMatch(
      /^bad\.api\.json: message m: malformed field/,
    );
    expect(bad({ enums: [['e', ['A', 'one']]] })).toMatch(/^bad\.api\.json: enum e: malformed member/);
    expect(bad([])).toBe('bad.api.json: not an .api.json object');
  });

  it('keeps field options, deprecated / in_progress status and services', () => {
    const defs = ApiDefinitions.fromFiles([
      {
        file: 's.api.json',
        json: {
          messages: [
            [
              'old_req',
              ['u16', '_vl_msg_id'],
              ['bool', 'on', { default: 'true' }],
              { crc: '0x00000001', options: { deprecated: null } },
            ],
            [
              'new_req',
              ['u16', '_vl_msg_id'],
              ['u32', 'cursor'],
              { crc: '0x00000002', options: { status: 'in_progress' } },
            ],
          ],
          services: {
            old_req: { reply: 'old_reply', stream: true },
            new_req: { reply: 'new_reply', stream: true, stream_msg: 'new_details' },
            want_it: { reply: 'want_it_reply', events: ['it_event'] },
          },
        },
      },
    ]);
    const old = defs.message('old_req');
    expect(old.fields[1]).toEqual({ type: 'bool', name: 'on', options: { default: 'true' } });
    expect(old.deprecated).toBe(true);
    expect(old.inProgress).toBe(false);
    expect(defs.message('new_req').inProgress).toBe(true);
    expect(defs.services.get('old_req')).toEqual({ request: 'old_req', reply: 'old_reply', stream: true });
    expect(defs.services.get('new_req')).toMatchObject({ stream: true, streamMsg: 'new_details' });
    expect(defs.services.get('want_it')).toMatchObject({ stream: false, events: ['it_event'] });
  });

  it('throws ApiDefinitionError for an unknown message or type', () => {
    const defs = ApiDefinitions.fromFiles([{ file: 'memclnt.api.json', json: BUNDLED_MEMCLNT }]);
    expect(() => defs.message('sw_interface_dump')).toThrow(/unknown message sw_interface_dump/);
    expect(() => defs.type('vl_api_nope_t')).toThrow(ApiDefinitionError);
  });

  it('round-trips through the get_api_json form and merges with the other set winning', () => {
    const memclnt = ApiDefinitions.fromFiles([{ file: 'memclnt.api.json', json: BUNDLED_MEMCLNT }]);
    const again = ApiDefinitions.fromApiJson(memclnt.toApiJson());
    expect([...again.messages.keys()]).toEqual([...memclnt.messages.keys()]);
    expect(again.message('control_ping').file).toBe('memclnt.api.json');
    const patch = ApiDefinitions.fromFiles([
      {
        file: 'patch.api.json',
        json: {
          messages: [['control_ping', ['u16', '_vl_msg_id'], ['u32', 'context'], { crc: '0x12345678' }]],
        },
      },
    ]);
    const merged = memclnt.merge(patch);
    expect(merged.message('control_ping').crc).toBe('0x12345678');
    expect(merged.message('control_ping_reply').crc).toBe('0xf6b0b8ca');
    expect(() => ApiDefinitions.fromApiJson('{"not":"an array"}')).toThrow(ApiDefinitionError);
    expect(() => ApiDefinitions.fromApiJson('[')).toThrow(ApiDefinitionError);
  });
});

describe('definitions: checked when used', () => {
  const files: ApiJsonFile[] = [
    BUNDLED_MEMCLNT,
    {
      module: 'odd_plugin',
      messages: [
        ['odd_set', ['u16', '_vl_msg_id'], ['vl_api_nowhere_t', 'x'], { crc: '0x00000001' }],
        ['odd_nocrc', ['u16', '_vl_msg_id'], {}],
      ],
    },
  ];

  it('a message VPP serves with a broken definition fails only when used, naming the problem', () => {
    const defs = ApiDefinitions.fromApiJson(JSON.stringify(files));
    expect(defs.messages.size).toBe(BUNDLED_MEMCLNT.messages!.length + 2);
    expect(defs.message('control_ping').crc).toBe('0x51077d14');
    expect(defs.nameCrcOf('control_ping')).toBe('control_ping_51077d14');
    expect(() => defs.message('odd_set')).toThrow(
      'odd_plugin.api.json: message odd_set field x: unknown type vl_api_nowhere_t',
    );
    expect(() => defs.message('odd_nocrc')).toThrow(
      'odd_plugin.api.json: message odd_nocrc has no valid crc',
    );
    expect(() => defs.checkAll()).toThrow(ApiDefinitionError);
  });

  it("with check 'all', loading fails as fromFiles does", () => {
    expect(() => ApiDefinitions.fromApiJson(JSON.stringify(files), { check: 'all' })).toThrow(
      /unknown type vl_api_nowhere_t|no valid crc/,
    );
  });
});

describeWithVppApi('definitions: the VPP API corpus', () => {
  const defs = ApiDefinitions.fromDirectory(VPP_API_DIR);

  afterEach(() => {
    delete process.env.VPP_API_DIR;
  });

  it('loads all 151 files and 2,113 messages with every type resolved', () => {
    expect(defs.files.length).toBe(151);
    expect(defs.messages.size).toBe(2113);
    expect(() => defs.checkAll()).not.toThrow();
    expect(defs.files.map((f) => f.file)).toContain('core/interface.api.json');
  });

  it('keeps crcs, defaults, status and services as the files give them', () => {
    const flags = defs.message('sw_interface_set_flags');
    expect(flags.crc).toBe('0xf5aec1b8');
    expect(flags.nameCrc).toBe('sw_interface_set_flags_f5aec1b8');
    expect(flags.file).toBe('core/interface.api.json');
    expect(defs.message('ip_route_add_del').fields.find((f) => f.name === 'is_add')?.options).toEqual({
      default: 'true',
    });
    expect(defs.message('memclnt_create').deprecated).toBe(true);
    // 96 say `in_progress`, 96 others `status: "in_progress"`.
    expect([...defs.messages.values()].filter((m) => m.inProgress).length).toBe(192);
    expect(defs.services.get('sw_interface_dump')).toEqual({
      request: 'sw_interface_dump',
      reply: 'sw_interface_details',
      stream: true,
    });
    expect(defs.services.get('mss_clamp_get')).toMatchObject({
      reply: 'mss_clamp_get_reply',
      streamMsg: 'mss_clamp_details',
    });
    expect(defs.services.get('want_interface_events')?.events).toEqual(['sw_interface_event']);
  });

  it('finds files by vpp_papi-style patterns, recursively', () => {
    expect(findApiFiles(VPP_API_DIR, ['interface', 'ip'])).toEqual([
      'core/interface.api.json',
      'core/ip.api.json',
    ]);
    expect(findApiFiles(VPP_API_DIR, 'acl, memclnt')).toEqual([
      'core/memclnt.api.json',
      'plugins/acl.api.json',
    ]);
    expect(findApiFiles(VPP_API_DIR, ['ip[46]*'])).toEqual(['core/ip6_dad.api.json', 'core/ip6_nd.api.json']);
    const some = ApiDefinitions.fromDirectory(VPP_API_DIR, {
      patterns: ['ip_types', 'interface_types', 'interface'],
    });
    expect(some.files.length).toBe(3);
    expect(some.messages.has('sw_interface_dump')).toBe(true);
    expect(() => ApiDefinitions.fromDirectory(VPP_API_DIR, { patterns: ['nothing-like-this'] })).toThrow(
      ApiDefinitionError,
    );
  });

  it('loads several directories together', () => {
    const both = ApiDefinitions.fromDirectory([join(VPP_API_DIR, 'core'), join(VPP_API_DIR, 'plugins')]);
    expect(both.files.length).toBe(151);
    expect(both.message('acl_add_replace').file).toBe('acl.api.json');
    expect(() => ApiDefinitions.fromDirectory(join(VPP_API_DIR, 'nope'))).toThrow(/does not exist/);
  });

  it('defaults to $VPP_API_DIR', () => {
    process.env.VPP_API_DIR = join(VPP_API_DIR, 'core');
    const core = ApiDefinitions.fromDirectory();
    expect(core.files.length).toBe(53);
  });

  it('serves the corpus as get_api_json and reads it back', () => {
    const again = ApiDefinitions.fromApiJson(defs.toApiJson());
    expect(again.messages.size).toBe(2113);
    expect(again.message('acl_add_replace').crc).toBe(defs.message('acl_add_replace').crc);
  });
});

describeWithVppApi('definitions: BUNDLED_MEMCLNT matches VPP memclnt.api.json', () => {
  const real = JSON.parse(readFileSync(join(VPP_API_DIR, 'core/memclnt.api.json'), 'utf8')) as ApiJsonFile;
  const realDefs = ApiDefinitions.fromFiles([{ file: 'memclnt.api.json', json: real }]);
  const bundled = ApiDefinitions.fromFiles([{ file: 'memclnt.api.json', json: BUNDLED_MEMCLNT }]);
  const names = [
    'sockclnt_create',
    'sockclnt_create_reply',
    'sockclnt_delete',
    'sockclnt_delete_reply',
    'control_ping',
    'control_ping_reply',
    'get_api_json',
    'get_api_json_reply',
    'memclnt_keepalive',
    'memclnt_keepalive_reply',
  ];

  it('bundles exactly the bootstrap messages', () => {
    expect([...bundled.messages.keys()].sort()).toEqual([...names].sort());
  });

  it.each(names)('%s: same fields and crc', (name) => {
    const b = bundled.message(name);
    const r = realDefs.message(name);
    expect(b.crc).toBe(r.crc);
    expect(b.fields).toEqual(r.fields);
  });

  it('has the same types, services and version', () => {
    for (const t of bundled.types.values()) expect(t).toEqual(realDefs.type(t.name));
    for (const [req, s] of bundled.services) expect(s).toEqual(realDefs.services.get(req));
    expect(BUNDLED_MEMCLNT.vl_api_version).toBe(real.vl_api_version);
  });
});
