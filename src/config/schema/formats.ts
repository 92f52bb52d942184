/**
 * The custom string formats of the schemas: their checks (run by the generated validator) and
 * the words a message uses for them.
 */
import { canonicalIp, canonicalMac, parseAddressWithLength, parseIp } from '../../model/defaults.js';

export interface FormatDefinition {
  /** What a valid value looks like, for messages: "must be <text>". */
  readonly text: string;
  readonly type: 'string';
  readonly validate: (s: string) => boolean;
}

export const FORMATS: Readonly<Record<string, FormatDefinition>> = {
  'ip-address': {
    text: 'an IP address, like 192.0.2.1 or 2001:db8::1',
    type: 'string',
    validate: (s) => !!parseIp(s),
  },
  'interface-address': {
    text: 'an address with prefix length, like 192.0.2.1/24',
    type: 'string',
    validate: (s) => !!parseAddressWithLength(s),
  },
  'ip-prefix': {
    text: 'a prefix, like 192.0.2.0/24 or 2001:db8::/32',
    type: 'string',
    validate: (s) => !!parseAddressWithLength(s),
  },
  'mac-address': {
    text: 'a MAC address, like 02:fe:00:00:00:01',
    type: 'string',
    validate: (s) => !!canonicalMac(s),
  },
  range: {
    text: 'a number or a range first-last, like 1024-65535',
    type: 'string',
    validate: (s) => /^\d+(-\d+)?$/.test(s),
  },
  'nat44-pool': {
    text: 'an IPv4 address, a range like 198.51.100.1-198.51.100.9, or a prefix',
    type: 'string',
    validate: checkPoolEntry,
  },
};

function checkPoolEntry(s: string): boolean {
  const dash = s.indexOf('-');
  if (dash >= 0) return [s.slice(0, dash), s.slice(dash + 1)].every((a) => parseIp(a)?.family === 'ipv4');
  if (s.includes('/')) return parseAddressWithLength(s)?.family === 'ipv4';
  return parseIp(s)?.family === 'ipv4' && !!canonicalIp(s);
}
