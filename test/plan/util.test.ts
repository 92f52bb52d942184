import { describe, expect, it } from 'vitest';
import { canonicalAddress, networkPrefix } from '../../src/model/kinds/util.js';

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
});
