import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ApiCodec, EnumInfo } from '../../src/api/codec/index.js';
import type { FieldDefinition, TypeDefinition } from '../../src/api/definitions/index.js';
import { ApiDefinitions, BASE_TYPES } from '../../src/api/definitions/index.js';
import type { ApiMessage } from '../../src/api/types.js';
import {
  HAVE_VPP_API,
  VPP_API_DIR,
  VPP_REFERENCE_DIR,
  describeWithReference,
  describeWithVppApi,
} from '../helpers/shared.js';

/** Big-endian byte layout written out field by field, as a person reads the .api definition. */
class Layout {
  private readonly bytes: number[] = [];
  u8(v: number): this {
    this.bytes.push(v & 0xff);
    return this;
  }
  u16(v: number): this {
    return this.u8(v >>> 8).u8(v);
  }
  u32(v: number): this {
    return this.u16(v >>> 16).u16(v & 0xffff);
  }
  /** string[n]: the characters, then NULs up to n. */
  str(s: string, n: number): this {
    for (const c of Buffer.from(s)) this.u8(c);
    return this.zeros(n - Buffer.byteLength(s));
  }
  raw(...xs: number[]): this {
    for (const x of xs) this.u8(x);
    return this;
  }
  zeros(n: number): this {
    for (let i = 0; i < n; i++) this.u8(0);
    return this;
  }
  /** vl_api_address_t: u8 af, then a 16-byte union. */
  ip4addr(a: number, b: number, c: number, d: number): this {
    return this.u8(0).raw(a, b, c, d).zeros(12);
  }
  buf(): Buffer {
    return Buffer.from(this.bytes);
  }
}

const defs = HAVE_VPP_API ? ApiDefinitions.fromDirectory(VPP_API_DIR) : undefined;
const codec = defs ? new ApiCodec(defs) : undefined;

function check(name: string, id: number, msg: ApiMessage, bytes: Buffer): ApiMessage {
  const c = codec!.message(name);
  expect(c.encode(msg, id).toString('hex')).toBe(bytes.toString('hex'));
  return c.decode(bytes);
}

describeWithVppApi('golden bytes computed by hand', () => {
  it('sw_interface_set_flags', () => {
    const bytes = new Layout().u16(296).u32(0x80000001).u32(5).u32(1).u32(1).buf();
    expect(bytes.length).toBe(18);
    const d = check(
      'sw_interface_set_flags',
      296,
      { client_index: 0x80000001, context: 5, sw_if_index: 1, flags: 'IF_STATUS_API_FLAG_ADMIN_UP' },
      bytes,
    );
    expect(d).toEqual({
      _vl_msg_id: 296,
      client_index: 0x80000001,
      context: 5,
      sw_if_index: 1,
      flags: 1,
      flags__name: 'IF_STATUS_API_FLAG_ADMIN_UP',
    });
  });

  it('sw_interface_details', () => {
    const mac = [0xde, 0xad, 0, 0, 0, 1];
    const bytes = new Layout()
      .u16(309) // _vl_msg_id
      .u32(23) // context
      .u32(1) // sw_if_index
      .u32(1) // sup_sw_if_index
      .raw(...mac) // l2_address
      .u32(3) // flags (enum, u32)
      .u32(1) // type IF_API_TYPE_SUB (enum, u32)
      .u32(2) // link_duplex FULL
      .u32(0) // link_speed
      .u16(9000) // link_mtu
      .u32(9000)
      .u32(0)
      .u32(0)
      .u32(0) // mtu[4]
      .u32(0) // sub_id
      .u8(0) // sub_number_of_tags
      .u16(0)
      .u16(0) // outer / inner vlan
      .u32(18) // sub_if_flags ONE_TAG|EXACT_MATCH
      .u32(0)
      .u32(0)
      .u32(0)
      .u32(0) // vtr_*
      .u16(0) // outer_tag
      .zeros(6)
      .zeros(6) // b_dmac, b_smac
      .u16(0) // b_vlanid
      .u32(0) // i_sid
      .str('loop1', 64)
      .str('Loopback', 64)
      .str('tag', 64)
      .buf();
    expect(bytes.length).toBe(295);
    const d = check(
      'sw_interface_details',
      309,
      {
        context: 23,
        sw_if_index: 1,
        sup_sw_if_index: 1,
        l2_address: 'de:ad:00:00:00:01',
        flags: 3,
        type: 'IF_API_TYPE_SUB',
        link_duplex: 2,
        link_mtu: 9000,
        mtu: [9000, 0, 0, 0],
        sub_if_flags: 18,
        interface_name: 'loop1',
        interface_dev_type: 'Loopback',
        tag: 'tag',
      },
      bytes,
    );
    expect(d).toMatchObject({
      l2_address: 'de:ad:00:00:00:01',
      flags__name: 'IF_STATUS_API_FLAG_ADMIN_UP|IF_STATUS_API_FLAG_LINK_UP',
      type__name: 'IF_API_TYPE_SUB',
      link_duplex__name: 'LINK_DUPLEX_API_FULL',
      sub_if_flags__name: 'SUB_IF_API_FLAG_ONE_TAG|SUB_IF_API_FLAG_EXACT_MATCH',
      b_dmac: '00:00:00:00:00:00',
      mtu: [9000, 0, 0, 0],
      interface_name: 'loop1',
      tag: 'tag',
    });
  });

  it('ip_route_add_del with two paths', () => {
    const path = (last: number): Layout =>
      new Layout()
        .u32(1) // sw_if_index
        .u32(10) // table_id
        .u32(0) // rpf_id
        .u8(1) // weight
        .u8(0) // preference
        .u32(0) // type NORMAL (u32 enum)
        .u32(0) // flags
        .u32(0) // proto IP4
        .raw(10, 3, 0, last)
        .zeros(12) // nh.address (16-byte union)
        .u32(0)
        .u32(0)
        .u32(0) // via_label, obj_id, classify_table_index
        .u8(0) // n_labels
        .zeros(16 * 7); // label_stack[16] of {u8, u32, u8, u8}
    const p1 = path(2).buf();
    expect(p1.length).toBe(4 + 4 + 4 + 1 + 1 + 4 + 4 + 4 + 28 + 1 + 112);
    const bytes = Buffer.concat([
      new Layout()
        .u16(534)
        .u32(0x80000001)
        .u32(13)
        .u8(1) // is_add
        .u8(0) // is_multipath
        .u32(10) // route.table_id
        .u32(0) // route.stats_index
        .ip4addr(10, 3, 101, 0)
        .u8(24) // route.prefix
        .u8(2) // route.n_paths
        .buf(),
      p1,
      path(3).buf(),
    ]);
    const nhPath = (nh: string): ApiMessage => ({
      sw_if_index: 1,
      table_id: 10,
      weight: 1,
      proto: 'FIB_API_PATH_NH_PROTO_IP4',
      nh: { address: { ip4: nh } },
    });
    const d = check(
      'ip_route_add_del',
      534,
      {
        client_index: 0x80000001,
        context: 13,
        is_add: true,
        route: { table_id: 10, prefix: '10.3.101.0/24', paths: [nhPath('10.3.0.2'), nhPath('10.3.0.3')] },
      },
      bytes,
    );
    const route = d.route as Record<string, ApiMessage[]>;
    expect(route).toMatchObject({ table_id: 10, prefix: '10.3.101.0/24', n_paths: 2 });
    expect(route.paths[1]).toMatchObject({
      type__name: 'FIB_API_PATH_TYPE_NORMAL',
      flags__name: 'FIB_API_PATH_FLAG_NONE',
      nh: { address: { ip4: '10.3.0.3', ip6: 'a03:3::' } },
    });
    expect(route.paths[0].label_stack).toHaveLength(16);
  });

  it('bridge_domain_details with members', () => {
    const bytes = new Layout()
      .u16(422)
      .u32(4) // context
      .u32(10) // bd_id
      .raw(1, 1, 1, 1, 0, 0) // flood, uu_flood, forward, learn, arp_term, arp_ufwd
      .u8(0) // mac_age
      .str('ten', 64)
      .u32(3) // bvi_sw_if_index
      .u32(0xffffffff) // uu_fwd_sw_if_index
      .u32(2) // n_sw_ifs
      .u32(0)
      .u32(1)
      .u8(0) // sw_if_details[0]: context, sw_if_index, shg
      .u32(0)
      .u32(2)
      .u8(3) // sw_if_details[1]
      .buf();
    const d = check(
      'bridge_domain_details',
      422,
      {
        context: 4,
        bd_id: 10,
        flood: true,
        uu_flood: true,
        forward: true,
        learn: true,
        bd_tag: 'ten',
        bvi_sw_if_index: 3,
        uu_fwd_sw_if_index: 0xffffffff,
        sw_if_details: [
          { sw_if_index: 1, shg: 0 },
          { sw_if_index: 2, shg: 3 },
        ],
      },
      bytes,
    );
    expect(d.n_sw_ifs).toBe(2);
    expect(d.sw_if_details).toEqual([
      { context: 0, sw_if_index: 1, shg: 0 },
      { context: 0, sw_if_index: 2, shg: 3 },
    ]);
  });

  it('acl_add_replace with rules', () => {
    const rule = (
      l: Layout,
      permit: number,
      src: number[],
      srcLen: number,
      proto: number,
      dport: number,
    ): Layout =>
      l
        .u8(permit) // is_permit (u8 enum)
        .u8(src.length === 4 ? 0 : 1)
        .raw(...src)
        .zeros(16 - src.length)
        .u8(srcLen) // src_prefix
        .ip4addr(192, 0, 2, 0)
        .u8(24) // dst_prefix
        .u8(proto) // proto (u8 enum)
        .u16(1024)
        .u16(65535) // src ports
        .u16(dport)
        .u16(dport) // dst ports
        .u8(0)
        .u8(0); // tcp flags
    const l = new Layout().u16(95).u32(0x80000001).u32(1).u32(0xffffffff).str('web-in', 64).u32(2);
    rule(l, 1, [10, 9, 0, 0], 16, 6, 80);
    rule(l, 2, [0x20, 0x01, 0x0d, 0xb8, 0, 9], 48, 17, 53);
    const bytes = l.buf();
    expect(bytes.length).toBe(2 + 4 + 4 + 4 + 64 + 4 + 2 * (1 + 18 + 18 + 1 + 8 + 2));
    const d = check(
      'acl_add_replace',
      95,
      {
        client_index: 0x80000001,
        context: 1,
        acl_index: 0xffffffff,
        tag: 'web-in',
        r: [
          {
            is_permit: 'ACL_ACTION_API_PERMIT',
            src_prefix: '10.9.0.0/16',
            dst_prefix: '192.0.2.0/24',
            proto: 'IP_API_PROTO_TCP',
            srcport_or_icmptype_first: 1024,
            srcport_or_icmptype_last: 65535,
            dstport_or_icmpcode_first: 80,
            dstport_or_icmpcode_last: 80,
          },
          {
            is_permit: 2,
            src_prefix: '2001:db8:9::/48',
            dst_prefix: '192.0.2.0/24',
            proto: 17,
            srcport_or_icmptype_first: 1024,
            srcport_or_icmptype_last: 65535,
            dstport_or_icmpcode_first: 53,
            dstport_or_icmpcode_last: 53,
          },
        ],
      },
      bytes,
    );
    expect(d.count).toBe(2);
    expect((d.r as ApiMessage[])[1]).toMatchObject({
      is_permit: 2,
      is_permit__name: 'ACL_ACTION_API_PERMIT_REFLECT',
      src_prefix: '2001:db8:9::/48',
      proto__name: 'IP_API_PROTO_UDP',
    });
  });

  it('sockclnt_create_reply with a message table', () => {
    const bytes = new Layout()
      .u16(16)
      .u32(0) // client_index
      .u32(0) // context
      .u32(0) // response
      .u32(0x80000001) // index
      .u16(2) // count
      .u16(15)
      .str('sockclnt_create_455fb9c4', 64)
      .u16(296)
      .str('sw_interface_set_flags_f5aec1b8', 64)
      .buf();
    const d = check(
      'sockclnt_create_reply',
      16,
      {
        index: 0x80000001,
        message_table: [
          { index: 15, name: 'sockclnt_create_455fb9c4' },
          { index: 296, name: 'sw_interface_set_flags_f5aec1b8' },
        ],
      },
      bytes,
    );
    expect(d.count).toBe(2);
    expect(d.message_table).toEqual([
      { index: 15, name: 'sockclnt_create_455fb9c4' },
      { index: 296, name: 'sw_interface_set_flags_f5aec1b8' },
    ]);
  });
});

interface GoldenMessage {
  scenario: string;
  step?: number;
  msgname: string;
  msg_id: number;
  msg_hex: string;
  args?: ApiMessage;
  decoded: Record<string, unknown>;
}

/** Our decoded value in the transcripts' JSON form: bigint → number, bytes → hex. */
function asTranscript(x: unknown): unknown {
  if (typeof x === 'bigint') return Number(x);
  if (x instanceof Uint8Array) return Buffer.from(x).toString('hex');
  if (Array.isArray(x)) return x.map(asTranscript);
  if (typeof x === 'object' && x !== null) {
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, asTranscript(v)]));
  }
  return x;
}

/** The recorded value with `<f>__unmasked` (what was on the wire) in place of `<f>`. */
function asSent(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(asSent);
  if (typeof x === 'object' && x !== null) {
    const o = x as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) {
      if (k === '_msgname' || k.endsWith('__unmasked')) continue;
      out[k] = `${k}__unmasked` in o ? o[`${k}__unmasked`] : asSent(v);
    }
    return out;
  }
  return x;
}

describeWithReference('golden bytes recorded from VPP (golden-bytes.json)', () => {
  const golden = JSON.parse(readFileSync(join(VPP_REFERENCE_DIR, 'golden-bytes.json'), 'utf8')) as {
    handshake: { request: GoldenMessage; reply: GoldenMessage };
    replies: GoldenMessage[];
    requests: GoldenMessage[];
    message_ids: Record<string, number>;
  };
  const all = [golden.handshake.request, golden.handshake.reply, ...golden.replies, ...golden.requests];
  const label = (g: GoldenMessage): string => `${g.scenario} step ${g.step ?? '-'} ${g.msgname}`;

  it('names messages whose crcs our definitions share', () => {
    for (const [nameCrc] of Object.entries(golden.message_ids)) {
      const name = nameCrc.replace(/_[0-9a-f]{8}$/, '');
      expect(defs!.message(name).nameCrc).toBe(nameCrc);
    }
  });

  it.each(all.map((g) => [label(g), g] as const))('%s decodes to the recorded values', (_l, g) => {
    const c = codec!.message(g.msgname);
    const bytes = Buffer.from(g.msg_hex, 'hex');
    const d = c.decode(bytes);
    expect(d._vl_msg_id).toBe(g.msg_id);
    // The recording leaves out header fields it sent itself; everything it lists must match.
    expect(asTranscript(d)).toMatchObject(asSent(g.decoded) as Record<string, unknown>);
    // And what we decoded encodes back to the very same bytes.
    expect(c.encode(d, g.msg_id).equals(bytes)).toBe(true);
  });

  it.each(golden.requests.map((g) => [label(g), g] as const))('%s encodes from its args', (_l, g) => {
    const args = { ...g.args, client_index: 2147483649, context: g.step ?? 0 };
    expect(codec!.message(g.msgname).encode(args, g.msg_id).toString('hex')).toBe(g.msg_hex);
  });
});

describeWithReference('enum names in the reference transcripts', () => {
  const infos = new Map<string, EnumInfo>();
  const enumInfo = (t: TypeDefinition & { kind: 'enum' | 'enumflag' }): EnumInfo => {
    let e = infos.get(t.name);
    if (e === undefined) infos.set(t.name, (e = new EnumInfo(t.name, t.kind === 'enumflag', t.members)));
    return e;
  };
  /** Compares every `<f>__name` in `obj` with the codec's naming, walking the definition. */
  const walk = (
    fields: FieldDefinition[],
    obj: Record<string, unknown>,
    path: string,
    seen: { n: number },
  ): void => {
    for (const f of fields) {
      const v = obj[f.name];
      if (v === undefined || f.type === 'string') continue;
      let type = f.type;
      let t = BASE_TYPES.has(type) ? undefined : defs!.type(type);
      while (t?.kind === 'alias') {
        type = t.type;
        t = BASE_TYPES.has(type) ? undefined : defs!.type(type);
      }
      if (t === undefined) continue;
      const p = `${path}.${f.name}`;
      if (t.kind === 'enum' || t.kind === 'enumflag') {
        const info = enumInfo(t);
        const want = Array.isArray(v) ? v.map((x) => info.nameOf(x as number)) : info.nameOf(v as number);
        expect(obj[`${f.name}__name`], p).toEqual(want);
        seen.n++;
      } else if ((t.kind === 'type' || t.kind === 'union') && typeof v === 'object' && v !== null) {
        const sub = t.fields;
        const items = Array.isArray(v) ? v : [v];
        for (const [i, item] of items.entries()) {
          if (typeof item === 'object' && item !== null) {
            walk(sub, item as Record<string, unknown>, Array.isArray(v) ? `${p}[${i}]` : p, seen);
          }
        }
      }
    }
  };
  const files = readdirSync(VPP_REFERENCE_DIR).filter((f) => /^\d\d-.*\.json$/.test(f));

  it.each(files)('%s', (file) => {
    const doc = JSON.parse(readFileSync(join(VPP_REFERENCE_DIR, file), 'utf8')) as {
      steps: Array<Record<string, unknown>>;
    };
    const seen = { n: 0 };
    for (const step of doc.steps) {
      const req = (step.call ?? step.dump) as string | undefined;
      if (req !== undefined && step.args) {
        walk(defs!.message(req).fields, step.args as Record<string, unknown>, `step ${step.step} args`, seen);
      }
      const msgs = [
        step.reply,
        ...((step.details as unknown[]) ?? []),
        ...((step.events as unknown[]) ?? []),
      ];
      for (const m of msgs) {
        if (typeof m !== 'object' || m === null) continue;
        const o = m as Record<string, unknown>;
        walk(
          defs!.message(o._msgname as string).fields,
          o,
          `step ${step.step} ${o._msgname as string}`,
          seen,
        );
      }
    }
    expect(seen.n).toBeGreaterThan(0);
  });
});
