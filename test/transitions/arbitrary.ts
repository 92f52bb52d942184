/**
 * Random valid configurations over every core kind and setting, as YAML documents: hardware
 * ports (MTU, MAC, admin state, addresses, VRF), bonds of every mode with ports moving between
 * them, sub-interfaces of every encapsulation on ports and bonds (renamed while keeping their
 * tags), loopbacks (BVIs, unnumbered, addresses in VRFs), VXLAN tunnels (renamed while keeping
 * their endpoints and VNI), memifs on sockets that change id or file, bridge domains, cross-
 * connects, VRFs and routes via the interfaces. Names and values come from small sets, so two
 * draws share most objects and differ the way transitions do.
 */
import fc from 'fast-check';

export const PORTS = [
  'GigabitEthernet0/8/0',
  'GigabitEthernet0/9/0',
  'GigabitEthernet3/0/0',
  'GigabitEthernet3/0/1',
];

type Use = 'none' | 'l3' | 'bridge' | 'xconnect';
const use = fc.constantFrom<Use>('none', 'l3', 'bridge', 'xconnect');
const maybe = <T>(...xs: T[]) => fc.constantFrom<T | undefined>(undefined, ...xs);

const genome = fc.record({
  vrfs: fc.subarray([10, 20]),
  ports: fc.tuple(
    ...PORTS.map((_, i) =>
      fc.record({
        mtu: maybe(1500, 9000),
        mac: maybe(`02:00:00:00:0${i}:01`, `02:00:00:00:0${i}:02`),
        down: fc.boolean(),
        use: fc.constantFrom<Use | 'bond0' | 'bond1'>('none', 'l3', 'bridge', 'xconnect', 'bond0', 'bond1'),
        vrf: fc.nat(2),
      }),
    ),
  ),
  bonds: fc.tuple(
    ...[0, 1].map((b) =>
      fc.record({
        present: fc.boolean(),
        mode: fc.constantFrom('xor', 'lacp', 'active-backup', 'round-robin'),
        lb: fc.constantFrom('l2', 'l34'),
        mac: maybe(`02:00:00:0b:0${b}:00`),
      }),
    ),
  ),
  subs: fc.array(
    fc.record({
      parent: fc.constantFrom(PORTS[0], 'BondEthernet0', 'BondEthernet1'),
      id: fc.constantFrom(100, 200, 300),
      enc: fc.constantFrom('dot1q', 'dot1ad', 'qinq', 'dot1ad-qinq', 'default', 'loose'),
      tag: fc.constantFrom(100, 200),
      use,
      mtu: maybe(1500),
      vrf: fc.nat(2),
    }),
    { maxLength: 4 },
  ),
  loops: fc.array(
    fc.record({
      use: fc.constantFrom<Use | 'bvi' | 'unnumbered'>('none', 'l3', 'bridge', 'bvi', 'unnumbered'),
      mtu: maybe(1500, 9000),
      mac: fc.boolean(),
      vrf: fc.nat(2),
      description: maybe('core', 'edge link'),
      v6: fc.boolean(),
    }),
    { maxLength: 3 },
  ),
  vxlans: fc.array(
    fc.record({
      instance: fc.constantFrom(0, 10),
      dst: fc.constantFrom(2, 3),
      vni: fc.constantFrom(100, 200),
      use: fc.constantFrom<Use>('none', 'bridge', 'xconnect'),
    }),
    { maxLength: 2 },
  ),
  memif: fc.record({
    socket: fc.constantFrom(1, 2),
    file: fc.constantFrom('a', 'b'),
    // one role per socket (VPP refuses both on one, -68); it changes between draws
    role: fc.constantFrom('master', 'slave'),
    ifs: fc.array(fc.record({ id: fc.constantFrom(0, 1), use }), { maxLength: 2 }),
  }),
  bds: fc.tuple(
    ...[10, 20].map(() =>
      fc.record({
        present: fc.boolean(),
        learn: fc.boolean(),
        macAge: fc.constantFrom(0, 5),
        arpTerm: fc.boolean(),
      }),
    ),
  ),
  routes: fc.boolean(),
  oneWayXconnect: fc.boolean(),
});

type Doc = Record<string, Record<string, unknown>>;

/** A valid configuration (a YAML document as a plain object) drawn over every kind and setting. */
export const configuration: fc.Arbitrary<Doc> = genome.map((g) => {
  const vrfIds = [0, ...g.vrfs];
  const vrfOf = (pick: number) => vrfIds[pick % vrfIds.length];
  const interfaces: Record<string, Record<string, unknown>> = {};
  const roles = new Map<string, Use>();
  let net = 0;
  const l3: Array<{ name: string; vrf: number; k: number }> = [];
  const addL3 = (name: string, vrf: number, v6 = false): void => {
    const k = ++net;
    interfaces[name].addresses = [`10.${k}.0.1/24`, ...(v6 ? [`2001:db8:${k}::1/64`] : [])];
    if (vrf) interfaces[name].vrf = vrf;
    l3.push({ name, vrf, k });
  };
  const bonds = g.bonds.map((b, i) => (b.present ? `BondEthernet${i}` : undefined));
  const members: Record<string, string[]> = { BondEthernet0: [], BondEthernet1: [] };
  g.ports.forEach((p, i) => {
    const name = PORTS[i];
    const o: Record<string, unknown> = {};
    if (p.mtu !== undefined) o.mtu = p.mtu;
    if (p.mac !== undefined) o.mac = p.mac;
    if (p.down) o['admin-state'] = 'down';
    interfaces[name] = o;
    if (p.use === 'bond0' || p.use === 'bond1') {
      const b = bonds[p.use === 'bond0' ? 0 : 1];
      if (b) members[b].push(name);
    } else if (p.use === 'l3') addL3(name, vrfOf(p.vrf));
    else roles.set(name, p.use);
  });
  g.bonds.forEach((b, i) => {
    const name = bonds[i];
    if (!name) return;
    interfaces[name] = {
      ...(b.mac ? { mac: b.mac } : {}),
      bond: {
        mode: b.mode,
        ...(b.mode === 'xor' || b.mode === 'lacp' ? { 'load-balance': b.lb } : {}),
        members: members[name],
      },
    };
  });
  const tagsUsed = new Set<string>();
  for (const s of g.subs) {
    const name = `${s.parent}.${s.id}`;
    if (interfaces[name] || !interfaces[s.parent]) continue; // no such bond, or drawn twice
    if (members.BondEthernet0.includes(s.parent) || members.BondEthernet1.includes(s.parent)) continue;
    const tags =
      s.enc === 'default'
        ? 'default'
        : `${s.enc.startsWith('dot1ad') ? 'ad' : 'q'} ${s.tag}${s.enc.endsWith('qinq') ? ' 7' : ''}`;
    if (tagsUsed.has(`${s.parent} ${tags}`)) continue;
    tagsUsed.add(`${s.parent} ${tags}`);
    const enc: Record<string, unknown> =
      s.enc === 'default'
        ? { default: true }
        : {
            outer: s.tag,
            ...(s.enc.endsWith('qinq') ? { inner: 7 } : {}),
            ...(s.enc.startsWith('dot1ad') ? { dot1ad: true } : {}),
            ...(s.enc === 'loose' ? { 'exact-match': false } : {}),
          };
    const exact = s.enc !== 'loose' && s.enc !== 'default';
    interfaces[name] = {
      encapsulation: enc,
      ...(s.mtu !== undefined ? { mtu: s.mtu } : {}),
      // VPP brings a sub-interface up only under a parent that is up
      ...(interfaces[s.parent]['admin-state'] === 'down' ? { 'admin-state': 'down' } : {}),
    };
    if (s.use === 'l3' && exact) addL3(name, vrfOf(s.vrf));
    else roles.set(name, s.use === 'l3' ? 'none' : s.use);
  }
  const bvis: string[] = [];
  const unnumbered: string[] = [];
  g.loops.forEach((l, i) => {
    const name = `loop${i}`;
    interfaces[name] = {
      ...(l.mtu !== undefined ? { mtu: l.mtu } : {}),
      ...(l.mac ? { mac: `02:00:00:00:1${i}:00` } : {}),
      ...(l.description ? { description: l.description } : {}),
    };
    if (l.use === 'l3') addL3(name, vrfOf(l.vrf), l.v6 && g.vrfs.length < 2);
    else if (l.use === 'bvi') {
      bvis.push(name);
      addL3(name, 0);
    } else if (l.use === 'unnumbered') unnumbered.push(name);
    else roles.set(name, l.use);
  });
  const keys = new Set<string>();
  for (const v of g.vxlans) {
    const name = `vxlan_tunnel${v.instance}`;
    const key = `${v.dst} ${v.vni}`;
    if (interfaces[name] || keys.has(key)) continue;
    keys.add(key);
    interfaces[name] = { vxlan: { source: '10.255.0.1', destination: `10.255.0.${v.dst}`, vni: v.vni } };
    roles.set(name, v.use);
  }
  for (const m of g.memif.ifs) {
    const name = `memif${g.memif.socket}/${m.id}`;
    if (interfaces[name]) continue;
    interfaces[name] = {
      mac: `02:00:00:0a:00:0${m.id}`,
      memif: { socket: `/tmp/vppstate-property-${g.memif.file}.sock`, role: g.memif.role },
    };
    if (m.use === 'l3') addL3(name, 0);
    else roles.set(name, m.use);
  }
  for (const u of unnumbered) {
    const donor = l3.find((x) => x.vrf === 0);
    if (donor) interfaces[u].unnumbered = donor.name;
  }
  const bridgeDomains: Record<string, Record<string, unknown>> = {};
  const bdIds = [10, 20].filter((_, i) => g.bds[i].present);
  bdIds.forEach((id, i) => {
    const b = g.bds[[10, 20].indexOf(id)];
    bridgeDomains[id] = { learn: b.learn, 'mac-age': b.macAge, 'arp-termination': b.arpTerm, members: [] };
    if (bvis[i]) bridgeDomains[id].bvi = bvis[i];
  });
  const inBridge = [...roles].filter(([, r]) => r === 'bridge').map(([n]) => n);
  inBridge.forEach((n, i) => {
    if (bdIds.length) (bridgeDomains[bdIds[i % bdIds.length]].members as string[]).push(n);
  });
  const xcs = [...roles].filter(([, r]) => r === 'xconnect').map(([n]) => n);
  const l2Xconnects: Record<string, string> = {};
  for (let i = 0; i + 1 < xcs.length; i += 2) {
    l2Xconnects[xcs[i]] = xcs[i + 1];
    if (!g.oneWayXconnect || i > 0) l2Xconnects[xcs[i + 1]] = xcs[i];
  }
  const routes = g.routes
    ? l3.map((x) => ({
        prefix: `198.51.${x.k}.0/24`,
        ...(x.vrf ? { vrf: x.vrf } : {}),
        via: `10.${x.k}.0.2`,
        interface: x.name,
      }))
    : [];
  if (g.routes && g.vrfs.length)
    routes.push({ prefix: '203.0.113.0/24', vrf: g.vrfs[0], paths: [{ type: 'drop' }] } as never);
  const vrfs = Object.fromEntries(g.vrfs.map((id) => [id, {}]));
  return {
    vrfs,
    interfaces,
    'bridge-domains': bridgeDomains,
    'l2-xconnects': l2Xconnects,
    routes: routes as unknown as Record<string, unknown>,
  } as Doc;
});
