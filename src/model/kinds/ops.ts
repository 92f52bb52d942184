import type { Action, ApiCall, Op, Resource, SourcePos } from './types.js';

/** Builds ops for one object, filling kind, id, action and source once. */
export function opBuilder(
  target: Resource,
  action: Action,
): (spec: {
  field?: string;
  summary: string;
  call: ApiCall;
  inverse?: readonly ApiCall[];
  provides?: readonly string[];
  removes?: readonly string[];
  needs?: readonly string[];
  releases?: readonly string[];
  source?: SourcePos;
}) => Op {
  return (spec) => ({
    kind: target.kind,
    id: target.id,
    action,
    field: spec.field,
    summary: spec.summary,
    call: spec.call,
    inverse: spec.inverse ?? [],
    provides: spec.provides,
    removes: spec.removes,
    needs: spec.needs,
    releases: spec.releases,
    source: spec.source ?? target.source,
  });
}

/** Resource keys, one place so kinds agree on spelling. */
export const key = {
  iface: (name: string) => `if:${name}`,
  table: (fam: 'ip4' | 'ip6', id: number) => `table:${fam}:${id}`,
  bind: (name: string, fam: 'ip4' | 'ip6') => `bind:${name}:${fam}`,
  addrsGone: (name: string, fam: 'ip4' | 'ip6') => `addrs-gone:${name}:${fam}`,
  addrSlot: (fam: 'ip4' | 'ip6', vrf: number) => `addr-slot:${fam}:${vrf}`,
  mtuUp: (name: string) => `mtu-up:${name}`,
  mtuDown: (name: string) => `mtu-down:${name}`,
  l2Free: (name: string) => `l2-free:${name}`,
  bd: (id: number) => `bd:${id}`,
  bondFree: (name: string) => `bond-free:${name}`,
  /** An interface is admin up: VPP refuses a sub-interface up under a parent that is down. */
  adminUp: (name: string) => `admin-up:${name}`,
};

/** Keys whose table is 0 need nothing: table 0 always exists. */
export function tableKeys(fam: 'ip4' | 'ip6', id: number | undefined): string[] {
  return id ? [key.table(fam, id)] : [];
}
