/**
 * linux-cp: the default namespace of host interfaces (lcp_default_ns_set / _get; one object, id
 * `global`), and the pairs (lcp_itf_pair_add_del_v2, read back through the cursor service
 * lcp_itf_pair_get_v2): a host (kernel) interface mirroring a VPP interface. A port's pair is a
 * tap VPP creates (from tap4096 up); a sub-interface's is a VLAN on its parent's host interface,
 * so the parent's pair comes first and goes last. The host tap in VPP is part of the pair: it is
 * never deleted, exported or reported on its own.
 */
import type { LinuxCp, LinuxCpPair } from '../types.js';
import { asInterface, INTERFACE_KIND } from './interface.js';
import { key, opBuilder } from './ops.js';
import { perInterface } from './per-interface.js';
import {
  SINGLETON_ID,
  type ApiCall,
  type KindModule,
  type KindObject,
  type ReadContext,
  type Resource,
} from './types.js';
import { ifRefOf, isUnsupported, NO_INDEX, num, str } from './util.js';

export const LINUX_CP_KIND = 'linux-cp';
export const LINUX_CP_PAIR_KIND = 'linux-cp-pair';

export const LINUX_CP_PLUGIN = {
  name: 'linux_cp',
  messages: {
    lcp_default_ns_set: '0x69749409',
    lcp_default_ns_set_reply: '0xe8d4e804',
    lcp_default_ns_get: '0x51077d14',
    lcp_default_ns_get_reply: '0x5102feee',
    lcp_itf_pair_add_del_v2: '0x40482b80',
    lcp_itf_pair_add_del_v2_reply: '0x39452f52',
    lcp_itf_pair_get_v2: '0x47250981',
    lcp_itf_pair_get_v2_reply: '0x53b48f5d',
    // VPP answers lcp_itf_pair_get_v2 for every interface with the v1 reply (11 step 19)
    lcp_itf_pair_get_reply: '0x53b48f5d',
    lcp_itf_pair_details: '0x8b5481af',
  },
} as const;

// ---- the default namespace -----------------------------------------------------------------

function nsCall(netns: string): ApiCall {
  return {
    message: 'lcp_default_ns_set',
    args: { netns },
    cli: netns ? `lcp default netns ${netns}` : 'lcp default netns clear',
  };
}

/**
 * The default namespace, from `show lcp`. lcp_default_ns_get is no use when none is set: VPP
 * leaves the reply's netns as it found the buffer (leftover memory, measured on the real VPP).
 */
async function readGlobal(ctx: ReadContext): Promise<Resource[]> {
  let netns: string;
  try {
    const text = String((await ctx.caller.call('cli_inband', { cmd: 'show lcp' })).reply ?? '');
    const m = /^lcp default netns '(.*)'\r?$/m.exec(text);
    if (!m) return []; // no linux-cp plugin: the CLI does not know the command
    netns = m[1] === '<unset>' ? '' : m[1];
  } catch (err) {
    if (!isUnsupported(err)) throw err;
    // no CLI: the API, trusted only because nothing better is left
    try {
      netns = str(await ctx.caller.call('lcp_default_ns_get'), 'netns');
    } catch (e) {
      if (isUnsupported(e)) return [];
      throw e;
    }
  }
  return netns ? [{ kind: LINUX_CP_KIND, id: SINGLETON_ID, obj: { defaultNamespace: netns } }] : [];
}

const nsOf = (r: Resource): string => String(r.obj.defaultNamespace ?? '');

export const linuxCpKind: KindModule = {
  kind: LINUX_CP_KIND,
  title: 'linux-cp',
  section: 'linuxCp',
  singleton: true,
  plugin: LINUX_CP_PLUGIN,
  immutable: [],
  // a section left out is not managed: never deleted for being undeclared
  taggable: false,
  fromModel: (o) => {
    const ns = (o as LinuxCp).defaultNamespace;
    return ns ? { defaultNamespace: ns } : undefined;
  },
  toModel: (o) => ({ defaultNamespace: String(o.defaultNamespace ?? '') }),
  read: readGlobal,
  create: (d) => [
    opBuilder(
      d,
      'create',
    )({
      summary: `default namespace ${nsOf(d)}`,
      call: nsCall(nsOf(d)),
      inverse: [nsCall('')],
    }),
  ],
  update: (d, l) => [
    opBuilder(
      d,
      'update',
    )({
      field: 'defaultNamespace',
      summary: `default namespace ${nsOf(l)} → ${nsOf(d)}`,
      call: nsCall(nsOf(d)),
      inverse: [nsCall(nsOf(l))],
    }),
  ],
  delete: (l) => [
    opBuilder(
      l,
      'delete',
    )({
      summary: `default namespace ${nsOf(l)} → VPP's own`,
      call: nsCall(''),
      inverse: [nsCall(nsOf(l))],
    }),
  ],
};

// ---- pairs ---------------------------------------------------------------------------------

/** Resource key: the interface has its pair (a sub-interface's pair needs its parent's). */
const pairKey = (itf: string): string => `lcp-pair:${itf}`;
const HOST_TYPE = { tap: 0, tun: 1 } as const;

const asPair = (r: Resource): LinuxCpPair => r.obj as unknown as LinuxCpPair;

function pairCall(itf: string, p: LinuxCpPair, add: boolean): ApiCall {
  return {
    message: 'lcp_itf_pair_add_del_v2',
    args: {
      is_add: add,
      sw_if_index: ifRefOf(itf),
      host_if_name: add ? p.hostName : '',
      host_if_type: HOST_TYPE[p.hostType],
      netns: add ? p.namespace : '',
    },
    cli: add
      ? `lcp create ${itf} host-if ${p.hostName}${p.namespace ? ` netns ${p.namespace}` : ''}${
          p.hostType === 'tun' ? ' tun' : ''
        }`
      : `lcp delete ${itf}`,
  };
}

/** The parent of a sub-interface (its pair must exist first), from the desired or live objects. */
function parentOf(itf: string, ifs: ReadonlyMap<string, Resource> | undefined): string | undefined {
  const r = ifs?.get(itf);
  if (!r) return undefined;
  const i = asInterface(r);
  return i.kind === 'sub-interface' ? i.sub.parent : undefined;
}

async function readPairs(ctx: ReadContext): Promise<Resource[]> {
  const out: Resource[] = [];
  try {
    for await (const d of ctx.caller.detailsIter('lcp_itf_pair_get_v2', {
      cursor: 0,
      sw_if_index: NO_INDEX,
    })) {
      const phy = ctx.ifName.get(num(d, 'phy_sw_if_index'));
      if (phy === undefined) continue;
      const host = ctx.ifName.get(num(d, 'host_sw_if_index'));
      if (host !== undefined)
        ctx.partOf({ kind: INTERFACE_KIND, id: host }, { kind: LINUX_CP_PAIR_KIND, id: phy });
      const p: LinuxCpPair = {
        hostName: str(d, 'host_if_name'),
        hostType: num(d, 'host_if_type') === HOST_TYPE.tun ? 'tun' : 'tap',
        namespace: str(d, 'netns'),
      };
      out.push({ kind: LINUX_CP_PAIR_KIND, id: phy, obj: p as unknown as KindObject });
    }
  } catch (err) {
    if (isUnsupported(err)) return [];
    throw err;
  }
  return out;
}

export const linuxCpPairKind: KindModule = {
  kind: LINUX_CP_PAIR_KIND,
  title: 'linux-cp pairs',
  section: '',
  ...perInterface({
    field: 'linuxCp',
    yaml: 'linux-cp',
    fromInterface: (i) => (i.linuxCp ? ({ ...i.linuxCp } as unknown as KindObject) : undefined),
    intoInterface: (i, o) => {
      i.linuxCp = { ...(o as unknown as LinuxCpPair) };
    },
  }),
  readAfter: [INTERFACE_KIND],
  // a pair cannot change: it is deleted and made again (a new host interface)
  immutable: ['hostName', 'hostType', 'namespace'],
  taggable: false,
  plugin: LINUX_CP_PLUGIN,
  features: ['linux-cp-*'],
  read: readPairs,
  // a sub-interface's host side is a VLAN on its parent's host tap, gone when that tap goes
  cascades(l, live) {
    const subs = [...(live.get(LINUX_CP_PAIR_KIND)?.values() ?? [])];
    return subs
      .filter((r) => parentOf(r.id, live.get(INTERFACE_KIND)) === l.id)
      .map((r) => ({ kind: LINUX_CP_PAIR_KIND, id: r.id }));
  },
  create(d, ctx) {
    const p = asPair(d);
    const parent = parentOf(d.id, ctx.desired.get(INTERFACE_KIND));
    return [
      opBuilder(
        d,
        'create',
      )({
        summary: `pair with host ${p.hostType} ${p.hostName}${p.namespace ? ` in ${p.namespace}` : ''}`,
        call: pairCall(d.id, p, true),
        inverse: [pairCall(d.id, p, false)],
        provides: [pairKey(d.id)],
        needs: [key.iface(d.id), ...(parent ? [pairKey(parent)] : [])],
      }),
    ];
  },
  update: () => [],
  delete(l, ctx) {
    const p = asPair(l);
    const parent = parentOf(l.id, ctx.live.get(INTERFACE_KIND));
    return [
      opBuilder(
        l,
        'delete',
      )({
        summary: `remove the pair with host ${p.hostName}`,
        call: pairCall(l.id, p, false),
        inverse: [pairCall(l.id, p, true)],
        removes: [pairKey(l.id)],
        releases: [key.iface(l.id), ...(parent ? [pairKey(parent)] : [])],
      }),
    ];
  },
};
