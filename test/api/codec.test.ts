import { describe, expect, it } from 'vitest';
import { ApiCodec } from '../../src/api/codec/index.js';
import type { ApiJsonFile } from '../../src/api/definitions/index.js';
import { ApiDefinitions, BUNDLED_MEMCLNT } from '../../src/api/definitions/index.js';
import { ApiDecodeError, ApiDefinitionError, ApiEncodeError } from '../../src/api/errors.js';
import type { ApiMessage } from '../../src/api/types.js';

/** A small API written for these tests: every construct, no dependency on ../shared. */
const TEST_API: ApiJsonFile = {
  module: 'codec_test',
  enums: [
    ['color', ['RED', 0], ['GREEN', 1], ['BLUE', 2], { enumtype: 'u8' }],
    ['address_family', ['ADDRESS_IP4', 0], ['ADDRESS_IP6', 1], { enumtype: 'u8' }],
    // Declared as an enum, used as flags (like if_status_flags): no member 0.
    ['status', ['ST_UP', 1], ['ST_LINK', 2], ['ST_BOTH_NAMED', 3], ['ST_BIG', 16], { enumtype: 'u32' }],
  ],
  enumflags: [['opts', ['OPT_NONE', 0], ['OPT_A', 1], ['OPT_B', 2], ['OPT_C', 4], { enumtype: 'u16' }]],
  aliases: {
    ip4_address: { type: 'u8', length: 4 },
    ip6_address: { type: 'u8', length: 16 },
    mac_address: { type: 'u8', length: 6 },
    interface_index: { type: 'u32' },
    address_with_prefix: { type: 'vl_api_prefix_t' },
  },
  unions: [
    [
      'address_union',
      ['vl_api_ip4_address_t', 'ip4', { case: 'ADDRESS_IP4' }],
      ['vl_api_ip6_address_t', 'ip6', { case: 'ADDRESS_IP6' }],
    ],
    ['num_union', ['u8', 'small'], ['u32', 'big']],
  ],
  types: [
    // Defined before the types it uses: resolution is lazy.
    ['prefix', ['vl_api_address_t', 'address'], ['u8', 'len']],
    ['address', ['vl_api_address_family_t', 'af'], ['vl_api_address_union_t', 'un', { discriminator: 'af' }]],
    ['ip4_prefix', ['vl_api_ip4_address_t', 'address'], ['u8', 'len']],
    ['ip6_prefix', ['vl_api_ip6_address_t', 'address'], ['u8', 'len']],
    ['point', ['i16', 'x'], ['i16', 'y']],
    // Same layout as address, but not one of the friendly names: the generic union path.
    ['tagged', ['vl_api_address_family_t', 'af'], ['vl_api_address_union_t', 'un', { discriminator: 'af' }]],
    ['entry', ['u16', 'id'], ['string', 'label', 8]],
    ['bag', ['u8', 'n'], ['u16', 'items', 0, 'n']],
  ],
  messages: [
    [
      'everything',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['u8', 'a_u8'],
      ['i8', 'a_i8'],
      ['u16', 'a_u16'],
      ['i16', 'a_i16'],
      ['u32', 'a_u32'],
      ['i32', 'a_i32'],
      ['u64', 'a_u64'],
      ['i64', 'a_i64'],
      ['f64', 'a_f64'],
      ['bool', 'a_bool'],
      ['vl_api_color_t', 'color'],
      ['vl_api_status_t', 'status'],
      ['vl_api_opts_t', 'opts'],
      ['vl_api_color_t', 'palette', 3],
      ['string', 'name', 8],
      ['u8', 'raw', 4],
      ['vl_api_ip4_address_t', 'ip4'],
      ['vl_api_ip6_address_t', 'ip6'],
      ['vl_api_mac_address_t', 'mac'],
      ['vl_api_address_t', 'addr'],
      ['vl_api_prefix_t', 'pfx'],
      ['vl_api_address_with_prefix_t', 'awp'],
      ['vl_api_ip4_prefix_t', 'pfx4'],
      ['vl_api_ip6_prefix_t', 'pfx6'],
      ['vl_api_address_union_t', 'au'],
      ['vl_api_num_union_t', 'nu'],
      ['vl_api_point_t', 'pts', 2],
      ['u32', 'n_entries'],
      ['vl_api_entry_t', 'entries', 0, 'n_entries'],
      ['u8', 'n_bytes'],
      ['u8', 'blob', 0, 'n_bytes'],
      ['string', 'text', 0],
      ['vl_api_tagged_t', 'tagged'],
      { crc: '0x11111111', options: {} },
    ],
    [
      'with_defaults',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['bool', 'enable', { default: 'true' }],
      ['u16', 'mtu', { default: 1500 }],
      ['vl_api_interface_index_t', 'sw_if_index', { default: 4294967295 }],
      ['u64', 'big', { default: 8000 }],
      ['f64', 'ratio', { default: 1.0 }],
      ['bool', 'off', { default: false }],
      { crc: '0x22222222', options: {} },
    ],
    [
      'nested_vla',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['u8', 'n'],
      ['vl_api_bag_t', 'bags', 0, 'n'],
      ['u8', 'tail'],
      { crc: '0x33333333', options: {} },
    ],
    [
      'an_event',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'pid'],
      { crc: '0x44444444', options: {} },
    ],
    // Legacy arrays without a count field take the rest of the message.
    ['legacy_rest', ['u16', '_vl_msg_id'], ['u8', 'k'], ['u16', 'xs', 0], { crc: '0x55555555', options: {} }],
    ['legacy_bytes', ['u16', '_vl_msg_id'], ['u8', 'data', 0], { crc: '0x66666666', options: {} }],
  ],
  services: { everything: { reply: 'everything' } },
};

const defs = ApiDefinitions.fromFiles([{ file: 'codec_test.api.json', json: TEST_API }]);
const codec = new ApiCodec(defs);
const everything = codec.message('everything');

function roundTrip(name: string, msg: ApiMessage): ApiMessage {
  const c = codec.message(name);
  return c.decode(c.encode(msg, 7));
}

function encodeError(name: string, msg: ApiMessage): ApiEncodeError {
  try {
    codec.message(name).encode(msg, 7);
  } catch (e) {
    expect(e).toBeInstanceOf(ApiEncodeError);
    return e as ApiEncodeError;
  }
  throw new Error('expected an ApiEncodeError');
}

function decodeError(name: string, buf: Uint8Array): ApiDecodeError {
  try {
    codec.message(name).decode(buf);
  } catch (e) {
    expect(e).toBeInstanceOf(ApiDecodeError);
    return e as ApiDecodeError;
  }
  throw new Error('expected an ApiDecodeError');
}

describe('codec: values', () => {
  it('decodes every field in definition order, header included, missing fields as zero', () => {
    const d = roundTrip('everything', { context: 9 });
    expect(Object.keys(d).slice(0, 6)).toEqual([
      '_vl_msg_id',
      'client_index',
      'context',
      'a_u8',
      'a_i8',
      'a_u16',
    ]);
    expect(d._vl_msg_id).toBe(7);
    expect(d.client_index).toBe(0);
    expect(d.context).toBe(9);
    expect(d.a_u64).toBe(0n);
    expect(d.a_bool).toBe(false);
    expect(d.name).toBe('');
    expect(d.raw).toEqual(Buffer.alloc(4));
    expect(d.ip6).toBe('::');
    expect(d.entries).toEqual([]);
    expect(d.text).toBe('');
  });

  it('round-trips integers at the edges of their wire types', () => {
    const msg = {
      a_u8: 255,
      a_i8: -128,
      a_u16: 65535,
      a_i16: -32768,
      a_u32: 4294967295,
      a_i32: -2147483648,
      a_u64: 18446744073709551615n,
      a_i64: -9223372036854775808n,
      a_f64: -1.5e300,
    };
    expect(roundTrip('everything', msg)).toMatchObject(msg);
  });

  it('takes u64/i64 as bigint or safe-integer number and decodes them as bigint', () => {
    const d = roundTrip('everything', { a_u64: 2 ** 53 - 1, a_i64: -5 });
    expect(d.a_u64).toBe(9007199254740991n);
    expect(d.a_i64).toBe(-5n);
  });

  it('packs f64 in little-endian host order, as VPP does', () => {
    const buf = codec.message('with_defaults').encode({ ratio: 1.0 }, 1);
    // u16 id, u32 client_index, u32 context, bool, u16, u32, u64, then f64
    expect(buf.subarray(25, 33).toString('hex')).toBe('000000000000f03f');
  });

  it('names enums and flags as the reference transcripts do', () => {
    const d = roundTrip('everything', { color: 2, status: 3, opts: 0, palette: [0, 1, 9] });
    expect(d.color__name).toBe('BLUE');
    expect(d.status__name).toBe('ST_BOTH_NAMED'); // exact member wins
    expect(d.opts__name).toBe('OPT_NONE');
    expect(d.palette).toEqual([0, 1, 9]);
    expect(d.palette__name).toEqual(['RED', 'GREEN', 'GREEN|0x8']);
    expect(roundTrip('everything', { status: 0 }).status__name).toBe(''); // 0 without a member
    expect(roundTrip('everything', { status: 17 }).status__name).toBe('ST_UP|ST_BIG');
    expect(roundTrip('everything', { status: 0x41 }).status__name).toBe('ST_UP|0x40');
    expect(roundTrip('everything', { opts: 6 }).opts__name).toBe('OPT_B|OPT_C');
  });

  it('encodes enums from a number, a name, "A|B" or a list of names, ignoring __name siblings', () => {
    expect(roundTrip('everything', { color: 'GREEN' }).color).toBe(1);
    expect(roundTrip('everything', { status: 'ST_UP|ST_BIG' }).status).toBe(17);
    expect(roundTrip('everything', { opts: ['OPT_A', 'OPT_C'] }).opts).toBe(5);
    expect(roundTrip('everything', { color: 1, color__name: 'ignored' }).color).toBe(1);
  });

  it('uses the friendly address, prefix and MAC forms', () => {
    const msg = {
      ip4: '192.0.2.1',
      ip6: '2001:db8::1',
      mac: '02:fe:00:00:00:01',
      addr: '2001:0DB8:0:0:1:0:0:0',
      pfx: '192.0.2.7/24',
      awp: '2001:db8::1/64',
      pfx4: '10.0.0.0/8',
      pfx6: 'fe80::/10',
    };
    const d = roundTrip('everything', msg);
    // Canonical text on decode: lowercase, no leading zeros, the longest zero run as `::`.
    expect(d).toMatchObject({ ...msg, addr: '2001:db8:0:0:1::' });
    // Host bits are kept as sent; a missing length is a host prefix.
    expect(roundTrip('everything', { pfx: '10.1.2.3' }).pfx).toBe('10.1.2.3/32');
    expect(roundTrip('everything', { ip6: '::ffff:192.0.2.1' }).ip6).toBe('::ffff:c000:201');
    expect(roundTrip('everything', { ip6: '1:0:0:2:0:0:0:3' }).ip6).toBe('1:0:0:2::3');
    expect(roundTrip('everything', { ip6: '1:0:2:3:4:5:6:7' }).ip6).toBe('1:0:2:3:4:5:6:7');
  });

  it('accepts the structured forms of address and prefix too', () => {
    const d = roundTrip('everything', {
      addr: { af: 'ADDRESS_IP6', un: { ip6: '2001:db8::2' } },
      pfx: { address: '10.0.0.0', len: 8 },
    });
    expect(d.addr).toBe('2001:db8::2');
    expect(d.pfx).toBe('10.0.0.0/8');
  });

  it('decodes every union member from the same bytes and encodes the one given', () => {
    const d = roundTrip('everything', { au: { ip4: '10.3.0.2' }, nu: { big: 0x01020304 } });
    expect(d.au).toEqual({ ip4: '10.3.0.2', ip6: 'a03:2::' });
    expect(d.nu).toEqual({ small: 1, big: 0x01020304 });
    // A decoded union (every member) encodes back to the same bytes.
    const again = roundTrip('everything', { au: d.au, nu: d.nu });
    expect(again.au).toEqual(d.au);
    expect(again.nu).toEqual(d.nu);
    // address_union also takes a plain address string.
    expect(roundTrip('everything', { au: '2001:db8::9' }).au).toMatchObject({ ip6: '2001:db8::9' });
  });

  it('lets a discriminator field choose among several union members given', () => {
    const both = { ip4: '10.3.0.2', ip6: 'a03:2::1' };
    expect(roundTrip('everything', { tagged: { af: 'ADDRESS_IP4', un: both } }).tagged).toEqual({
      af: 0,
      af__name: 'ADDRESS_IP4',
      un: { ip4: '10.3.0.2', ip6: 'a03:2::' },
    });
    expect(roundTrip('everything', { tagged: { af: 1, un: both } }).tagged).toMatchObject({ un: both });
    // A single member is written whatever the discriminator says.
    expect(roundTrip('everything', { tagged: { af: 0, un: { ip6: '::1' } } }).tagged).toMatchObject({
      un: { ip6: '::1' },
    });
  });

  it('fills count fields in from the arrays and decodes variable parts', () => {
    const d = roundTrip('everything', {
      n_entries: 99,
      entries: [
        { id: 1, label: 'one' },
        { id: 2, label: 'zwei✓' },
      ],
      blob: Uint8Array.from([1, 2, 3]),
      text: 'hello, world',
    });
    expect(d.n_entries).toBe(2);
    expect(d.entries).toEqual([
      { id: 1, label: 'one' },
      { id: 2, label: 'zwei✓' },
    ]);
    expect(d.n_bytes).toBe(3);
    expect(d.blob).toEqual(Buffer.from([1, 2, 3]));
    expect(d.text).toBe('hello, world');
  });

  it('handles variable-length arrays nested in variable-length arrays', () => {
    const msg = { bags: [{ items: [1, 2] }, { items: [] }, { items: [65535] }], tail: 5 };
    const d = roundTrip('nested_vla', msg);
    expect(d.n).toBe(3);
    expect(d.bags).toEqual([
      { n: 2, items: [1, 2] },
      { n: 0, items: [] },
      { n: 1, items: [65535] },
    ]);
    expect(d.tail).toBe(5);
  });

  it('gives legacy arrays without a count field the rest of the message', () => {
    expect(roundTrip('legacy_rest', { k: 1, xs: [1, 2, 3] })).toEqual({ _vl_msg_id: 7, k: 1, xs: [1, 2, 3] });
    expect(roundTrip('legacy_bytes', { data: Uint8Array.from([5, 6]) }).data).toEqual(Buffer.from([5, 6]));
    const odd = Buffer.from(
      codec
        .message('legacy_rest')
        .encode({ xs: [1] }, 1)
        .toString('hex') + '00',
      'hex',
    );
    expect(decodeError('legacy_rest', odd).problem).toMatch(/whole elements/);
  });

  it('pads short fixed arrays and bytes with zeros', () => {
    const d = roundTrip('everything', { pts: [{ x: -1, y: 2 }], raw: [1, 2] });
    expect(d.pts).toEqual([
      { x: -1, y: 2 },
      { x: 0, y: 0 },
    ]);
    expect(d.raw).toEqual(Buffer.from([1, 2, 0, 0]));
  });

  it('applies `default` options to missing fields (bool defaults are the string "true")', () => {
    const d = roundTrip('with_defaults', {});
    expect(d).toMatchObject({
      enable: true,
      mtu: 1500,
      sw_if_index: 4294967295,
      big: 8000n,
      ratio: 1,
      off: false,
    });
    expect(roundTrip('with_defaults', { enable: false, mtu: 0 })).toMatchObject({ enable: false, mtu: 0 });
  });

  it('accepts 0/1 for bool and ignores decode-only annotations', () => {
    const d = roundTrip('everything', {
      a_bool: 1,
      _msgname: 'everything',
      _before_reply: true,
      pfx__unmasked: '1.2.3.4/24',
    });
    expect(d.a_bool).toBe(true);
  });

  it('takes the context offset from the layout', () => {
    expect(everything.contextOffset).toBe(6);
    expect(codec.message('nested_vla').contextOffset).toBe(2);
    expect(codec.message('an_event').contextOffset).toBe(-1);
    const buf = everything.encode({ context: 0x01020304 }, 1);
    expect(buf.readUInt32BE(everything.contextOffset)).toBe(0x01020304);
  });

  it('decodes a message inside a larger buffer by offset and end', () => {
    const one = everything.encode({ a_u8: 3, text: 'x' }, 5);
    const buf = Buffer.concat([Buffer.from([9, 9, 9]), one, Buffer.from([9])]);
    const d = everything.decode(buf, 3, 3 + one.length);
    expect(d.a_u8).toBe(3);
    expect(d.text).toBe('x');
  });

  it('exposes name, crc and name_crc', () => {
    expect(everything.name).toBe('everything');
    expect(everything.crc).toBe('0x11111111');
    expect(everything.nameCrc).toBe('everything_11111111');
    expect(everything.definition.file).toBe('codec_test.api.json');
  });

  it('encodes the bundled memclnt handshake', () => {
    const c = new ApiCodec(ApiDefinitions.fromFiles([{ file: 'memclnt.api.json', json: BUNDLED_MEMCLNT }]));
    const buf = c.message('sockclnt_create').encode({ name: 'vppstate' }, 15);
    expect(buf.length).toBe(2 + 4 + 64);
    expect(buf.subarray(0, 14).toString('hex')).toBe(
      '000f00000000' + Buffer.from('vppstate').toString('hex'),
    );
  });

  it('keeps odd names from definitions out of the generated code', () => {
    const evil = 'n"); globalThis.pwned = 1; ("';
    const odd = ApiDefinitions.fromFiles([
      {
        file: 'odd.api.json',
        json: {
          messages: [
            [
              'odd"msg',
              ['u16', '_vl_msg_id'],
              ['u8', '__proto__'],
              ['u8', evil],
              ['u16', 'xs', 0, evil],
              { crc: '0x00000001' },
            ],
          ],
        },
      },
    ]);
    const c = new ApiCodec(odd).message('odd"msg');
    const msg = JSON.parse('{"__proto__": 3, "xs": [1, 2]}') as ApiMessage;
    const d = c.decode(c.encode(msg, 1));
    expect(Object.getOwnPropertyDescriptor(d, '__proto__')?.value).toBe(3);
    expect(d[evil]).toBe(2);
    expect(d.xs).toEqual([1, 2]);
    expect('pwned' in globalThis).toBe(false);
    expect(() => c.encode({ xs: new Array(256).fill(0) }, 1)).toThrow(
      /do not fit count field n"\); globalThis/,
    );
  });

  it('encodes messages far larger than its scratch buffer', () => {
    const entries = Array.from({ length: 20000 }, (_, i) => ({ id: i & 0xffff, label: `e${i % 1000}` }));
    const d = roundTrip('everything', { entries, text: 'ü'.repeat(100000), a_u8: 9 });
    expect(d.n_entries).toBe(20000);
    expect((d.entries as ApiMessage[])[19999]).toEqual({ id: 19999, label: 'e999' });
    expect(d.text).toBe('ü'.repeat(100000));
    expect(d.a_u8).toBe(9);
    const memclnt = new ApiCodec(
      ApiDefinitions.fromFiles([{ file: 'memclnt.api.json', json: BUNDLED_MEMCLNT }]),
    );
    const json = JSON.stringify([{ module: 'x', big: 'y'.repeat(1_500_000) }]);
    const reply = memclnt.message('get_api_json_reply');
    expect(reply.decode(reply.encode({ context: 3, json }, 800)).json).toBe(json);
  });

  it('throws ApiDefinitionError for an unknown message', () => {
    expect(() => codec.message('nope')).toThrow(ApiDefinitionError);
  });
});

describe('codec: bad input names the message, the field path and the problem', () => {
  it('rejects unknown fields, at the top and nested', () => {
    expect(encodeError('everything', { colour: 1 }).message).toBe(
      'cannot encode everything: unknown field colour',
    );
    const e = encodeError('everything', { entries: [{ id: 1 }, { id: 2, lable: 'x' }] });
    expect(e.path).toBe('entries[1]');
    expect(e.problem).toBe('unknown field lable');
    expect(encodeError('everything', { au: { ip5: '1.2.3.4' } }).problem).toMatch(/unknown union member ip5/);
  });

  it('rejects values out of range for the wire type instead of wrapping them', () => {
    expect(encodeError('everything', { a_u8: 256 }).message).toBe(
      'cannot encode everything.a_u8: 256 is out of range for u8 (0..255)',
    );
    expect(encodeError('everything', { a_i8: -129 }).path).toBe('a_i8');
    expect(encodeError('everything', { a_u32: -1 }).problem).toMatch(/out of range for u32/);
    expect(encodeError('everything', { a_i32: 2 ** 31 }).problem).toMatch(/out of range for i32/);
    expect(encodeError('everything', { a_u16: 1.5 }).problem).toMatch(/expected an integer/);
    expect(encodeError('everything', { a_u16: '7' }).problem).toMatch(/expected a number/);
    expect(encodeError('everything', { a_u64: -1n }).problem).toMatch(/out of range for u64/);
    expect(roundTrip('everything', { a_u32: 7n }).a_u32).toBe(7);
    expect(encodeError('everything', { a_u32: 1n << 32n }).problem).toBe(
      '4294967296n is out of range for u32 (0..4294967295)',
    );
    expect(encodeError('everything', { a_u64: 2 ** 60 }).problem).toMatch(/not a safe integer/);
    expect(encodeError('everything', { a_i64: 2n ** 63n }).problem).toMatch(/out of range for i64/);
    expect(encodeError('everything', { a_bool: 2 }).problem).toMatch(/expected a boolean/);
    expect(encodeError('everything', { color: 256 }).problem).toMatch(/out of range for u8/);
    expect(encodeError('everything', { color: 'PURPLE' }).problem).toMatch(/not a member of color/);
    expect(encodeError('everything', { pts: [{ x: 0 }, { x: 40000 }] }).path).toBe('pts[1].x');
  });

  it('rejects strings too long for a fixed field', () => {
    const e = encodeError('everything', { name: '12345678' });
    expect(e.path).toBe('name');
    expect(e.problem).toBe('string too long: 8 bytes, at most 7 fit in string[8]');
    expect(encodeError('everything', { name: 'ééééé' }).problem).toMatch(/10 bytes/);
    expect(encodeError('everything', { entries: [{ label: 'way too long' }] }).path).toBe('entries[0].label');
    expect(encodeError('everything', { text: 5 }).problem).toMatch(/expected a string/);
  });

  it('rejects arrays longer than their fixed size or their count field', () => {
    expect(encodeError('everything', { pts: [{}, {}, {}] }).problem).toBe(
      'array too long: 3 elements, at most 2',
    );
    expect(encodeError('everything', { raw: Uint8Array.from([1, 2, 3, 4, 5]) }).problem).toMatch(
      /5 bytes do not fit u8\[4\]/,
    );
    expect(encodeError('everything', { blob: new Uint8Array(256) }).problem).toMatch(
      /256 elements do not fit count field n_bytes \(u8\)/,
    );
    expect(encodeError('everything', { entries: 'abc' }).problem).toMatch(/expected an array/);
  });

  it('rejects malformed addresses, prefixes and MACs', () => {
    expect(encodeError('everything', { ip4: '192.0.2.256' }).message).toBe(
      'cannot encode everything.ip4: malformed IPv4 address "192.0.2.256"',
    );
    for (const bad of ['1.2.3', '01.2.3.4', '1.2.3.4.5', 'a.b.c.d', '1..2.3']) {
      expect(encodeError('everything', { ip4: bad }).path).toBe('ip4');
    }
    for (const bad of ['2001:db8::1::1', '1:2:3:4:5:6:7:8:9', 'g::1', ':1::', '12345::', '1:2:3:4:5:6:7']) {
      expect(encodeError('everything', { ip6: bad }).problem).toMatch(/malformed IPv6 address/);
    }
    expect(encodeError('everything', { mac: '02:fe:00:00:00' }).problem).toMatch(/malformed MAC address/);
    expect(encodeError('everything', { addr: 'not-an-ip' }).problem).toMatch(/malformed IP address/);
    expect(encodeError('everything', { pfx: '10.0.0.0/256' }).problem).toMatch(
      /prefix length 256 is out of range/,
    );
    expect(encodeError('everything', { pfx4: '10.0.0.0/1000' }).problem).toMatch(/malformed IPv4 prefix/);
    expect(encodeError('everything', { pfx: '10.0.0.0/x' }).problem).toMatch(/malformed IP prefix/);
    expect(encodeError('everything', { pfx6: '10.0.0.0/8' }).problem).toMatch(/malformed IPv6 prefix/);
    expect(encodeError('everything', { au: '1.2.3' }).path).toBe('au');
  });

  it('rejects a non-object message or nested type, and a bad message id', () => {
    expect(encodeError('everything', { pts: [5] }).path).toBe('pts[0]');
    expect(() => everything.encode([] as unknown as ApiMessage, 1)).toThrow(ApiEncodeError);
    expect(() => everything.encode({}, 70000)).toThrow(/message id 70000/);
  });

  it('rejects truncated buffers and ignores bytes after the last field', () => {
    const buf = everything.encode({ entries: [{ id: 1 }], text: 'abc' }, 1);
    for (const cut of [0, 1, 10, buf.length - 5, buf.length - 1]) {
      const e = decodeError('everything', buf.subarray(0, cut));
      expect(e.messageName).toBe('everything');
    }
    expect(decodeError('everything', buf.subarray(0, 10)).problem).toMatch(/^truncated/);
    // bytes after the last field are ignored, as VPP's own clients do (VPP sends a trailing NUL)
    expect(everything.decode(Buffer.concat([buf, Buffer.alloc(1)]))).toStrictEqual(everything.decode(buf));
    expect(() => everything.decode(buf, 5, 2)).toThrow(ApiDecodeError);
    expect(() => everything.decode(buf, 0, buf.length + 1)).toThrow(ApiDecodeError);
  });

  it('never reads past the buffer or loops on hostile length fields', () => {
    const buf = Buffer.from(everything.encode({}, 1));
    // The tail: n_entries (u32), n_bytes (u8), text's u32 length, then the 17-byte tagged.
    const nEntries = buf.length - 17 - 4 - 1 - 4;
    buf.writeUInt32BE(0xffffffff, nEntries);
    const e = decodeError('everything', buf);
    expect(e.path).toBe('entries');
    expect(e.problem).toMatch(/count 4294967295 runs past the end/);
    const buf2 = Buffer.from(everything.encode({}, 1));
    buf2.writeUInt32BE(0xfffffff0, buf2.length - 17 - 4);
    expect(decodeError('everything', buf2).problem).toMatch(/string length 4294967280 runs past the end/);
    const buf3 = Buffer.from(everything.encode({}, 1));
    buf3[buf3.length - 17 - 5] = 200; // n_bytes
    expect(decodeError('everything', buf3).path).toBe('blob');
    const nested = codec.message('nested_vla');
    const nb = Buffer.from(nested.encode({ bags: [{ items: [1] }] }, 1));
    nb[7] = 255; // the bag's own count
    expect(decodeError('nested_vla', nb).path).toMatch(/^bags\[0\]/);
  });
});

describe('codec: selected decoders', () => {
  const full = {
    a_u32: 7,
    color: 2,
    addr: '2001:db8::1',
    entries: [
      { id: 1, label: 'one' },
      { id: 2, label: 'two' },
    ],
    blob: Buffer.from([9, 8]),
    text: 'after the variable parts',
    tagged: { af: 0, un: { ip4: '192.0.2.1' } },
  };
  const bytes = everything.encode(full, 7);

  it('builds exactly the selected fields, with the values of the full decode', () => {
    const d = everything.decoder({
      color__name: true,
      entries: { label: true },
      text: true,
      tagged: { un: { ip4: true } },
    })(bytes);
    expect(d).toStrictEqual({
      color__name: 'BLUE',
      entries: [{ label: 'one' }, { label: 'two' }],
      text: 'after the variable parts',
      tagged: { un: { ip4: '192.0.2.1' } },
    });
  });

  it('compiles once per selection object', () => {
    const sel = { a_u32: true } as const;
    expect(everything.decoder(sel)).toBe(everything.decoder(sel));
    expect(everything.decoder(sel)(bytes)).toStrictEqual({ a_u32: 7 });
  });

  it('still rejects truncated messages and ignores trailing bytes', () => {
    const d = everything.decoder({ a_u32: true });
    expect(() => d(bytes.subarray(0, bytes.length - 1))).toThrow(ApiDecodeError);
    expect(d(Buffer.concat([bytes, Buffer.from([0, 0, 0])]))).toStrictEqual({ a_u32: 7 });
  });

  it('names a selected field the message does not have', () => {
    expect(() => everything.decoder({ a_u33: true })).toThrow(ApiDefinitionError);
    expect(() => everything.decoder({ a_u33: true })).toThrow(/selection for everything: no field a_u33/);
    expect(() => everything.decoder({ entries: { nope: true } })).toThrow(/no field entries\.nope/);
    expect(() => everything.decoder({ a_u32: { x: true } })).toThrow(/a_u32 has no fields to select/);
    expect(() => everything.decoder({ a_u32__name: true })).toThrow(/no field a_u32__name/);
  });
});
