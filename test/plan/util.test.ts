import { describe, expect, it } from 'vitest';
import { canonicalAddress, connectedRoutes, networkPrefix } from '../../src/model/kinds/util.js';

describe('address helpers', () => {
  it('masks host bits (routes in dumps can carry them)', () => {
    expect(networkPrefix('10.6.0.1/24')).toBe('10.6.0.0/24');
    expect(networkPrefix('10.6.0.1/32')).toBe('10.6.0.1/32');
    expect(networkPrefix('0.0.0.0/0')).toBe('0.0.0.0/0');
    expect(networkPrefix('255.255.255.255/1')).toBe('128.0.0.0/1');
    expect(networkPrefix('2001:db8:3::1/64')).toBe('2001:db8:3::/64');
  });
  it('writes addresses canonically', () => {
    expect(canonicalAddress('010.001.0.1')).toBe('10.1.0.1');
    expect(canonicalAddress('10.1.0.1')).toBe('10.1.0.1');
    expect(canonicalAddress('2001:DB8:0:0::1')).toBe('2001:db8::1');
  });
  it('knows the routes an interface address makes', () => {
    expect(connectedRoutes('10.2.0.1/24')).toEqual([
      '10.2.0.0/24',
      '10.2.0.1/32',
      '10.2.0.0/32',
      '10.2.0.255/32',
    ]);
    expect(connectedRoutes('10.2.5.5/32')).toEqual(['10.2.5.5/32']);
    expect(connectedRoutes('2001:db8:2::1/64')).toEqual(['2001:db8:2::/64', '2001:db8:2::1/128']);
  });
});
