import { DEFAULTS } from '../../model/defaults.js';
import { field, obj, range, STATE } from './helpers.js';
import type { JsonSchema } from './helpers.js';

const DRAFT = 'https://json-schema.org/draft/2020-12/schema';
const VRF_ID = { type: 'integer', minimum: 0, maximum: 4294967294 };
const IF_NAME = { type: 'string', minLength: 1, maxLength: 63 };

export const vrfsSection: JsonSchema = {
  $schema: DRAFT,
  $id: 'vrfs.schema.json',
  title: 'vppstate vrfs',
  description:
    'IP tables (VRFs) keyed by table id (1..4294967294; table 0 always exists and is not declared). Each id has an IPv4 and/or an IPv6 table.',
  type: 'object',
  propertyNames: { pattern: '^[1-9][0-9]{0,9}$' },
  additionalProperties: { $ref: '#/$defs/vrf' },
  examples: [{ 10: { name: 'blue' } }],
  $defs: {
    vrf: {
      description: 'One table id. An empty entry (`10: {}`) declares both families with VPP’s default names.',
      examples: [{ name: 'blue' }, { families: ['ipv4'], name: 'mgmt' }],
      ...obj({
        state: STATE,
        name: field(
          'Table name for every declared family. Default: VPP’s (`ipv4-VRF:<id>`, `ipv6-VRF:<id>`).',
          { type: 'string', minLength: 1, maxLength: 63 },
          ['blue'],
        ),
        families: field(
          'Which tables exist for this id.',
          {
            type: 'array',
            items: { type: 'string', enum: ['ipv4', 'ipv6'] },
            minItems: 1,
            uniqueItems: true,
          },
          [['ipv4']],
          ['ipv4', 'ipv6'],
        ),
        'ipv4-name': field(
          'IPv4 table name, when it differs from `name`.',
          { type: 'string', minLength: 1, maxLength: 63 },
          ['blue-v4'],
        ),
        'ipv6-name': field(
          'IPv6 table name, when it differs from `name`.',
          { type: 'string', minLength: 1, maxLength: 63 },
          ['blue-v6'],
        ),
      }),
      type: ['object', 'null'],
    },
  },
};

const pathFields = (prefix: string): Record<string, JsonSchema> => ({
  type: field(
    `${prefix}\`normal\` forwards via \`via\` and/or \`interface\`; \`drop\` discards; \`local\` delivers to VPP; \`unreachable\`/\`prohibit\` drop with an ICMP error. Non-normal paths take no \`via\`/\`interface\`.`,
    { type: 'string', enum: ['normal', 'drop', 'local', 'unreachable', 'prohibit'] },
    ['drop'],
    'normal',
  ),
  via: field('Next-hop address, same family as the prefix.', { type: 'string', format: 'ip-address' }, [
    '192.0.2.254',
  ]),
  interface: field('Next-hop (or outgoing) interface; must be declared in `interfaces`.', IF_NAME, [
    'GigabitEthernet0/8/0',
  ]),
  'via-vrf': field(
    'Table in which `via` is looked up, for a recursive path (`via` without `interface`). Default: the route’s VRF.',
    VRF_ID,
    [0],
  ),
  weight: field(
    'Weight for unequal-cost load sharing.',
    { type: 'integer', minimum: 1, maximum: 255 },
    [2],
    1,
  ),
  preference: field(
    'Path preference; lower is preferred, higher ones are backups.',
    { type: 'integer', minimum: 0, maximum: 255 },
    [10],
    0,
  ),
});

export const routesSection: JsonSchema = {
  $schema: DRAFT,
  $id: 'routes.schema.json',
  title: 'vppstate routes',
  description:
    'Static routes: the entries VPP holds from its API source. Identity: (vrf, prefix); a (vrf, prefix) appears once over all documents. A single path can be written inline (`via`, `interface`, ...), several under `paths`. Entries VPP adds on its own (connected and local prefixes of interface addresses, ARP/ND neighbours, the hosts it tracks for next hops and tunnel endpoints, and those of DHCP, NAT or `vppctl ip route`) are neither managed nor reported as drift; a route whose prefix is also an interface\u2019s connected prefix is VPP\u2019s to forward and reads back as missing.',
  type: 'array',
  items: { $ref: '#/$defs/route' },
  examples: [[{ prefix: '0.0.0.0/0', via: '192.0.2.254', interface: 'GigabitEthernet0/8/0' }]],
  $defs: {
    route: {
      description: 'One route.',
      examples: [{ prefix: '10.0.0.0/8', vrf: 10, via: '10.10.0.254', interface: 'loop1' }],
      ...obj(
        {
          prefix: field('Destination prefix, host bits clear.', { type: 'string', format: 'ip-prefix' }, [
            '0.0.0.0/0',
            '2001:db8:100::/48',
          ]),
          vrf: field(
            'Table id; the table of the prefix’s family must be declared (0 always exists).',
            VRF_ID,
            [10],
            0,
          ),
          state: STATE,
          ...pathFields('Type of the inline path: '),
          paths: field(
            'Several paths (ECMP/UCMP or backups). Not together with the inline path fields.',
            { type: 'array', minItems: 1, items: { $ref: '#/$defs/path' } },
            [
              [
                { via: '192.0.2.1', interface: 'GigabitEthernet0/8/0' },
                { via: '198.51.100.1', interface: 'GigabitEthernet0/9/0' },
              ],
            ],
          ),
        },
        { required: ['prefix'] },
      ),
    },
    path: {
      description: 'One path.',
      examples: [{ via: '192.0.2.1', interface: 'GigabitEthernet0/8/0', weight: 2 }],
      ...obj(pathFields('')),
    },
  },
};

const member = field(
  'A member interface name, or `{interface, split-horizon-group}`.',
  {
    type: ['string', 'object'],
    minLength: 1,
    additionalProperties: false,
    required: ['interface'],
    properties: {
      interface: field('Member interface.', IF_NAME, ['memif1/0']),
      'split-horizon-group': field(
        'Split-horizon group: frames are not forwarded between members of the same non-zero group.',
        { type: 'integer', minimum: 0, maximum: 255 },
        [1],
        DEFAULTS.splitHorizonGroup,
      ),
    },
  },
  ['memif1/0', { interface: 'vxlan_tunnel0', 'split-horizon-group': 1 }],
);

const bdFlag = (description: string, dflt: boolean): JsonSchema =>
  field(description, { type: 'boolean' }, [!dflt], dflt);

export const bridgeDomainsSection: JsonSchema = {
  $schema: DRAFT,
  $id: 'bridge-domains.schema.json',
  title: 'vppstate bridge-domains',
  description: `L2 bridge domains keyed by id (1..${DEFAULTS.bridgeDomainIdMax}).`,
  type: 'object',
  propertyNames: { pattern: '^[1-9][0-9]{0,7}$' },
  additionalProperties: { $ref: '#/$defs/bridge-domain' },
  examples: [{ 10: { bvi: 'loop10', members: ['memif1/0', 'memif1/1'] } }],
  $defs: {
    'bridge-domain': {
      description: 'One bridge domain.',
      examples: [{ bvi: 'loop10', members: ['memif1/0'] }],
      ...obj({
        state: STATE,
        description: field(
          `Free text (printable ASCII, at most ${DEFAULTS.descriptionMaxLength} characters), kept in VPP’s bridge-domain tag.`,
          { type: 'string', maxLength: DEFAULTS.descriptionMaxLength, pattern: '^[ -~]*$' },
          ['tenant A'],
        ),
        learn: bdFlag('Learn source MACs.', DEFAULTS.bridgeDomain.learn),
        forward: bdFlag('Forward by destination MAC.', DEFAULTS.bridgeDomain.forward),
        flood: bdFlag('Flood broadcast and multicast.', DEFAULTS.bridgeDomain.flood),
        'unknown-unicast-flood': bdFlag('Flood unknown unicast.', DEFAULTS.bridgeDomain.unknownUnicastFlood),
        'arp-termination': bdFlag('Answer ARP requests from the domain’s IP-MAC table.', false),
        'arp-unicast-forward': bdFlag('Forward ARP requests as unicast when termination is on.', false),
        'mac-age': field(
          'Age out learnt MACs after this many minutes; 0 never.',
          { type: 'integer', minimum: 0, maximum: 255 },
          [5],
          DEFAULTS.bridgeDomain.macAge,
        ),
        bvi: field('Bridge virtual interface: a loopback that routes for the domain.', IF_NAME, ['loop10']),
        'unknown-unicast-forward': field(
          'Send unknown-unicast frames to this interface (port type uu-fwd).',
          IF_NAME,
          ['GigabitEthernet0/9/0'],
        ),
        members: field(
          'Member interfaces (not the BVI). An interface is in at most one bridge domain and then has no IP addresses.',
          { type: 'array', items: member },
          [['memif1/0', { interface: 'vxlan_tunnel0', 'split-horizon-group': 1 }]],
          [],
        ),
      }),
      type: ['object', 'null'],
    },
  },
};

export const l2XconnectsSection: JsonSchema = {
  $schema: DRAFT,
  $id: 'l2-xconnects.schema.json',
  title: 'vppstate l2-xconnects',
  description:
    'L2 cross-connects, keyed by receiving interface: `rx: tx` sends every frame received on rx out of tx. A two-way pair is written both ways.',
  type: 'object',
  propertyNames: { minLength: 1, maxLength: 63 },
  additionalProperties: {
    description: 'The transmit interface, or `{tx}` / `{state: absent}`.',
    type: ['string', 'object'],
    minLength: 1,
    additionalProperties: false,
    properties: {
      tx: field('Transmit interface.', IF_NAME, ['memif2/0']),
      state: STATE,
    },
    examples: ['memif2/0', { state: 'absent' }],
  },
  examples: [{ 'memif1/0': 'memif2/0', 'memif2/0': 'memif1/0' }],
};

const acePorts = (what: string): JsonSchema =>
  range(65535, `${what} port(s), for \`tcp\` and \`udp\` only.`, [443, '1024-65535'], '0-65535');

export const aclsSection: JsonSchema = {
  $schema: DRAFT,
  $id: 'acls.schema.json',
  title: 'vppstate acls',
  description: `Access control lists keyed by name (at most ${DEFAULTS.descriptionMaxLength} characters; the name is kept in VPP’s ACL tag). Bind them to interfaces with \`interfaces.<name>.acls\`.`,
  type: 'object',
  propertyNames: { minLength: 1, maxLength: DEFAULTS.descriptionMaxLength, pattern: '^[!-~]+$' },
  additionalProperties: { $ref: '#/$defs/acl' },
  examples: [{ 'uplink-in': { rules: [{ action: 'permit', protocol: 'tcp', 'destination-ports': 22 }] } }],
  $defs: {
    acl: {
      description: 'One ACL.',
      examples: [{ rules: [{ action: 'permit', protocol: 'tcp', 'destination-ports': 22 }] }],
      ...obj({
        state: STATE,
        rules: field(
          'Rules, evaluated in order; the first match decides. A packet that matches none is denied.',
          { type: 'array', items: { $ref: '#/$defs/rule' } },
          [[{ action: 'permit', protocol: 'icmp' }]],
          [],
        ),
      }),
      type: ['object', 'null'],
    },
    rule: {
      description: 'One rule. Source and destination must be of one family.',
      examples: [{ action: 'permit', protocol: 'udp', source: '10.0.0.0/8', 'destination-ports': 53 }],
      ...obj(
        {
          action: field(
            '`permit`, `deny`, or `permit+reflect` (permit and let the return traffic back in).',
            { type: 'string', enum: ['permit', 'deny', 'permit+reflect'] },
            ['permit+reflect'],
          ),
          family: field(
            'Address family, needed only when neither `source` nor `destination` is given.',
            { type: 'string', enum: ['ipv4', 'ipv6'] },
            ['ipv6'],
            'ipv4',
          ),
          source: field(
            'Source prefix. Default: the whole family.',
            { type: 'string', format: 'ip-prefix' },
            ['192.0.2.0/24'],
          ),
          destination: field(
            'Destination prefix. Default: the whole family.',
            { type: 'string', format: 'ip-prefix' },
            ['10.0.0.0/8'],
          ),
          protocol: field(
            'IP protocol: `any`, `tcp`, `udp`, `icmp`, `icmpv6` or a number 0..255.',
            { type: ['string', 'integer'], minimum: 0, maximum: 255, pattern: '^(any|tcp|udp|icmp|icmpv6)$' },
            ['tcp', 47],
            'any',
          ),
          'source-ports': acePorts('Source'),
          'destination-ports': acePorts('Destination'),
          'icmp-type': range(255, 'ICMP type(s), for `icmp` and `icmpv6` only.', [8, '0-255'], '0-255'),
          'icmp-code': range(255, 'ICMP code(s), for `icmp` and `icmpv6` only.', [0], '0-255'),
          'tcp-flags': field(
            'TCP flags, for `tcp` only: matches when (flags AND mask) = value. FIN 1, SYN 2, RST 4, PSH 8, ACK 16, URG 32.',
            obj(
              {
                mask: field('Flags to look at.', { type: 'integer', minimum: 0, maximum: 255 }, [18]),
                value: field('Their required values.', { type: 'integer', minimum: 0, maximum: 255 }, [2]),
              },
              { required: ['mask', 'value'] },
            ),
            [{ mask: 18, value: 2 }],
          ),
        },
        { required: ['action'] },
      ),
    },
  },
};

export const nat44Section: JsonSchema = {
  $schema: DRAFT,
  $id: 'nat44.schema.json',
  title: 'vppstate nat44',
  description:
    'NAT44-ED global settings and address pool. Omitted: vppstate does not manage NAT44 globals. Interfaces take roles with `interfaces.<name>.nat44`.',
  ...obj({
    enabled: field('Enable the NAT44-ED plugin.', { type: 'boolean' }, [false], DEFAULTS.nat44Enabled),
    'inside-vrf': field('Inside VRF.', VRF_ID, [10], 0),
    'outside-vrf': field('Outside VRF.', VRF_ID, [0], 0),
    sessions: field(
      'Maximum sessions per thread. Default: VPP’s (64512). Changing it, `inside-vrf` or `outside-vrf` while NAT44 runs means disabling and enabling the plugin, which drops every session: vppstate does so and puts the pool and interface roles back.',
      { type: 'integer', minimum: 1, maximum: 4294967295 },
      [65536],
    ),
    'static-mapping-only': field(
      'Translate only by static mappings. NAT44-ED refuses it (VNET_API_ERROR_UNSUPPORTED): only `false` is accepted.',
      { type: 'boolean' },
      [false],
      false,
    ),
    'connection-tracking': field(
      'Connection tracking. NAT44-ED refuses it (VNET_API_ERROR_UNSUPPORTED): only `false` is accepted.',
      { type: 'boolean' },
      [false],
      false,
    ),
    forwarding: field(
      'Forward packets that match no session instead of dropping them.',
      { type: 'boolean' },
      [true],
      false,
    ),
    pool: field(
      'Pool addresses: an IPv4 address, a range `first-last`, a prefix, or `{addresses, vrf, twice-nat}`.',
      {
        type: 'array',
        items: {
          type: ['string', 'object'],
          format: 'nat44-pool',
          additionalProperties: false,
          required: ['addresses'],
          properties: {
            addresses: field('Address, range or prefix.', { type: 'string', format: 'nat44-pool' }, [
              '198.51.100.10-198.51.100.14',
            ]),
            vrf: field('Tenant VRF the addresses serve. Default: any.', VRF_ID, [10]),
            'twice-nat': field('Addresses for twice-NAT.', { type: 'boolean' }, [true], false),
          },
        },
      },
      [['198.51.100.1', '198.51.100.16/29', { addresses: '203.0.113.5-203.0.113.6', 'twice-nat': true }]],
      [],
    ),
  }),
  examples: [{ pool: ['198.51.100.10-198.51.100.14'] }],
};

export const linuxCpSection: JsonSchema = {
  $schema: DRAFT,
  $id: 'linux-cp.schema.json',
  title: 'vppstate linux-cp',
  description:
    'linux-cp global settings. Omitted: not managed. Pairs are per interface (`interfaces.<name>.linux-cp`).',
  ...obj({
    'default-namespace': field(
      'Namespace for host interfaces whose pair names none. Default: VPP’s own namespace.',
      { type: 'string', maxLength: DEFAULTS.linuxCpNamespaceMaxLength },
      ['dataplane'],
      '',
    ),
  }),
  examples: [{ 'default-namespace': 'dataplane' }],
};

const globs = (what: string, example: string): JsonSchema =>
  field(
    `${what} never touched: glob patterns (\`*\`, \`?\`) over their keys.`,
    {
      type: 'array',
      items: { type: 'string', minLength: 1 },
    },
    [[example]],
    [],
  );

export const settingsSection: JsonSchema = {
  $schema: DRAFT,
  $id: 'settings.schema.json',
  title: 'vppstate settings',
  description:
    'How vppstate treats what the documents do not declare. Command-line flags (`--prune`) take precedence.',
  ...obj({
    prune: field(
      'What may be deleted when not declared: `owned` (only what vppstate created), `all` (everything except hardware interfaces, local0 and ignored objects), `none`.',
      { type: 'string', enum: ['owned', 'all', 'none'] },
      ['all'],
      DEFAULTS.prune,
    ),
    ignore: field(
      'Objects vppstate never creates, changes or deletes.',
      obj({
        interfaces: globs('Interfaces', 'tap4*'),
        vrfs: globs('VRFs', '100'),
        routes: globs('Routes (key `<vrf>:<prefix>`)', '0:169.254.0.0/16'),
        'bridge-domains': globs('Bridge domains', '9*'),
        'l2-xconnects': globs('Cross-connects (key: rx interface)', 'memif9/*'),
        acls: globs('ACLs', 'k8s-*'),
      }),
      [{ interfaces: ['tap*'] }],
    ),
  }),
  examples: [{ prune: 'owned', ignore: { interfaces: ['tap4096'] } }],
};
