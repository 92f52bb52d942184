import { emptyState } from '../../src/model/defaults.js';
import type {
  BondInterface,
  BridgeDomain,
  HardwareInterface,
  Interface,
  InterfaceCommon,
  LoopbackInterface,
  Route,
  State,
  SubInterface,
  Vrf,
} from '../../src/model/types.js';

type Common = Partial<Omit<InterfaceCommon, 'name' | 'kind'>>;

function common(name: string, c: Common): Omit<InterfaceCommon, 'kind'> {
  return {
    name,
    adminState: 'up',
    vrf: { ipv4: 0, ipv6: 0 },
    addresses: [],
    acls: { input: [], output: [] },
    nat44: { inside: false, outside: false, output: false },
    macswap: false,
    ...c,
  };
}

export const loop = (instance: number, c: Common = {}): LoopbackInterface => ({
  ...common(`loop${instance}`, c),
  kind: 'loopback',
  loopback: { instance },
});

export const hw = (name: string, c: Common = {}): HardwareInterface => ({
  ...common(name, c),
  kind: 'hardware',
});

export const sub = (
  parent: string,
  subId: number,
  c: Common & { outer?: number; inner?: number } = {},
): SubInterface => {
  const { outer, inner, ...rest } = c;
  return {
    ...common(`${parent}.${subId}`, rest),
    kind: 'sub-interface',
    sub: {
      parent,
      subId,
      outerVlan: outer ?? subId,
      ...(inner !== undefined ? { innerVlan: inner } : {}),
      dot1ad: false,
      exactMatch: true,
      default: false,
    },
  };
};

export const bond = (id: number, members: string[], c: Common = {}): BondInterface => ({
  ...common(`BondEthernet${id}`, c),
  kind: 'bond',
  bond: {
    id,
    mode: 'lacp',
    loadBalance: 'l2',
    numaOnly: false,
    members: Object.fromEntries(members.map((m) => [m, { passive: false, longTimeout: false }])),
  },
});

export const vrf = (id: number, v6 = false): Vrf => ({
  id,
  ipv4: { name: `ipv4-VRF:${id}` },
  ...(v6 ? { ipv6: { name: `ipv6-VRF:${id}` } } : {}),
});

export const route = (vrfId: number, prefix: string, paths: Partial<Route['paths'][number]>[]): Route => ({
  vrf: vrfId,
  prefix,
  paths: paths.map((p) => ({ type: 'normal', weight: 1, preference: 0, ...p })),
});

export const bd = (id: number, b: Partial<BridgeDomain> = {}): BridgeDomain => ({
  id,
  learn: true,
  forward: true,
  flood: true,
  unknownUnicastFlood: true,
  arpTermination: false,
  arpUnicastForward: false,
  macAge: 0,
  members: {},
  ...b,
});

/** A State from lists of objects. */
export function state(parts: {
  interfaces?: Interface[];
  vrfs?: Vrf[];
  routes?: Route[];
  bridgeDomains?: BridgeDomain[];
  xconnects?: Array<[string, string]>;
}): State {
  const s = emptyState();
  for (const i of parts.interfaces ?? []) s.interfaces[i.name] = i;
  for (const v of parts.vrfs ?? []) s.vrfs[String(v.id)] = v;
  for (const r of parts.routes ?? []) s.routes[`${r.vrf}:${r.prefix}`] = r;
  for (const b of parts.bridgeDomains ?? []) s.bridgeDomains[String(b.id)] = b;
  for (const [rx, tx] of parts.xconnects ?? []) s.l2Xconnects[rx] = { rx, tx };
  return s;
}
