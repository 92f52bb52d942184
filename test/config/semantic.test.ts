import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';

/** `path: message` of every error. */
function errs(yaml: string): string[] {
  return parseConfig(yaml, 't.yaml').errors.map((e) => `${e.path}: ${e.detail}`);
}

const HW = 'interfaces:\n  GigabitEthernet0/8/0: {}\n';

describe('references resolve', () => {
  it('sub-interface parent', () =>
    expect(errs('interfaces:\n  Gi0/1.10: {}\n')).toEqual([
      'interfaces["Gi0/1.10"]: unknown interface Gi0/1: declare it in interfaces',
    ]));
  it('bridge member, BVI, uu-forward', () =>
    expect(
      errs(
        'bridge-domains:\n  1:\n    bvi: loop9\n    unknown-unicast-forward: tap3\n    members: [memif1/1]\n',
      ),
    ).toEqual([
      'bridge-domains.1.bvi: unknown interface loop9: declare it in interfaces',
      'bridge-domains.1.unknown-unicast-forward: unknown interface tap3: declare it in interfaces',
      'bridge-domains.1.members[0]: unknown interface memif1/1: declare it in interfaces',
    ]));
  it('VRF per family, route table, via-vrf, encap-vrf, NAT VRFs', () =>
    expect(
      errs(
        'vrfs:\n  5: {families: [ipv6]}\ninterfaces:\n  loop0: {vrf: {ipv4: 5, ipv6: 6}}\n  vxlan_tunnel0: {vxlan: {source: 1.1.1.1, destination: 2.2.2.2, vni: 1, encap-vrf: 8}}\nroutes:\n  - {prefix: 10.0.0.0/8, vrf: 5, type: drop}\n  - {prefix: 10.0.0.0/8, via: 1.1.1.1, via-vrf: 9}\nnat44: {inside-vrf: 3}\n',
      ),
    ).toEqual([
      'interfaces.loop0.vrf.ipv4: VRF 5 has no ipv4 table (see its families at t.yaml:2:3)',
      'interfaces.loop0.vrf.ipv6: unknown VRF 6: declare it in vrfs',
      'interfaces.vxlan_tunnel0.vxlan.encap-vrf: unknown VRF 8: declare it in vrfs',
      'routes[0].vrf: VRF 5 has no ipv4 table (see its families at t.yaml:2:3)',
      'routes[1].via-vrf: unknown VRF 9: declare it in vrfs',
      'nat44.inside-vrf: unknown VRF 3: declare it in vrfs',
    ]));
  it('route interface, ACL name, bond member, unnumbered, xconnect ends', () =>
    expect(
      errs(
        'interfaces:\n  loop0: {unnumbered: loop1, acls: {output: [x]}}\n  loop2: {}\n  BondEthernet0: {bond: {members: [eth1]}}\nroutes:\n  - {prefix: ::/0, interface: tap0}\nl2-xconnects:\n  loop2: eth9\n',
      ),
    ).toEqual([
      'interfaces.loop0.unnumbered: unknown interface loop1: declare it in interfaces',
      'interfaces.loop0.acls.output[0]: unknown ACL x: declare it in acls',
      'interfaces.BondEthernet0.bond.members[0]: unknown interface eth1: declare it in interfaces',
      'routes[0].interface: unknown interface tap0: declare it in interfaces',
      'l2-xconnects.loop2: unknown interface eth9: declare it in interfaces',
    ]));
  it('nothing refers to an object declared absent', () =>
    expect(
      errs(
        'interfaces:\n  loop0: {acls: {input: [gone]}}\n  loop1: {state: absent, unnumbered: loop0}\nacls:\n  gone: {state: absent}\nbridge-domains:\n  2: {bvi: loop1}\n',
      ),
    ).toEqual([
      'interfaces.loop0.acls.input[0]: ACL gone is declared absent (t.yaml:5:3)',
      'interfaces.loop1.unnumbered: an absent interface takes no other field',
      'bridge-domains.2.bvi: interface loop1 is declared absent (t.yaml:3:3)',
    ]));
});

describe('nothing is in two places at once', () => {
  it('an interface in two bridge domains', () =>
    expect(
      errs(
        `${HW}bridge-domains:\n  1: {members: [GigabitEthernet0/8/0]}\n  2: {members: [GigabitEthernet0/8/0]}\n`,
      ),
    ).toEqual([
      'bridge-domains.2.members[0]: GigabitEthernet0/8/0 is already a member of bridge domain 1; an interface is in one L2 role at most',
    ]));
  it('in a bridge domain and an xconnect', () =>
    expect(
      errs(
        `${HW}  loop1: {}\nbridge-domains:\n  1: {members: [GigabitEthernet0/8/0]}\nl2-xconnects:\n  GigabitEthernet0/8/0: loop1\n`,
      ),
    ).toEqual([
      'l2-xconnects.GigabitEthernet0/8/0: GigabitEthernet0/8/0 is already a member of bridge domain 1; an interface is in one L2 role at most',
    ]));
  it('a bond member with addresses, in two bonds', () =>
    expect(
      errs(
        `${HW.replace('{}', '{addresses: [10.0.0.1/24]}')}  BondEthernet0: {bond: {members: [GigabitEthernet0/8/0]}}\n  BondEthernet1: {bond: {members: [GigabitEthernet0/8/0]}}\n`,
      ),
    ).toEqual([
      'interfaces.GigabitEthernet0/8/0.addresses: an L2 interface has no IP addresses (GigabitEthernet0/8/0 is a member of BondEthernet0)',
      'interfaces.BondEthernet1.bond.members[0]: GigabitEthernet0/8/0 is already a member of BondEthernet0',
    ]));
});

describe('L2 and L3', () => {
  it('an L2 interface has no IP addresses; a BVI may', () => {
    expect(
      errs(
        'interfaces:\n  loop0: {addresses: [10.0.0.1/24]}\n  loop1: {addresses: [10.1.0.1/24]}\nbridge-domains:\n  1: {bvi: loop0, members: [loop1]}\n',
      ),
    ).toEqual([
      'interfaces.loop1.addresses: an L2 interface has no IP addresses (loop1 is a member of bridge domain 1)',
    ]);
  });
  it('a BVI is a loopback', () =>
    expect(errs('interfaces:\n  tap0: {}\nbridge-domains:\n  1: {bvi: tap0}\n')).toEqual([
      'bridge-domains.1.bvi: a BVI is a loopback; tap0 is a tap',
    ]));
  it('L3-only interfaces cannot be bridged', () =>
    expect(
      errs(
        'interfaces:\n  vxlan_tunnel0: {vxlan: {source: 1.1.1.1, destination: 2.2.2.2, vni: 1, decap: l3}}\nbridge-domains:\n  1: {members: [vxlan_tunnel0]}\n',
      ),
    ).toEqual([
      'interfaces.vxlan_tunnel0: vxlan_tunnel0 carries no Ethernet frames and cannot be a member of bridge domain 1',
    ]));
});

describe('sub-interfaces', () => {
  it('MTU ≤ parent MTU', () =>
    expect(errs('interfaces:\n  loop0: {mtu: 1500}\n  loop0.10: {mtu: 1501}\n')).toEqual([
      'interfaces["loop0.10"].mtu: must be ≤ the MTU of the parent loop0, 1500 (got 1501)',
    ]));
  it('up only under a parent that is up (VPP answers -1 otherwise)', () => {
    expect(
      errs('interfaces:\n  loop0: {admin-state: down}\n  loop0.10: {}\n  loop0.11: {admin-state: down}\n'),
    ).toEqual([
      'interfaces["loop0.10"]: admin-state up needs the parent loop0 up: VPP refuses a sub-interface up under a parent that is down (set admin-state: down here, or up on the parent)',
    ]);
    expect(errs('interfaces:\n  loop0: {admin-state: down}\n  loop0.10: {admin-state: up}\n')).toEqual([
      'interfaces["loop0.10"].admin-state: admin-state up needs the parent loop0 up: VPP refuses a sub-interface up under a parent that is down (set admin-state: down here, or up on the parent)',
    ]);
  });
  it('unique (outer, inner) tags per parent; dot1ad and dot1q differ', () => {
    expect(
      errs(
        'interfaces:\n  loop0: {}\n  loop0.1: {encapsulation: {outer: 10, inner: 20}}\n  loop0.2: {encapsulation: {outer: 10, inner: 20}}\n  loop0.3: {encapsulation: {outer: 10, inner: 20, dot1ad: true}}\n',
      ),
    ).toEqual([
      'interfaces["loop0.2"].encapsulation: loop0.1 already matches these tags (dot1q 10 inner 20 exact-match) on loop0',
    ]);
  });
  it('QinQ and default sub-interfaces load into the model', () => {
    const s = parseConfig(
      'interfaces:\n  loop0: {}\n  loop0.1: {encapsulation: {outer: 10, inner: any}}\n  loop0.2: {encapsulation: {default: true}}\n',
    ).state;
    expect(s.interfaces['loop0.1']).toMatchObject({
      kind: 'sub-interface',
      sub: {
        parent: 'loop0',
        subId: 1,
        outerVlan: 10,
        innerVlan: 'any',
        exactMatch: false,
        dot1ad: false,
        default: false,
      },
    });
    expect(s.interfaces['loop0.2']).toMatchObject({ sub: { default: true, exactMatch: false } });
  });
  it('IP addresses need exact-match', () =>
    expect(
      errs(
        'interfaces:\n  loop0: {}\n  loop0.1: {encapsulation: {outer: 10, exact-match: false}, addresses: [10.0.0.1/24]}\n',
      ),
    ).toEqual([
      'interfaces["loop0.1"].addresses: a sub-interface without exact-match cannot have IP addresses',
    ]));
});

describe('addresses', () => {
  it('no overlap on two interfaces of the same VRF; other VRFs are independent', () => {
    expect(
      errs(
        'vrfs:\n  1: {}\ninterfaces:\n  loop0: {addresses: [10.0.0.1/24]}\n  loop1: {addresses: [10.0.0.2/32]}\n  loop2: {vrf: 1, addresses: [10.0.0.1/24]}\n',
      ),
    ).toEqual(['interfaces.loop1.addresses[0]: 10.0.0.2/32 overlaps 10.0.0.1/24 on loop0 (both in VRF 0)']);
  });
  it('IPv6 link-local addresses are not compared', () =>
    expect(
      errs('interfaces:\n  loop0: {addresses: [fe80::1/64]}\n  loop1: {addresses: [fe80::2/64]}\n'),
    ).toEqual([]));
  it('family checks', () =>
    expect(
      errs(
        'interfaces:\n  tap0: {tap: {host-ipv4-address: 2001:db8::1/64}}\nroutes:\n  - {prefix: 10.0.0.0/8, via: "::1"}\n',
      ),
    ).toEqual([
      'interfaces.tap0.tap.host-ipv4-address: must be an IPv4 address (got 2001:db8::1/64)',
      'routes[0].via: must be an IPv4 address like the prefix (got ::1)',
    ]));
  it('are normalised and sorted: IPv4 first, canonical IPv6', () => {
    const s = parseConfig(
      'interfaces:\n  loop0: {addresses: [2001:DB8:0:0::1/64, 10.0.0.2/24, 9.0.0.1/8]}\n',
    ).state;
    expect(s.interfaces.loop0.addresses).toEqual(['9.0.0.1/8', '10.0.0.2/24', '2001:db8::1/64']);
  });
});

describe('names and kinds', () => {
  it('loop3 is a loopback with instance 3; memif names carry socket and id', () => {
    const s = parseConfig(
      'interfaces:\n  loop3: {}\n  memif2/7: {memif: {socket: /run/m.sock, socket-id: 2, id: 7}}\n  tap4: {}\n  vxlan_tunnel5: {vxlan: {source: 1.1.1.1, destination: 2.2.2.2, vni: 9}}\n  BondEthernet6: {}\n',
    ).state;
    expect(s.interfaces.loop3).toMatchObject({ kind: 'loopback', loopback: { instance: 3 } });
    expect(s.interfaces['memif2/7']).toMatchObject({
      kind: 'memif',
      memif: { socketId: 2, id: 7, socketFilename: '/run/m.sock' },
    });
    expect(s.interfaces.tap4).toMatchObject({ kind: 'tap', tap: { id: 4 } });
    expect(s.interfaces.vxlan_tunnel5).toMatchObject({
      kind: 'vxlan',
      vxlan: { instance: 5, port: 4789, decap: 'l2' },
    });
    expect(s.interfaces.BondEthernet6).toMatchObject({ kind: 'bond', bond: { id: 6, mode: 'lacp' } });
  });
  it('type must match the name; kind blocks only on their kind', () =>
    expect(errs('interfaces:\n  loop3: {type: loopback}\n  eth0: {type: loopback, bond: {}}\n')).toEqual([
      'interfaces.eth0.type: eth0 is a hardware interface by its name (got type loopback)',
      'interfaces.eth0.bond: bond settings apply only to BondEthernet<N> interfaces; eth0 is a hardware interface by its name',
    ]));
  it('hardware interfaces cannot be declared absent; created ones can', () => {
    expect(errs('interfaces:\n  eth0: {state: absent}\n  loop0: {state: absent}\n')).toEqual([
      'interfaces.eth0.state: eth0 is a hardware interface (by its name): it cannot be declared absent, vppstate never deletes it',
    ]);
    expect(parseConfig('interfaces:\n  loop0: {state: absent}\n').state.absent.interfaces).toEqual(['loop0']);
  });
});

describe('other rules', () => {
  it('NAT44 roles need the nat44 section', () =>
    expect(errs('interfaces:\n  loop0: {nat44: inside}\n')).toEqual([
      'interfaces.loop0.nat44: NAT44 roles need the nat44 section (the plugin must be enabled)',
    ]));
  it('NAT44 pool expands ranges and prefixes and rejects repeats', () => {
    expect(
      parseConfig('nat44: {pool: [198.51.100.0/31, 198.51.100.5-198.51.100.6]}\n').state.nat44?.pool.map(
        (p) => p.address,
      ),
    ).toEqual(['198.51.100.0', '198.51.100.1', '198.51.100.5', '198.51.100.6']);
    expect(errs('nat44: {pool: [198.51.100.1, 198.51.100.0/30]}\n')).toEqual([
      'nat44.pool[1]: 198.51.100.1 is already in the pool (item 0)',
    ]);
  });
  it('linux-cp: default namespace applied, host names unique per namespace, sub-interface needs parent pair', () => {
    const s = parseConfig(
      'linux-cp: {default-namespace: dp}\ninterfaces:\n  loop0: {linux-cp: {host-name: lo0}}\n',
    ).state;
    expect(s.interfaces.loop0.linuxCp).toEqual({ hostName: 'lo0', hostType: 'tap', namespace: 'dp' });
    expect(
      errs(
        'interfaces:\n  loop0: {linux-cp: {host-name: x}}\n  loop1: {linux-cp: {host-name: x}}\n  loop2: {}\n  loop2.5: {linux-cp: {host-name: y}}\n',
      ),
    ).toEqual([
      'interfaces.loop1.linux-cp.host-name: host interface x is already the pair of loop0',
      'interfaces["loop2.5"].linux-cp: the parent loop2 needs a linux-cp pair first',
    ]);
  });
  it('routes: either paths or an inline path; non-normal paths take no next hop; duplicates', () =>
    expect(
      errs(
        `${HW}routes:\n  - {prefix: 1.0.0.0/8, via: 1.1.1.1, paths: [{via: 1.1.1.2}]}\n  - {prefix: 2.0.0.0/8}\n  - {prefix: 3.0.0.0/8, paths: [{via: 1.1.1.1}, {via: 1.1.1.1}]}\n`,
      ),
    ).toEqual([
      'routes[0].via: give either paths or one inline path, not both',
      'routes[1]: a path needs via, interface, or a type other than normal',
      'routes[2].paths[1]: duplicate path',
    ]));
  it('recursive paths resolve in the route’s VRF by default', () => {
    const s = parseConfig(
      'vrfs:\n  2: {}\nroutes:\n  - {prefix: 10.0.0.0/8, vrf: 2, paths: [{via: 1.1.1.1, weight: 3}, {type: drop}]}\n',
    ).state;
    expect(s.routes['2:10.0.0.0/8'].paths).toEqual([
      { type: 'normal', via: '1.1.1.1', viaVrf: 2, weight: 3, preference: 0 },
      { type: 'drop', weight: 1, preference: 0 },
    ]);
  });
  it('ACL rules: defaults per protocol', () => {
    const s = parseConfig(
      'acls:\n  a:\n    rules:\n      - {action: permit, protocol: tcp, destination-ports: 22}\n      - {action: deny, protocol: icmpv6, family: ipv6, icmp-type: 128}\n',
    ).state;
    expect(s.acls.a.rules).toEqual([
      {
        action: 'permit',
        source: '0.0.0.0/0',
        destination: '0.0.0.0/0',
        protocol: 6,
        sourcePorts: { first: 0, last: 65535 },
        destinationPorts: { first: 22, last: 22 },
        tcpFlags: { mask: 0, value: 0 },
      },
      {
        action: 'deny',
        source: '::/0',
        destination: '::/0',
        protocol: 58,
        icmpType: { first: 128, last: 128 },
        icmpCode: { first: 0, last: 255 },
        tcpFlags: { mask: 0, value: 0 },
      },
    ]);
  });
  it('defaults are explicit in the model', () => {
    const s = parseConfig('interfaces:\n  loop0: {}\nbridge-domains:\n  3: {}\n').state;
    expect(s.interfaces.loop0).toEqual({
      name: 'loop0',
      kind: 'loopback',
      loopback: { instance: 0 },
      adminState: 'up',
      vrf: { ipv4: 0, ipv6: 0 },
      addresses: [],
      acls: { input: [], output: [] },
      nat44: { inside: false, outside: false, output: false },
      macswap: false,
    });
    expect(s.bridgeDomains['3']).toEqual({
      id: 3,
      learn: true,
      forward: true,
      flood: true,
      unknownUnicastFlood: true,
      arpTermination: false,
      arpUnicastForward: false,
      macAge: 0,
      members: {},
    });
    expect(s.settings).toEqual({
      prune: 'owned',
      ignore: { interfaces: [], vrfs: [], routes: [], bridgeDomains: [], l2Xconnects: [], acls: [] },
    });
  });
});

describe('settings', () => {
  it('loads prune and ignore; an object cannot be declared and ignored', () => {
    const s = parseConfig(
      'settings: {prune: all, ignore: {interfaces: ["tap*"], routes: ["0:169.254.*"]}}\n',
    ).state;
    expect(s.settings).toEqual({
      prune: 'all',
      ignore: {
        interfaces: ['tap*'],
        vrfs: [],
        routes: ['0:169.254.*'],
        bridgeDomains: [],
        l2Xconnects: [],
        acls: [],
      },
    });
    expect(
      errs('settings: {ignore: {interfaces: ["tap*"]}}\ninterfaces:\n  tap1: {}\n  loop1: {}\n'),
    ).toEqual(['interfaces.tap1: is declared but also ignored by settings.ignore.interfaces pattern "tap*"']);
  });
});
