/**
 * The sample plugin's MAC swap (sample_macswap_enable_disable), the worked example of
 * docs/plugins.md. VPP accepts only whole interfaces (a sub-interface gets -2). The plugin has
 * no dump: macswap is the feature `sample` on the arc `device-input`, read back with
 * feature_is_enabled where its answer means something and the CLI elsewhere (feature-arcs.ts);
 * where VPP offers neither, the kind says it cannot verify, and drift says so.
 */
import { asInterface, INTERFACE_KIND } from './interface.js';
import { featureOn, showFeatures } from './feature-arcs.js';
import { key, opBuilder } from './ops.js';
import { perInterface } from './per-interface.js';
import type { ApiCall, KindModule, ReadContext, Resource } from './types.js';
import { ifRefOf, isIdRefTo } from './util.js';

export const MACSWAP_KIND = 'macswap';
const ARC = 'device-input';
const FEATURE = 'sample';

function call(itf: string, on: boolean): ApiCall {
  return {
    message: 'sample_macswap_enable_disable',
    args: { sw_if_index: ifRefOf(itf), enable_disable: on },
    cli: `sample macswap ${itf}${on ? '' : ' disable'}`,
  };
}

async function read(ctx: ReadContext): Promise<Resource[]> {
  // Without the plugin nothing can be on (and the documents cannot ask: availability).
  if (ctx.caller.messageCrc && ctx.caller.messageCrc('sample_macswap_enable_disable') === undefined)
    return [];
  const ifs: Array<{ name: string; index: number }> = [];
  // a call per interface: when planning, only the declared interfaces (as the feature kind);
  // export reads every one
  const wanted = ctx.wanted?.get(MACSWAP_KIND);
  for (const r of ctx.objects.get(INTERFACE_KIND)?.values() ?? []) {
    if (wanted && !wanted.has(r.id)) continue;
    if (asInterface(r).kind === 'sub-interface') continue; // refused by the plugin
    const index = ctx.ifIndex.get(r.id);
    if (index !== undefined) ifs.push({ name: r.id, index });
  }
  const on = await featureOn(ctx.caller, ARC, FEATURE, ifs);
  if (on === undefined) {
    ctx.unverifiable('this VPP has neither feature_is_enabled nor cli_inband to read macswap back');
    return [];
  }
  return [...on].map((id) => ({ kind: MACSWAP_KIND, id, obj: {} }));
}

export const macswapKind: KindModule = {
  kind: MACSWAP_KIND,
  title: 'macswap',
  section: '',
  ...perInterface({
    field: 'macswap',
    yaml: 'macswap',
    fromInterface: (i) => (i.macswap ? {} : undefined),
    intoInterface: (i) => {
      i.macswap = true;
    },
  }),
  readAfter: [INTERFACE_KIND],
  immutable: [],
  taggable: false,
  plugin: {
    name: 'sample',
    messages: {
      sample_macswap_enable_disable: '0x3865946c',
      sample_macswap_enable_disable_reply: '0xe8d4e804',
    },
  },
  features: [FEATURE],
  retry: {
    // Switching it on twice puts it on the arc twice (frames swapped twice: not at all), so a
    // lost call is looked for before it is sent again.
    async recover(c, caller) {
      const ref = c.args.sw_if_index;
      if (!isIdRefTo(ref, 'if')) return undefined;
      const on = (await showFeatures(caller, ref.name))?.get(ARC)?.includes(FEATURE);
      return on === (c.args.enable_disable === true) ? { retval: 0 } : undefined;
    },
  },
  read,
  create: (d) => [
    opBuilder(
      d,
      'create',
    )({
      summary: 'macswap on',
      call: call(d.id, true),
      inverse: [call(d.id, false)],
      needs: [key.iface(d.id)],
    }),
  ],
  update: () => [],
  delete: (l) => [
    opBuilder(
      l,
      'delete',
    )({
      summary: 'macswap off',
      call: call(l.id, false),
      inverse: [call(l.id, true)],
      releases: [key.iface(l.id)],
    }),
  ],
};
