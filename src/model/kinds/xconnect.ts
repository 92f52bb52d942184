import type { L2Xconnect } from '../types.js';
import { key, opBuilder } from './ops.js';
import type { ApiCall, KindModule, KindObject, ObjectSet, ReadContext, Resource } from './types.js';
import { ifRefOf, num } from './util.js';
import { INTERFACE_KIND } from './interface.js';

export const XCONNECT_KIND = 'l2-xconnect';
const asXc = (r: Resource): L2Xconnect => r.obj as unknown as L2Xconnect;

function call(rx: string, tx: string, enable: boolean): ApiCall {
  return {
    message: 'sw_interface_set_l2_xconnect',
    args: { rx_sw_if_index: ifRefOf(rx), tx_sw_if_index: ifRefOf(tx), enable },
    cli: enable ? `set interface l2 xconnect ${rx} ${tx}` : `set interface l3 ${rx}`,
  };
}

async function read(ctx: ReadContext): Promise<Resource[]> {
  const out: Resource[] = [];
  for (const d of await ctx.caller.dump('l2_xconnect_dump', {})) {
    const rx = ctx.ifName.get(num(d, 'rx_sw_if_index'));
    const tx = ctx.ifName.get(num(d, 'tx_sw_if_index'));
    // VPP keeps listing a direction whose peer was deleted (07 step 24): not a real xconnect.
    if (rx === undefined || tx === undefined) continue;
    out.push({ kind: XCONNECT_KIND, id: rx, obj: { rx, tx } as KindObject });
  }
  return out;
}

export const xconnectKind: KindModule = {
  kind: XCONNECT_KIND,
  title: 'l2 xconnects',
  section: 'l2Xconnects',
  identity: ['rx'],
  readAfter: [INTERFACE_KIND],
  immutable: ['rx'],
  taggable: false,
  read,
  create(d) {
    const x = asXc(d);
    return [
      opBuilder(
        d,
        'create',
      )({
        summary: `xconnect ${x.rx} → ${x.tx}`,
        call: call(x.rx, x.tx, true),
        inverse: [call(x.rx, x.tx, false)],
        needs: [key.iface(x.rx), key.iface(x.tx), key.l2Free(x.rx)],
      }),
    ];
  },
  update(d, l) {
    const x = asXc(d);
    const o = asXc(l);
    return [
      opBuilder(
        d,
        'update',
      )({
        field: 'tx',
        summary: `xconnect ${x.rx} → ${o.tx} becomes → ${x.tx}`,
        call: call(x.rx, x.tx, true),
        inverse: [call(o.rx, o.tx, true)],
        needs: [key.iface(x.rx), key.iface(x.tx)],
        releases: [key.iface(o.tx)],
      }),
    ];
  },
  delete(l) {
    const x = asXc(l);
    return [
      opBuilder(
        l,
        'delete',
      )({
        summary: `remove xconnect ${x.rx} → ${x.tx}`,
        call: call(x.rx, x.tx, false),
        inverse: [call(x.rx, x.tx, true)],
        releases: [key.iface(x.rx), key.iface(x.tx)],
        provides: [key.l2Free(x.rx)],
      }),
    ];
  },
  // Deleting rx removes this cross-connect, and VPP puts tx back in L3 mode (whatever it was
  // in); deleting tx leaves it pointing at the dead index: it goes first and comes back after.
  refs: (o) => [
    { kind: INTERFACE_KIND, id: String(o.rx), drop: 'object' },
    { kind: INTERFACE_KIND, id: String(o.tx), drop: 'object' },
  ],
  ownedBy(l: Resource, live: ObjectSet): boolean {
    return live.get(INTERFACE_KIND)?.get(asXc(l).rx)?.owned === true;
  },
};
