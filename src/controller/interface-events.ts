/**
 * VPP interface events as a reconcile trigger, without triggering on our own changes.
 *
 * VPP sends `sw_interface_event` (after want_interface_events) on admin and link changes,
 * creation and deletion, batched by its link-state process and sent some time after the change:
 * often after our apply has already read VPP back. Its flags are the bits of the events that
 * happened in that batch, not the interface's state (an admin-down or a creation carries 0). So
 * an event is only a hint: the interfaces it names are read again and compared with what the
 * last reconcile saw (name and admin state per sw_if_index). Only a difference triggers a
 * reconcile; an event our own apply caused finds VPP as that apply left it.
 */
import type { ApiMessage, VppCaller } from '../api/types.js';
import type { LiveState } from '../model/live.js';

/** What the last reconcile saw of each interface, by sw_if_index. */
export type InterfaceSnapshot = ReadonlyMap<number, { readonly name: string; readonly up: boolean }>;

const NO_INDEX = 0xffffffff;

export function snapshotOf(live: LiveState): InterfaceSnapshot {
  const out = new Map<number, { name: string; up: boolean }>();
  const objs = live.objects.get('interface');
  for (const [idx, name] of live.ifName) {
    const o = objs?.get(name)?.obj;
    // local0 and interfaces the model does not read count as down unless read otherwise.
    out.set(idx, { name, up: o?.adminState === 'up' });
  }
  return out;
}

/** A difference between VPP now and the snapshot, in words (for the log). */
export type InterfaceChange = string;

/**
 * Compares the interfaces named by events with the snapshot: reads each one (a filtered
 * sw_interface_dump) and says what changed.
 */
export async function changedInterfaces(
  caller: VppCaller,
  snapshot: InterfaceSnapshot,
  events: ReadonlyMap<number, { deleted: boolean }>,
): Promise<InterfaceChange[]> {
  const out: InterfaceChange[] = [];
  for (const [idx, ev] of events) {
    if (idx === NO_INDEX) continue;
    const before = snapshot.get(idx);
    let now: ApiMessage | undefined;
    if (!ev.deleted) [now] = await caller.dump('sw_interface_dump', { sw_if_index: idx });
    if (now === undefined) {
      if (before) out.push(`${before.name} (sw_if_index ${idx}) deleted`);
      continue;
    }
    const name = String(now.interface_name);
    const up = (Number(now.flags) & 1) === 1;
    if (!before) out.push(`${name} (sw_if_index ${idx}) created`);
    else if (before.name !== name) out.push(`sw_if_index ${idx} is now ${name} (was ${before.name})`);
    else if (before.up !== up)
      out.push(`${name} admin ${up ? 'up' : 'down'} (was ${before.up ? 'up' : 'down'})`);
  }
  return out;
}
