/**
 * NAT44-ED: the plugin's enable and settings, and its address pool (nat44_ed_plugin_enable_disable,
 * nat44_forwarding_enable_disable, nat44_add_del_address_range; read back with
 * nat44_show_running_config and nat44_address_dump). One object, id `global`.
 *
 * VPP's rules, measured on the real VPP:
 * - the VRFs and the session limit are given at enable only (enabling again is -170): changing
 *   one means disable + enable, which forgets the pool and every interface role, so vppstate
 *   deletes those explicitly first and puts them back (their kinds go with this object);
 * - forwarding can change while enabled (the deprecated nat44_forwarding_enable_disable);
 * - static-mapping-only and connection tracking are refused (-126): the documents cannot ask;
 * - a disabled plugin reads sessions 0: that is how "disabled" is read back.
 */
import type { ApiMessage } from '../../api/types.js';
import { ip4ToNumber, parseIp } from '../../net/ip.js';
import type { Nat44, Nat44PoolAddress } from '../types.js';
import { opBuilder, tableKeys } from './ops.js';
import { dumpOrNone } from './per-interface.js';
import {
  SINGLETON_ID,
  type ApiCall,
  type KindModule,
  type KindObject,
  type Op,
  type ReadContext,
  type Resource,
} from './types.js';
import { bool, isUnsupported, NO_INDEX, num, str } from './util.js';

export const NAT44_KIND = 'nat44';
/** Resource key: NAT44-ED is enabled (interface roles and the pool need it). */
export const NAT44_KEY = 'nat44';

export const NAT44_PLUGIN = {
  name: 'nat',
  messages: {
    nat44_ed_plugin_enable_disable: '0xbe17f8dd',
    nat44_ed_plugin_enable_disable_reply: '0xe8d4e804',
    nat44_show_running_config: '0x51077d14',
    nat44_show_running_config_reply: '0x93d8e267',
    nat44_forwarding_enable_disable: '0xb3e225d2',
    nat44_forwarding_enable_disable_reply: '0xe8d4e804',
    nat44_add_del_address_range: '0x6f2b8055',
    nat44_add_del_address_range_reply: '0xe8d4e804',
    nat44_address_dump: '0x51077d14',
    nat44_address_details: '0x0d1beac1',
    nat44_interface_add_del_feature: '0xf3699b83',
    nat44_interface_add_del_feature_reply: '0xe8d4e804',
    nat44_interface_dump: '0x51077d14',
    nat44_interface_details: '0x5d286289',
    nat44_ed_add_del_output_interface: '0x47d6e753',
    nat44_ed_add_del_output_interface_reply: '0xe8d4e804',
    nat44_ed_output_interface_get: '0xf75ba505',
    nat44_ed_output_interface_get_reply: '0x53b48f5d',
    nat44_ed_output_interface_details: '0x0b45011c',
  },
} as const;

const NAT_IS_TWICE_NAT = 1;

/** What vppstate compares of the NAT44 settings (enabled is the object's existence). */
interface Nat44Object {
  insideVrf: number;
  outsideVrf: number;
  sessions?: number;
  forwarding: boolean;
  pool: Nat44PoolAddress[];
}

const asNat = (r: Resource): Nat44Object => r.obj as unknown as Nat44Object;

function enableCall(n: Nat44Object): ApiCall {
  return {
    message: 'nat44_ed_plugin_enable_disable',
    args: {
      enable: true,
      inside_vrf: n.insideVrf,
      outside_vrf: n.outsideVrf,
      sessions: n.sessions ?? 0,
      session_memory: 0,
      flags: 0,
    },
    cli: `nat44 plugin enable${n.sessions !== undefined ? ` sessions ${n.sessions}` : ''}${
      n.insideVrf ? ` inside-vrf ${n.insideVrf}` : ''
    }${n.outsideVrf ? ` outside-vrf ${n.outsideVrf}` : ''}`,
  };
}

const disableCall: ApiCall = {
  message: 'nat44_ed_plugin_enable_disable',
  args: { enable: false },
  cli: 'nat44 plugin disable',
};

function forwardingCall(on: boolean): ApiCall {
  return {
    message: 'nat44_forwarding_enable_disable',
    args: { enable: on },
    cli: `nat44 forwarding ${on ? 'enable' : 'disable'}`,
  };
}

/** Runs of consecutive addresses with the same settings: one call each. */
function ranges(pool: readonly Nat44PoolAddress[]): PoolRange[] {
  const sorted = [...pool].sort((x, y) => ipNum(x.address) - ipNum(y.address));
  const out: PoolRange[] = [];
  for (const a of sorted) {
    const r = out[out.length - 1];
    if (r && ipNum(r.last) + 1 === ipNum(a.address) && r.a.vrf === a.vrf && r.a.twiceNat === a.twiceNat)
      r.last = a.address;
    else out.push({ first: a.address, last: a.address, a });
  }
  return out;
}

type PoolRange = { first: string; last: string; a: Nat44PoolAddress };

/** The pool addresses of `list` inside range `r`. */
function within(list: readonly Nat44PoolAddress[], r: PoolRange): Nat44PoolAddress[] {
  return list.filter((a) => ipNum(a.address) >= ipNum(r.first) && ipNum(a.address) <= ipNum(r.last));
}

/** The op adding (with the range's table) or removing one pool range; `extra` adds keys. */
function poolOp(
  op: ReturnType<typeof opBuilder>,
  r: PoolRange,
  add: boolean,
  extra: { needs?: readonly string[]; provides?: readonly string[] } = {},
): Op {
  return op({
    field: 'pool',
    summary: `${add ? 'add' : 'remove'} pool ${r.first === r.last ? r.first : `${r.first}-${r.last}`}`,
    call: poolCall(r, add),
    inverse: [poolCall(r, !add)],
    needs: [
      NAT44_KEY,
      ...(add && r.a.vrf !== undefined ? tableKeys('ip4', r.a.vrf) : []),
      ...(extra.needs ?? []),
    ],
    ...(extra.provides ? { provides: extra.provides } : {}),
  });
}

function poolCall(r: PoolRange, add: boolean): ApiCall {
  const span = r.first === r.last ? r.first : `${r.first} - ${r.last}`;
  return {
    message: 'nat44_add_del_address_range',
    args: {
      first_ip_address: r.first,
      last_ip_address: r.last,
      vrf_id: r.a.vrf ?? NO_INDEX,
      is_add: add,
      flags: r.a.twiceNat ? NAT_IS_TWICE_NAT : 0,
    },
    cli: `nat44 add address ${span}${r.a.vrf !== undefined ? ` tenant-vrf ${r.a.vrf}` : ''}${
      r.a.twiceNat ? ' twice-nat' : ''
    }${add ? '' : ' del'}`,
  };
}

const ipNum = (a: string): number => ip4ToNumber(parseIp(a)?.bytes ?? new Uint8Array(4));
const poolKey = (a: string): string => `nat44-address:${a}`;
const sameAddress = (x: Nat44PoolAddress, y: Nat44PoolAddress): boolean =>
  x.address === y.address && x.vrf === y.vrf && x.twiceNat === y.twiceNat;

/** The calls that make NAT44 as `n` from disabled (create, and the undo of a disable). */
function enableCalls(n: Nat44Object): ApiCall[] {
  return [
    enableCall(n),
    ...(n.forwarding ? [forwardingCall(true)] : []),
    ...ranges(n.pool).map((r) => poolCall(r, true)),
  ];
}

async function read(ctx: ReadContext): Promise<Resource[]> {
  let cfg: ApiMessage;
  try {
    cfg = await ctx.caller.call('nat44_show_running_config');
  } catch (err) {
    if (isUnsupported(err)) return [];
    throw err;
  }
  // disabled: VPP zeroes its running config, and sessions is never 0 while enabled
  if (num(cfg, 'sessions') === 0) return [];
  const pool: Nat44PoolAddress[] = (await dumpOrNone(() => ctx.caller.dump('nat44_address_dump'))).map(
    (d) => {
      const vrf = num(d, 'vrf_id');
      return {
        address: str(d, 'ip_address'),
        twiceNat: (num(d, 'flags') & NAT_IS_TWICE_NAT) !== 0,
        ...(vrf !== NO_INDEX ? { vrf } : {}),
      };
    },
  );
  pool.sort((x, y) => ipNum(x.address) - ipNum(y.address));
  const n: Nat44Object = {
    insideVrf: num(cfg, 'inside_vrf'),
    outsideVrf: num(cfg, 'outside_vrf'),
    sessions: num(cfg, 'sessions'),
    forwarding: bool(cfg, 'forwarding_enabled'),
    pool,
  };
  return [{ kind: NAT44_KIND, id: SINGLETON_ID, obj: n as unknown as KindObject }];
}

export const nat44Kind: KindModule = {
  kind: NAT44_KIND,
  title: 'NAT44',
  section: 'nat44',
  singleton: true,
  plugin: NAT44_PLUGIN,
  // given at enable only: a change is disable + enable (a replace)
  immutable: ['insideVrf', 'outsideVrf', 'sessions'],
  unmanagedWhenUndefined: new Set(['sessions']),
  // No tag, and a section left out means "not managed": never deleted for being undeclared
  // (only `enabled: false`, or --prune all).
  taggable: false,
  fromModel(o) {
    const n = o as Nat44;
    if (!n.enabled) return undefined;
    const out: Nat44Object = {
      insideVrf: n.insideVrf,
      outsideVrf: n.outsideVrf,
      forwarding: n.forwarding,
      pool: n.pool.map((a) => ({ ...a })),
    };
    if (n.sessions !== undefined) out.sessions = n.sessions;
    return out as unknown as KindObject;
  },
  toModel(o) {
    const n = o as unknown as Nat44Object;
    const m: Nat44 = {
      enabled: true,
      insideVrf: n.insideVrf,
      outsideVrf: n.outsideVrf,
      staticMappingOnly: false,
      connectionTracking: false,
      forwarding: n.forwarding,
      pool: n.pool.map((a) => ({ ...a })),
    };
    if (n.sessions !== undefined) m.sessions = n.sessions;
    return m;
  },
  read,
  create(d) {
    const n = asNat(d);
    const op = opBuilder(d, 'create');
    const ops = [
      op({
        summary: `enable NAT44-ED${n.sessions !== undefined ? `, ${n.sessions} sessions` : ''}`,
        call: enableCall(n),
        inverse: [disableCall],
        provides: [NAT44_KEY],
        needs: [...tableKeys('ip4', n.insideVrf), ...tableKeys('ip4', n.outsideVrf)],
      }),
    ];
    if (n.forwarding)
      ops.push(
        op({
          field: 'forwarding',
          summary: 'forwarding on',
          call: forwardingCall(true),
          inverse: [forwardingCall(false)],
          needs: [NAT44_KEY],
        }),
      );
    for (const r of ranges(n.pool)) ops.push(poolOp(op, r, true));
    return ops;
  },
  update(d, l) {
    const n = asNat(d);
    const o = asNat(l);
    const op = opBuilder(d, 'update');
    const ops = [];
    if (n.forwarding !== o.forwarding)
      ops.push(
        op({
          field: 'forwarding',
          summary: `forwarding ${o.forwarding ? 'on' : 'off'} → ${n.forwarding ? 'on' : 'off'}`,
          call: forwardingCall(n.forwarding),
          inverse: [forwardingCall(o.forwarding)],
          needs: [NAT44_KEY],
        }),
      );
    const gone = o.pool.filter((a) => !n.pool.some((b) => sameAddress(a, b)));
    const added = n.pool.filter((a) => !o.pool.some((b) => sameAddress(a, b)));
    for (const r of ranges(gone))
      // an address whose settings change is removed before it is added back
      ops.push(poolOp(op, r, false, { provides: within(gone, r).map((a) => poolKey(a.address)) }));
    for (const r of ranges(added)) {
      const back = within(added, r).filter((a) => gone.some((g) => g.address === a.address));
      ops.push(poolOp(op, r, true, { needs: back.map((a) => poolKey(a.address)) }));
    }
    return ops;
  },
  delete(l) {
    const o = asNat(l);
    return [
      opBuilder(
        l,
        'delete',
      )({
        summary: 'disable NAT44-ED (its pool and interface roles go with it)',
        call: disableCall,
        inverse: enableCalls(o),
        removes: [NAT44_KEY],
        releases: [...tableKeys('ip4', o.insideVrf), ...tableKeys('ip4', o.outsideVrf)],
      }),
    ];
  },
};
