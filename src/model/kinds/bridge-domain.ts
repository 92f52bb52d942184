import { retvalOf } from '../../api/errno.js';
import type { BridgeDomain } from '../types.js';
import { INTERFACE_KIND } from './interface.js';
import { key, opBuilder } from './ops.js';
import { decodeTag, encodeTag } from './owner.js';
import type { ApiCall, FieldChange, KindModule, KindObject, Op, ReadContext, Resource } from './types.js';
import { arr, bool, cliText, ifRefOf, NO_INDEX, num, str } from './util.js';

export const BRIDGE_DOMAIN_KIND = 'bridge-domain';
const BD_ALREADY_EXISTS = retvalOf('BD_ALREADY_EXISTS');
const asBd = (r: Resource): BridgeDomain => r.obj as unknown as BridgeDomain;

const PORT = { normal: 0, bvi: 1, uuFwd: 2 } as const;
type Port = keyof typeof PORT;

const FLAGS: ReadonlyArray<[keyof BridgeDomain, number, string]> = [
  ['learn', 1, 'learn'],
  ['forward', 2, 'forward'],
  ['flood', 4, 'flood'],
  ['unknownUnicastFlood', 8, 'uu-flood'],
  ['arpTermination', 16, 'arp-term'],
  ['arpUnicastForward', 32, 'arp-ufwd'],
];

function addCall(b: BridgeDomain, owned: boolean): ApiCall {
  const tag = encodeTag(b.description, owned);
  return {
    message: 'bridge_domain_add_del_v2',
    args: {
      bd_id: b.id,
      flood: b.flood,
      uu_flood: b.unknownUnicastFlood,
      forward: b.forward,
      learn: b.learn,
      arp_term: b.arpTermination,
      arp_ufwd: b.arpUnicastForward,
      mac_age: b.macAge,
      bd_tag: tag,
      is_add: true,
    },
    cli: `create bridge-domain ${b.id} learn ${+b.learn} forward ${+b.forward} uu-flood ${+b.unknownUnicastFlood} flood ${+b.flood} arp-term ${+b.arpTermination} arp-ufwd ${+b.arpUnicastForward} mac-age ${b.macAge}${tag ? ` bd-tag ${cliText(tag)}` : ''}`,
  };
}

function delCall(b: BridgeDomain): ApiCall {
  return {
    message: 'bridge_domain_add_del_v2',
    args: { bd_id: b.id, is_add: false },
    cli: `create bridge-domain ${b.id} del`,
  };
}

function joinCall(bd: number, name: string, port: Port, shg: number, enable: boolean): ApiCall {
  return {
    message: 'sw_interface_set_l2_bridge',
    args: { rx_sw_if_index: ifRefOf(name), bd_id: bd, port_type: PORT[port], shg, enable },
    cli: enable
      ? `set interface l2 bridge ${name} ${bd}${port === 'bvi' ? ' bvi' : port === 'uuFwd' ? ' uu-fwd' : shg ? ` ${shg}` : ''}`
      : `set interface l3 ${name}`,
  };
}

/** Membership as a flat map name → {port, shg}. */
function members(b: BridgeDomain): Map<string, { port: Port; shg: number }> {
  const m = new Map<string, { port: Port; shg: number }>();
  for (const [n, s] of Object.entries(b.members ?? {}))
    m.set(n, { port: 'normal', shg: s.splitHorizonGroup });
  if (b.bvi) m.set(b.bvi, { port: 'bvi', shg: 0 });
  if (b.unknownUnicastForward) m.set(b.unknownUnicastForward, { port: 'uuFwd', shg: 0 });
  return m;
}

const fieldOf = (port: Port, n: string): string =>
  port === 'bvi' ? 'bvi' : port === 'uuFwd' ? 'unknownUnicastForward' : `members.${n}`;

function joinOp(r: Resource, action: 'create' | 'update', n: string, m: { port: Port; shg: number }): Op {
  const b = asBd(r);
  return opBuilder(
    r,
    action,
  )({
    field: fieldOf(m.port, n),
    summary: `add ${m.port === 'normal' ? 'member' : m.port === 'bvi' ? 'BVI' : 'uu-fwd'} ${n}${m.shg ? ` shg ${m.shg}` : ''}`,
    call: joinCall(b.id, n, m.port, m.shg, true),
    inverse: [joinCall(b.id, n, m.port, m.shg, false)],
    needs: [key.bd(b.id), key.iface(n), key.l2Free(n)],
  });
}

function leaveOp(r: Resource, action: 'delete' | 'update', n: string, m: { port: Port; shg: number }): Op {
  const b = asBd(r);
  return opBuilder(
    r,
    action,
  )({
    field: fieldOf(m.port, n),
    summary: `remove ${m.port === 'normal' ? 'member' : m.port === 'bvi' ? 'BVI' : 'uu-fwd'} ${n}`,
    call: joinCall(b.id, n, m.port, m.shg, false),
    inverse: [joinCall(b.id, n, m.port, m.shg, true)],
    releases: [key.bd(b.id), key.iface(n)],
    provides: [key.l2Free(n)],
  });
}

async function read(ctx: ReadContext): Promise<Resource[]> {
  const out: Resource[] = [];
  for (const d of await ctx.caller.dump('bridge_domain_dump', { bd_id: NO_INDEX, sw_if_index: NO_INDEX })) {
    const id = num(d, 'bd_id');
    if (id === 0) continue;
    const bvi = num(d, 'bvi_sw_if_index');
    const uu = num(d, 'uu_fwd_sw_if_index');
    const { owned, description } = decodeTag(str(d, 'bd_tag'));
    const mem: Record<string, { splitHorizonGroup: number }> = {};
    for (const s of arr(d, 'sw_if_details')) {
      const sw = num(s as Record<string, never>, 'sw_if_index');
      if (sw === bvi || sw === uu) continue;
      mem[ctx.ifName.get(sw) ?? `sw_if_index ${sw}`] = {
        splitHorizonGroup: num(s as Record<string, never>, 'shg'),
      };
    }
    const b: Record<string, unknown> = {
      id,
      learn: bool(d, 'learn'),
      forward: bool(d, 'forward'),
      flood: bool(d, 'flood'),
      unknownUnicastFlood: bool(d, 'uu_flood'),
      arpTermination: bool(d, 'arp_term'),
      arpUnicastForward: bool(d, 'arp_ufwd'),
      macAge: num(d, 'mac_age'),
      members: mem,
    };
    if (bvi !== NO_INDEX && ctx.ifName.has(bvi)) b.bvi = ctx.ifName.get(bvi);
    if (uu !== NO_INDEX && ctx.ifName.has(uu)) b.unknownUnicastForward = ctx.ifName.get(uu);
    if (description !== null) b.description = description;
    out.push({
      kind: BRIDGE_DOMAIN_KIND,
      id: String(id),
      obj: b as KindObject,
      owned,
      raw: { tag: str(d, 'bd_tag') },
    });
  }
  return out;
}

function updateOps(d: Resource, l: Resource, fields: readonly FieldChange[]): Op[] {
  const db = asBd(d);
  const lb = asBd(l);
  const op = opBuilder(d, 'update');
  const ops: Op[] = [];
  let set = 0;
  let clear = 0;
  const names: string[] = [];
  for (const [f, bit, name] of FLAGS) {
    if (db[f] === lb[f]) continue;
    if (db[f]) set |= bit;
    else clear |= bit;
    names.push(`${name} ${+(lb[f] as boolean)} → ${+(db[f] as boolean)}`);
  }
  const flagCall = (bits: number, on: boolean): ApiCall => ({
    message: 'bridge_flags',
    args: { bd_id: db.id, is_set: on, flags: bits },
    cli: `set bridge-domain flags ${db.id} ${on ? '' : 'disable '}${bits}`,
  });
  if (set)
    ops.push(
      op({
        field: 'flags',
        summary: names.join(', '),
        call: flagCall(set, true),
        inverse: [flagCall(set, false)],
      }),
    );
  if (clear)
    ops.push(
      op({
        field: 'flags',
        summary: names.join(', '),
        call: flagCall(clear, false),
        inverse: [flagCall(clear, true)],
      }),
    );
  if (db.macAge !== lb.macAge) {
    const age = (a: number): ApiCall => ({
      message: 'bridge_domain_set_mac_age',
      args: { bd_id: db.id, mac_age: a },
      cli: `set bridge-domain mac-age ${db.id} ${a}`,
    });
    ops.push(
      op({
        field: 'macAge',
        summary: `mac-age ${lb.macAge} → ${db.macAge}`,
        call: age(db.macAge),
        inverse: [age(lb.macAge)],
      }),
    );
  }
  void fields;
  const want = members(db);
  const have = members(lb);
  for (const [n, m] of have) {
    const w = want.get(n);
    if (!w || w.port !== m.port) ops.push(leaveOp(l, 'update', n, m));
  }
  for (const [n, m] of want) {
    const h = have.get(n);
    if (!h || h.port !== m.port) ops.push(joinOp(d, 'update', n, m));
    else if (h.shg !== m.shg)
      ops.push(
        op({
          field: fieldOf(m.port, n),
          summary: `member ${n} shg ${h.shg} → ${m.shg}`,
          call: joinCall(db.id, n, m.port, m.shg, true),
          inverse: [joinCall(db.id, n, m.port, h.shg, true)],
          needs: [key.bd(db.id), key.iface(n)],
        }),
      );
  }
  return ops;
}

export const bridgeDomainKind: KindModule = {
  kind: BRIDGE_DOMAIN_KIND,
  title: 'bridge domains',
  section: 'bridgeDomains',
  identity: ['id'],
  readAfter: [INTERFACE_KIND],
  // -119: the domain exists, i.e. a create whose reply was lost was done.
  retry: { alreadyDone: (call, retval) => retval === BD_ALREADY_EXISTS && call.args.is_add === true },
  immutable: ['id', 'description'],
  taggable: true,
  read,
  create(d) {
    const b = asBd(d);
    const ops: Op[] = [
      opBuilder(
        d,
        'create',
      )({
        summary: `create bridge domain ${b.id}`,
        call: addCall(b, true),
        inverse: [delCall(b)],
        provides: [key.bd(b.id)],
      }),
    ];
    for (const [n, m] of members(b)) ops.push(joinOp(d, 'create', n, m));
    return ops;
  },
  update: updateOps,
  // A deleted interface leaves the domain (VPP drops the membership, the BVI, the uu-fwd port).
  refs(o) {
    const b = o as unknown as BridgeDomain;
    const names = [...Object.keys(b.members ?? {}), b.bvi, b.unknownUnicastForward];
    return names
      .filter((n): n is string => n !== undefined)
      .map((n) => ({ kind: INTERFACE_KIND, id: n, drop: 'part' }));
  },
  detach(o, target) {
    if (target.kind !== INTERFACE_KIND) return o;
    const b = o as unknown as BridgeDomain;
    const { [target.id]: _gone, ...members } = b.members ?? {};
    void _gone;
    const out: Record<string, unknown> = { ...b, members };
    if (b.bvi === target.id) delete out.bvi;
    if (b.unknownUnicastForward === target.id) delete out.unknownUnicastForward;
    return out as KindObject;
  },
  delete(l) {
    const b = asBd(l);
    const ops: Op[] = [...members(b)].map(([n, m]) => leaveOp(l, 'delete', n, m));
    const recreate: ApiCall = { ...addCall(b, l.owned ?? false) };
    const tag = l.raw?.tag;
    if (typeof tag === 'string') (recreate.args as Record<string, unknown>).bd_tag = tag;
    ops.push(
      opBuilder(
        l,
        'delete',
      )({
        summary: `delete bridge domain ${b.id}`,
        call: delCall(b),
        inverse: [recreate],
        removes: [key.bd(b.id)],
      }),
    );
    return ops;
  },
};
