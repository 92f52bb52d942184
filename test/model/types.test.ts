import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalAddress,
  canonicalIp,
  canonicalMac,
  canonicalPrefix,
  compareAddresses,
  comparePaths,
  defaultBridgeDomain,
  defaultVrfTableName,
  emptyState,
  familyOf,
  isMaskedPrefix,
  normalizeState,
  parseInterfaceName,
  parseRouteKey,
  prefixesOverlap,
  routeKey,
} from '../../src/model/defaults.js';
import type { Interface, State } from '../../src/model/types.js';

describe('interface names', () => {
  it.each([
    ['loop3', { kind: 'loopback', instance: 3 }],
    ['tap10', { kind: 'tap', id: 10 }],
    ['memif1/2', { kind: 'memif', socketId: 1, id: 2 }],
    ['vxlan_tunnel0', { kind: 'vxlan', instance: 0 }],
    ['BondEthernet4', { kind: 'bond', id: 4 }],
    ['GigabitEthernet0/8/0.100', { kind: 'sub-interface', parent: 'GigabitEthernet0/8/0', subId: 100 }],
    ['BondEthernet0.7', { kind: 'sub-interface', parent: 'BondEthernet0', subId: 7 }],
    ['GigabitEthernet0/8/0', { kind: 'hardware' }],
    ['local0', { kind: 'hardware' }],
    ['host-eth0', { kind: 'hardware' }],
    // VPP never prints leading zeros (format "%d"; checked on the real VPP in e2e/differential)
    ['loop03', { kind: 'hardware' }],
    ['loop01', { kind: 'hardware' }],
    ['tap00', { kind: 'hardware' }],
    ['memif01/0', { kind: 'hardware' }],
    ['memif1/00', { kind: 'hardware' }],
    ['vxlan_tunnel007', { kind: 'hardware' }],
    ['BondEthernet01', { kind: 'hardware' }],
    ['GigabitEthernet0/8/0.0100', { kind: 'hardware' }],
    ['loop0', { kind: 'loopback', instance: 0 }],
    ['loop99999999999', { kind: 'hardware' }], // not a u32
  ])('%s', (name, parsed) => expect(parseInterfaceName(name)).toEqual(parsed));
});

describe('canonical text', () => {
  it('IPv4 and IPv6 addresses', () => {
    expect(canonicalIp('192.0.2.1')).toBe('192.0.2.1');
    expect(canonicalIp('2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(canonicalIp('2001:db8:0:1:0:0:0:0')).toBe('2001:db8:0:1::');
    expect(canonicalIp('2001:0:0:1:0:0:0:1')).toBe('2001:0:0:1::1'); // longest run wins
    expect(canonicalIp('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1'); // first of equal runs
    expect(canonicalIp('2001:db8:1:1:1:1:0:1')).toBe('2001:db8:1:1:1:1:0:1'); // a single 0 stays
    expect(canonicalIp('::ffff:10.0.0.1')).toBe('::ffff:a00:1');
    expect(canonicalIp('::')).toBe('::');
    for (const bad of ['1.2.3', '01.2.3.4', '256.1.1.1', '1:2:3', '1::2::3', 'gggg::', '1:2:3:4:5:6:7:8:9'])
      expect(canonicalIp(bad)).toBeUndefined();
  });
  it('addresses keep host bits, prefixes lose them', () => {
    expect(canonicalAddress('10.6.0.1/24')).toBe('10.6.0.1/24');
    expect(canonicalPrefix('10.6.0.1/24')).toBe('10.6.0.0/24');
    expect(canonicalPrefix('2001:db8::1/32')).toBe('2001:db8::/32');
    expect(canonicalPrefix('10.0.0.0/33')).toBeUndefined();
    expect(isMaskedPrefix('10.0.0.0/8')).toBe(true);
    expect(isMaskedPrefix('10.0.0.1/8')).toBe(false);
    expect(familyOf('2001:db8::/32')).toBe('ipv6');
  });
  it('MACs', () => {
    expect(canonicalMac('DE-AD-00-00-00-01')).toBe('de:ad:00:00:00:01');
    expect(canonicalMac('de:ad:00:00:00')).toBeUndefined();
  });
  it('canonical IPv6 text round-trips and is stable (property)', () => {
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        const c = canonicalIp(ip);
        expect(c).toBeDefined();
        expect(canonicalIp(c as string)).toBe(c);
      }),
      { numRuns: 300 },
    );
  });
});

describe('orders and keys', () => {
  it('addresses: IPv4 before IPv6, numeric, then length', () => {
    const list = ['2001:db8::1/64', '10.0.0.1/24', '9.255.0.1/16', '10.0.0.1/16'];
    expect(list.sort(compareAddresses)).toEqual([
      '9.255.0.1/16',
      '10.0.0.1/16',
      '10.0.0.1/24',
      '2001:db8::1/64',
    ]);
  });
  it('overlap', () => {
    expect(prefixesOverlap('10.0.0.0/8', '10.1.0.0/16')).toBe(true);
    expect(prefixesOverlap('10.0.0.0/16', '10.1.0.0/16')).toBe(false);
  });
  it('route keys', () => {
    expect(routeKey(10, '2001:db8::/32')).toBe('10:2001:db8::/32');
    expect(parseRouteKey('10:2001:db8::/32')).toEqual({ vrf: 10, prefix: '2001:db8::/32' });
  });
  it('paths: normal before drop, by next hop', () => {
    const paths = [
      { type: 'drop' as const, weight: 1, preference: 0 },
      { type: 'normal' as const, via: '10.0.0.10', weight: 1, preference: 0 },
      { type: 'normal' as const, via: '10.0.0.9', weight: 1, preference: 0 },
    ];
    expect(paths.sort(comparePaths).map((p) => p.via ?? p.type)).toEqual(['10.0.0.9', '10.0.0.10', 'drop']);
  });
});

describe('defaults', () => {
  it('VPP names unnamed tables', () => expect(defaultVrfTableName('ipv6', 10)).toBe('ipv6-VRF:10'));
  it('bridge domains default like VPP’s CLI', () =>
    expect(defaultBridgeDomain(5)).toEqual({
      id: 5,
      learn: true,
      forward: true,
      flood: true,
      unknownUnicastFlood: true,
      arpTermination: false,
      arpUnicastForward: false,
      macAge: 0,
      members: {},
    }));
  it('normalizeState makes equal states deep-equal whatever the reading order', () => {
    const itf = (name: string, addresses: string[]): Interface => ({
      name,
      kind: 'loopback',
      loopback: { instance: Number(name.slice(4)) },
      adminState: 'up',
      vrf: { ipv4: 0, ipv6: 0 },
      addresses,
      acls: { input: [], output: [] },
      nat44: { inside: false, outside: false, output: false },
      macswap: false,
    });
    const a: State = emptyState();
    a.interfaces.loop1 = itf('loop1', ['2001:db8::1/64', '10.0.0.1/24']);
    a.interfaces.loop0 = itf('loop0', []);
    const b: State = emptyState();
    b.interfaces.loop0 = itf('loop0', []);
    b.interfaces.loop1 = itf('loop1', ['10.0.0.1/24', '2001:db8::1/64']);
    expect(JSON.stringify(normalizeState(a))).toBe(JSON.stringify(normalizeState(b)));
  });
});

describe('ignore rules', () => {
  it('match keys by glob', async () => {
    const { ignoredBy } = await import('../../src/model/defaults.js');
    const s = emptyState();
    s.settings.ignore.interfaces = ['tap4*', 'host-?'];
    s.settings.ignore.routes = ['0:169.254.0.0/16'];
    expect(ignoredBy(s, 'interfaces', 'tap4096')).toBe('tap4*');
    expect(ignoredBy(s, 'interfaces', 'host-a')).toBe('host-?');
    expect(ignoredBy(s, 'interfaces', 'host-ab')).toBeUndefined();
    expect(ignoredBy(s, 'routes', '0:169.254.0.0/16')).toBe('0:169.254.0.0/16');
    expect(ignoredBy(s, 'routes', '0:169.254.0.0/17')).toBeUndefined();
  });
});
