import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalAddress,
  canonicalIp,
  canonicalPrefix,
  compareAddresses,
  compareIps,
  formatIp,
  formatIp6,
  ip4ToNumber,
  ipFamily,
  isMasked,
  isMaskedPrefix,
  lastAddressBytes,
  maskBytes,
  numberToIp4,
  parseIp,
  parsePrefix,
  prefixContains,
  prefixesOverlap,
  writeIp4,
  writeIp6,
} from '../../src/net/ip.js';
import { canonicalMac, formatMac, parseMac } from '../../src/net/mac.js';

const bytes = (text: string): number[] | undefined => {
  const p = parseIp(text);
  return p && [...p.bytes];
};
const v6 = (...groups: number[]): Uint8Array => {
  const b = new Uint8Array(16);
  groups.forEach((g, i) => {
    b[2 * i] = g >> 8;
    b[2 * i + 1] = g & 0xff;
  });
  return b;
};

describe('parsing IPv4', () => {
  it('reads dotted quads', () => {
    expect(parseIp('192.0.2.1')).toEqual({ family: 'ipv4', bytes: Uint8Array.from([192, 0, 2, 1]) });
    expect(bytes('0.0.0.0')).toEqual([0, 0, 0, 0]);
    expect(bytes('255.255.255.255')).toEqual([255, 255, 255, 255]);
  });
  it.each([
    '256.1.1.1',
    '1.2.3.999',
    '01.2.3.4', // leading zero: Python and vpp_papi refuse it (octal ambiguity)
    '1.2.3.00',
    '1.2.3',
    '1.2.3.4.5',
    '1..2.3',
    '.1.2.3',
    '1.2.3.',
    '1.2.3.-4',
    '1.2.3.4 ',
    ' 1.2.3.4',
    '1.2.3.4/24',
    '0x1.2.3.4',
    '',
  ])('refuses %j', (text) => expect(parseIp(text)).toBeUndefined());
  it('reads leading zeros as decimal only when asked', () => {
    expect(parseIp('010.001.0.1')).toBeUndefined();
    expect([...(parseIp('010.001.0.1', { leadingZeros: true })?.bytes ?? [])]).toEqual([10, 1, 0, 1]);
    expect(canonicalIp('010.001.0.1', { leadingZeros: true })).toBe('10.1.0.1');
    expect(parseIp('0010.0.0.1', { leadingZeros: true })).toBeUndefined(); // still at most 3 digits
    expect(parseIp('300.0.0.1', { leadingZeros: true })).toBeUndefined();
  });
});

describe('parsing IPv6', () => {
  it('reads full, compressed and mixed-case text', () => {
    expect(bytes('2001:db8:0:0:0:0:0:1')).toEqual([...v6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1)]);
    expect(bytes('2001:DB8::1')).toEqual([...v6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1)]);
    expect(bytes('2001:0db8:0000::0001')).toEqual([...v6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1)]);
    expect(bytes('::')).toEqual(new Array(16).fill(0));
    expect(bytes('::1')).toEqual([...v6(0, 0, 0, 0, 0, 0, 0, 1)]);
    expect(bytes('1::')).toEqual([...v6(1)]);
    expect(bytes('1:2:3:4:5:6:7::')).toEqual([...v6(1, 2, 3, 4, 5, 6, 7, 0)]);
    expect(bytes('::2:3:4:5:6:7:8')).toEqual([...v6(0, 2, 3, 4, 5, 6, 7, 8)]);
  });
  it('reads an embedded IPv4 tail as the last 32 bits', () => {
    expect(bytes('::ffff:192.0.2.1')).toEqual([...v6(0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201)]);
    expect(bytes('::192.0.2.1')).toEqual([...v6(0, 0, 0, 0, 0, 0, 0xc000, 0x0201)]);
    expect(bytes('1:2:3:4:5:6:10.0.0.1')).toEqual([...v6(1, 2, 3, 4, 5, 6, 0x0a00, 1)]);
    expect(bytes('64:ff9b::198.51.100.7')).toEqual([...v6(0x64, 0xff9b, 0, 0, 0, 0, 0xc633, 0x6407)]);
  });
  it.each([
    ['1:2:3:4:5:6:7:8:9', 'too many groups'],
    ['1:2:3:4:5:6:7:8::', 'nothing left for ::'],
    ['::1:2:3:4:5:6:7:8', 'nothing left for ::'],
    ['1:2:3', 'too few groups'],
    ['1::2::3', ':: twice'],
    ['::1::', ':: twice'],
    [':::', 'three colons'],
    ['1:::2', 'three colons'],
    [':1::2', 'a single leading colon'],
    ['1::2:', 'a single trailing colon'],
    ['12345::', 'five hex digits'],
    ['gggg::', 'not hex'],
    ['1:2:3:4:5:6:7:1.2.3.4', 'IPv4 tail after 7 groups'],
    ['::1.2.3', 'short IPv4 tail'],
    ['::ffff:256.1.1.1', 'bad octet in the tail'],
    ['::ffff:01.2.3.4', 'leading zero in the tail'],
    ['::1.2.3.4:5', 'IPv4 not at the end'],
    ['fe80::1%eth0', 'zone index'],
    ['[::1]', 'brackets'],
    [':', 'a colon'],
  ])('refuses %j (%s)', (text) => expect(parseIp(text)).toBeUndefined());
  it('writes in place, at an offset, from a slice of the text (the codec path)', () => {
    const buf = new Uint8Array(20).fill(0xee);
    expect(writeIp6(buf, 2, 'x=2001:db8::7/64', 2, 13)).toBe(true);
    expect([...buf.subarray(2, 18)]).toEqual([...v6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 7)]);
    expect([buf[0], buf[1], buf[18], buf[19]]).toEqual([0xee, 0xee, 0xee, 0xee]);
    expect(writeIp4(buf, 0, '10.1.2.3/8', 0, 8)).toBe(true);
    expect([...buf.subarray(0, 4)]).toEqual([10, 1, 2, 3]);
    expect(writeIp4(buf, 0, '10.1.2.3/8')).toBe(false);
  });
});

describe('RFC 5952 text (as Python ipaddress / vpp_papi print it)', () => {
  it.each([
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'], // lowercase, longest run as ::
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'], // no leading zeros in a group
    ['2001:db8:0:1:0:0:0:0', '2001:db8:0:1::'], // run at the end
    ['0:0:0:0:0:0:0:1', '::1'], // run at the start
    ['0:0:0:0:0:0:0:0', '::'],
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'], // the longest run wins
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // the first of equal runs
    ['2001:db8:1:1:1:1:0:1', '2001:db8:1:1:1:1:0:1'], // a single zero group stays 0
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['::ffff:192.0.2.1', '::ffff:c000:201'], // an IPv4 tail prints as hex groups
    ['fe80::0:0:1', 'fe80::1'],
  ])('%s → %s', (text, canonical) => {
    expect(canonicalIp(text)).toBe(canonical);
    expect(canonicalIp(canonical)).toBe(canonical);
  });
  it('formats bytes at an offset', () => {
    const buf = new Uint8Array(20);
    buf.set(v6(0xfe80, 0, 0, 0, 0, 0, 0, 1), 3);
    expect(formatIp6(buf, 3)).toBe('fe80::1');
    expect(formatIp(Uint8Array.from([198, 51, 100, 7]))).toBe('198.51.100.7');
  });
  it('text → bytes → text → bytes is stable for any address (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (b) => {
        const text = formatIp(b);
        expect(text).toMatch(/^[0-9a-f:]+$/);
        expect(text.split('::').length).toBeLessThanOrEqual(2);
        expect([...(parseIp(text)?.bytes ?? [])]).toEqual([...b]);
        expect(canonicalIp(text)).toBe(text);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4, maxLength: 4 }), (b) => {
        expect([...(parseIp(formatIp(b))?.bytes ?? [])]).toEqual([...b]);
      }),
      { numRuns: 200 },
    );
  });
  it('any IPv6 text fast-check writes parses, and its canonical form is a fixed point (property)', () => {
    fc.assert(
      fc.property(fc.ipV6(), (text) => {
        const c = canonicalIp(text);
        expect(c).toBeDefined();
        expect(canonicalIp(c as string)).toBe(c);
        expect(parseIp(c as string)?.bytes).toEqual(parseIp(text)?.bytes);
      }),
      { numRuns: 300 },
    );
  });
});

describe('prefixes', () => {
  it('parses address/length, host bits kept', () => {
    expect(parsePrefix('10.6.0.1/24')).toEqual({
      family: 'ipv4',
      bytes: Uint8Array.from([10, 6, 0, 1]),
      length: 24,
    });
    expect(parsePrefix('2001:db8::/32')?.length).toBe(32);
    expect(parsePrefix('10.0.0.1')).toBeUndefined(); // /len required …
    expect(parsePrefix('10.0.0.1', { lengthOptional: true })?.length).toBe(32); // … unless optional
    expect(parsePrefix('::1', { lengthOptional: true })?.length).toBe(128);
  });
  it.each([
    '10.0.0.0/33',
    '::/129',
    '10.0.0.0/',
    '10.0.0.0/024',
    '10.0.0.0/-1',
    '10.0.0.0/2a',
    '/8',
    '10.0.0/8',
  ])('refuses %j', (text) => expect(parsePrefix(text)).toBeUndefined());
  it('canonical forms: addresses keep host bits, prefixes lose them', () => {
    expect(canonicalAddress('10.6.0.1/24')).toBe('10.6.0.1/24');
    expect(canonicalAddress('2001:DB8:0::1/64')).toBe('2001:db8::1/64');
    expect(canonicalPrefix('10.6.0.1/24')).toBe('10.6.0.0/24');
    expect(canonicalPrefix('10.6.255.1/20')).toBe('10.6.240.0/20');
    expect(canonicalPrefix('255.255.255.255/1')).toBe('128.0.0.0/1');
    expect(canonicalPrefix('192.0.2.7/0')).toBe('0.0.0.0/0');
    expect(canonicalPrefix('192.0.2.7/32')).toBe('192.0.2.7/32');
    expect(canonicalPrefix('2001:db8:3::1/64')).toBe('2001:db8:3::/64');
    expect(canonicalPrefix('2001:db8:ffff::/33')).toBe('2001:db8:8000::/33');
    expect(canonicalPrefix('10.0.0.0/33')).toBeUndefined();
    expect(canonicalPrefix('010.0.0.1/8', { leadingZeros: true })).toBe('10.0.0.0/8');
  });
  it('masks without touching the input', () => {
    const a = Uint8Array.from([10, 6, 0x9f, 1]);
    expect([...maskBytes(a, 20)]).toEqual([10, 6, 0x90, 0]);
    expect([...a]).toEqual([10, 6, 0x9f, 1]);
    expect([...maskBytes(a, 0)]).toEqual([0, 0, 0, 0]);
    expect([...maskBytes(a, 32)]).toEqual([...a]);
    expect([...lastAddressBytes(Uint8Array.from([10, 2, 0, 0]), 24)]).toEqual([10, 2, 0, 255]);
    expect([...lastAddressBytes(Uint8Array.from([10, 2, 0, 0]), 22)]).toEqual([10, 2, 3, 255]);
    expect(isMasked(Uint8Array.from([10, 0, 0, 0]), 8)).toBe(true);
    expect(isMasked(Uint8Array.from([10, 0, 0, 1]), 8)).toBe(false);
    expect(isMaskedPrefix('10.0.0.0/8')).toBe(true);
    expect(isMaskedPrefix('10.0.0.1/8')).toBe(false);
    expect(isMaskedPrefix('2001:db8::/32')).toBe(true);
    expect(isMaskedPrefix('2001:db8::1/32')).toBe(false);
    expect(isMaskedPrefix('nonsense/8')).toBe(false);
  });
  it('containment and overlap', () => {
    const net = Uint8Array.from([10, 0, 0, 0]);
    const ip = (t: string): Uint8Array => parseIp(t)?.bytes ?? new Uint8Array();
    expect(prefixContains(net, 8, ip('10.255.1.1'))).toBe(true);
    expect(prefixContains(net, 8, ip('11.0.0.0'))).toBe(false);
    expect(prefixContains(net, 20, ip('10.0.15.255'))).toBe(true);
    expect(prefixContains(net, 20, ip('10.0.16.0'))).toBe(false);
    expect(prefixContains(net, 0, ip('203.0.113.9'))).toBe(true);
    expect(prefixContains(net, 0, ip('::'))).toBe(false); // never across families
    expect(prefixContains(ip('2001:db8::'), 32, ip('2001:db8:ffff::1'))).toBe(true);
    expect(prefixContains(ip('2001:db8::'), 32, ip('2001:db9::'))).toBe(false);
    expect(prefixesOverlap('10.0.0.0/8', '10.1.0.0/16')).toBe(true);
    expect(prefixesOverlap('10.1.0.0/16', '10.0.0.0/8')).toBe(true);
    expect(prefixesOverlap('10.0.0.0/16', '10.1.0.0/16')).toBe(false);
    expect(prefixesOverlap('0.0.0.0/0', '::/0')).toBe(false);
  });
});

describe('family and order', () => {
  it('tells the family of an address or prefix', () => {
    expect(ipFamily('2001:db8::/32')).toBe('ipv6');
    expect(ipFamily('10.0.0.0/8')).toBe('ipv4');
    expect(ipFamily('::ffff:1.2.3.4')).toBe('ipv6');
    expect(ipFamily('1.2.3')).toBeUndefined();
    expect(ipFamily('loop0')).toBeUndefined();
  });
  it('sorts IPv4 before IPv6, numerically, then by length, garbage last', () => {
    expect(['10.0.0.10', '::1', '10.0.0.9', 'bogus', '9.0.0.0'].sort(compareIps)).toEqual([
      '9.0.0.0',
      '10.0.0.9',
      '10.0.0.10',
      '::1',
      'bogus',
    ]);
    expect(['2001:db8::1/64', '10.0.0.1/24', '9.255.0.1/16', '10.0.0.1/16'].sort(compareAddresses)).toEqual([
      '9.255.0.1/16',
      '10.0.0.1/16',
      '10.0.0.1/24',
      '2001:db8::1/64',
    ]);
  });
});

describe('IPv4 as a number (pool ranges)', () => {
  it('round-trips, unsigned', () => {
    const b = parseIp('203.0.113.255')?.bytes ?? new Uint8Array(4);
    expect(ip4ToNumber(b)).toBe(0xcb0071ff);
    expect(numberToIp4(0xcb0071ff + 1)).toBe('203.0.114.0');
    expect(numberToIp4(0xffffffff)).toBe('255.255.255.255');
    expect(numberToIp4(0)).toBe('0.0.0.0');
  });
});

describe('MAC addresses', () => {
  it('formats and parses', () => {
    expect(formatMac(Uint8Array.from([2, 0xfe, 0, 0, 0, 1]))).toBe('02:fe:00:00:00:01');
    expect([...(parseMac('02:FE:00:00:00:0a') ?? [])]).toEqual([2, 0xfe, 0, 0, 0, 10]);
    expect(canonicalMac('DE-AD-00-00-00-01')).toBe('de:ad:00:00:00:01');
    expect(canonicalMac('de:ad:00-00:00:01')).toBe('de:ad:00:00:00:01');
  });
  it.each([
    'de:ad:00:00:00',
    'de:ad:00:00:00:01:02',
    'de:ad:0:00:00:001',
    'gg:ad:00:00:00:01',
    'dead.0000.0001',
    '',
  ])('refuses %j', (text) => expect(canonicalMac(text)).toBeUndefined());
});
