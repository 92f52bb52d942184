/**
 * TCP MSS clamping per interface and direction (mss_clamp_enable_disable), read back through the
 * cursor service mss_clamp_get. VPP keeps the settings of a deleted interface and shows them on
 * the next interface that takes its index; vppstate reads what VPP reports and puts it right.
 */
import type { MssClamp, MssClampDirection, MssClampFamily } from '../types.js';
import { INTERFACE_KIND } from './interface.js';
import { key, opBuilder } from './ops.js';
import { perInterface } from './per-interface.js';
import type { ApiCall, KindModule, KindObject, ReadContext, Resource } from './types.js';
import { ifRefOf, isUnsupported, NO_INDEX, num } from './util.js';

export const MSS_CLAMP_KIND = 'mss-clamp';

const DIR: Record<MssClampDirection, number> = { rx: 1, tx: 2, both: 3 };
const DIR_NAME = new Map(Object.entries(DIR).map(([k, v]) => [v, k as MssClampDirection]));

const asClamp = (r: Resource): MssClamp => r.obj as unknown as MssClamp;

function setCall(itf: string, c: MssClamp): ApiCall {
  const v4 = c.ipv4;
  const v6 = c.ipv6;
  const fam = (f: MssClampFamily | undefined, name: string): string =>
    f
      ? ` ${name} ${f.mss}${f.direction === 'both' ? '' : ` ${name}-direction ${f.direction}`}`
      : ` ${name}-direction none`;
  return {
    message: 'mss_clamp_enable_disable',
    args: {
      sw_if_index: ifRefOf(itf),
      ipv4_mss: v4?.mss ?? 0,
      ipv6_mss: v6?.mss ?? 0,
      ipv4_direction: v4 ? DIR[v4.direction] : 0,
      ipv6_direction: v6 ? DIR[v6.direction] : 0,
    },
    cli:
      v4 || v6
        ? `set interface tcp-mss-clamp ${itf}${fam(v4, 'ip4')}${fam(v6, 'ip6')}`
        : `set interface tcp-mss-clamp ${itf} disable`,
  };
}

const OFF: MssClamp = {};

function family(mss: number, dir: number): MssClampFamily | undefined {
  const d = DIR_NAME.get(dir & 3);
  return d ? { mss, direction: d } : undefined;
}

async function read(ctx: ReadContext): Promise<Resource[]> {
  const out: Resource[] = [];
  try {
    for await (const d of ctx.caller.detailsIter('mss_clamp_get', { cursor: 0, sw_if_index: NO_INDEX })) {
      const itf = ctx.ifName.get(num(d, 'sw_if_index'));
      if (itf === undefined) continue; // an entry VPP kept for a deleted interface
      const c: MssClamp = {};
      const v4 = family(num(d, 'ipv4_mss'), num(d, 'ipv4_direction'));
      const v6 = family(num(d, 'ipv6_mss'), num(d, 'ipv6_direction'));
      if (v4) c.ipv4 = v4;
      if (v6) c.ipv6 = v6;
      if (!v4 && !v6) continue;
      out.push({ kind: MSS_CLAMP_KIND, id: itf, obj: c as unknown as KindObject });
    }
  } catch (err) {
    if (isUnsupported(err)) return [];
    throw err;
  }
  return out;
}

const describe = (c: MssClamp): string =>
  (['ipv4', 'ipv6'] as const)
    .filter((f) => c[f])
    .map((f) => `${f} ${c[f]?.mss} ${c[f]?.direction}`)
    .join(', ') || 'off';

export const mssClampKind: KindModule = {
  kind: MSS_CLAMP_KIND,
  title: 'MSS clamping',
  section: '',
  ...perInterface({
    field: 'mssClamp',
    yaml: 'mss-clamp',
    fromInterface: (i) => (i.mssClamp ? (structuredClone(i.mssClamp) as unknown as KindObject) : undefined),
    intoInterface: (i, o) => {
      i.mssClamp = structuredClone(o) as unknown as MssClamp;
    },
  }),
  readAfter: [INTERFACE_KIND],
  immutable: [],
  taggable: false,
  plugin: {
    name: 'mss_clamp',
    messages: {
      mss_clamp_enable_disable: '0xd31b44e3',
      mss_clamp_enable_disable_reply: '0xe8d4e804',
      mss_clamp_get: '0x47250981',
      mss_clamp_get_reply: '0x53b48f5d',
      mss_clamp_details: '0xd3a4de61',
    },
  },
  features: ['tcp-mss-clamping-*'],
  read,
  create(d) {
    const c = asClamp(d);
    return [
      opBuilder(
        d,
        'create',
      )({
        summary: `clamp TCP MSS: ${describe(c)}`,
        call: setCall(d.id, c),
        inverse: [setCall(d.id, OFF)],
        needs: [key.iface(d.id)],
      }),
    ];
  },
  update(d, l) {
    const c = asClamp(d);
    const o = asClamp(l);
    return [
      opBuilder(
        d,
        'update',
      )({
        summary: `TCP MSS clamping ${describe(o)} → ${describe(c)}`,
        call: setCall(d.id, c),
        inverse: [setCall(d.id, o)],
        needs: [key.iface(d.id)],
      }),
    ];
  },
  delete(l) {
    const o = asClamp(l);
    return [
      opBuilder(
        l,
        'delete',
      )({
        summary: `stop clamping TCP MSS (was ${describe(o)})`,
        call: setCall(l.id, OFF),
        inverse: [setCall(l.id, o)],
        releases: [key.iface(l.id)],
      }),
    ];
  },
};
