import { DEFAULTS } from '../../model/defaults.js';
import { field, obj, STATE, U32 } from './helpers.js';
import type { JsonSchema } from './helpers.js';

const ifName = (description: string, examples: string[]): JsonSchema =>
  field(description, { type: 'string', minLength: 1, maxLength: 63 }, examples);

const linuxCp = field(
  'A linux-cp pair: a host (kernel) interface that mirrors this one, so Linux routing daemons see it. Default: no pair.',
  obj(
    {
      'host-name': field(
        'Name of the host-side interface (at most 15 characters). Required.',
        {
          type: 'string',
          minLength: 1,
          maxLength: DEFAULTS.linuxCpHostNameMaxLength,
          pattern: '^[^\\s/:]+$',
        },
        ['e0', 'uplink'],
      ),
      'host-type': field(
        '`tap` (Ethernet, the usual) or `tun` (point-to-point L3).',
        { type: 'string', enum: ['tap', 'tun'] },
        ['tun'],
        DEFAULTS.linuxCpHostType,
      ),
      namespace: field(
        'Network namespace of the host interface. Default: `linux-cp.default-namespace`, or VPP’s own namespace.',
        { type: 'string', maxLength: DEFAULTS.linuxCpNamespaceMaxLength },
        ['dataplane'],
      ),
    },
    { required: ['host-name'] },
  ),
  [{ 'host-name': 'e0' }, { 'host-name': 'e0.100', namespace: 'dataplane' }],
);

const mssFamily = (family: string, example: number): JsonSchema =>
  field(
    `${family} TCP MSS clamping: a number (the MSS, both directions) or \`{mss, direction}\`. Omitted: ${family} is not clamped.`,
    {
      type: ['integer', 'object'],
      minimum: 1,
      maximum: 65535,
      additionalProperties: false,
      required: ['mss'],
      properties: {
        mss: field(
          'Maximum segment size TCP SYNs are clamped to.',
          { type: 'integer', minimum: 1, maximum: 65535 },
          [example],
        ),
        direction: field(
          'Clamp packets received on the interface (`rx`), sent (`tx`) or `both`.',
          { type: 'string', enum: ['rx', 'tx', 'both'] },
          ['tx'],
          DEFAULTS.mssClampDirection,
        ),
      },
    },
    [example, { mss: example, direction: 'tx' }],
  );

const tap = field(
  'Settings of a tap interface (`tap<N>`), given when it is created; changing one recreates the tap.',
  obj({
    'host-name': field(
      'Host-side interface name (at most 15 characters). Default: VPP chooses (`tap<N>`).',
      { type: 'string', minLength: 1, maxLength: 15 },
      ['vpp-tap0'],
    ),
    'host-namespace': field(
      'Network namespace for the host side. Default: the default namespace.',
      { type: 'string', maxLength: 63 },
      ['dataplane'],
      '',
    ),
    'host-bridge': field(
      'Linux bridge to attach the host side to. Default: none.',
      { type: 'string', maxLength: 63 },
      ['br0'],
      '',
    ),
    'host-mtu': field(
      'Host-side MTU. Default: VPP’s.',
      { type: 'integer', minimum: 64, maximum: 65535 },
      [1500, 9000],
    ),
    'host-mac': field('Host-side MAC address. Default: random.', { type: 'string', format: 'mac-address' }, [
      '02:fe:00:00:10:01',
    ]),
    'host-ipv4-address': field(
      'IPv4 address with prefix length for the host side. Default: none.',
      { type: 'string', format: 'interface-address' },
      ['192.168.100.2/24'],
    ),
    'host-ipv6-address': field(
      'IPv6 address with prefix length for the host side. Default: none.',
      { type: 'string', format: 'interface-address' },
      ['2001:db8:100::2/64'],
    ),
    'rx-ring-size': field(
      'RX ring entries, a power of 2.',
      { type: 'integer', minimum: 1, maximum: 32768 },
      [1024],
      DEFAULTS.tapRingSize,
    ),
    'tx-ring-size': field(
      'TX ring entries, a power of 2.',
      { type: 'integer', minimum: 1, maximum: 32768 },
      [1024],
      DEFAULTS.tapRingSize,
    ),
    tun: field('Create a TUN (L3) device instead of a TAP.', { type: 'boolean' }, [true], false),
    gso: field('Enable generic segmentation offload.', { type: 'boolean' }, [true], false),
    'checksum-offload': field('Enable checksum offload.', { type: 'boolean' }, [true], false),
    persist: field('Keep the host interface when the tap is deleted.', { type: 'boolean' }, [true], false),
  }),
  [{ 'host-name': 'vpp0', 'host-ipv4-address': '192.168.100.2/24' }],
);

const memif = field(
  'Settings of a memif interface (`memif<socket-id>/<id>`), given when it is created.',
  obj({
    'socket-id': field(
      'Socket id; taken from the name, may be repeated for clarity (must then match).',
      U32,
      [1],
    ),
    id: field(
      'Interface id on the socket; taken from the name, may be repeated (must then match).',
      U32,
      [0],
    ),
    socket: field(
      `Socket file. Required for socket ids other than 0; socket id 0 is always ${DEFAULTS.memifDefaultSocket}. memifs sharing a socket id must agree on it.`,
      { type: 'string', minLength: 1, maxLength: 108 },
      ['/run/vpp/memif-chain.sock'],
    ),
    role: field(
      '`master` listens on the socket, `slave` connects.',
      { type: 'string', enum: ['master', 'slave'] },
      ['slave'],
      DEFAULTS.memifRole,
    ),
    mode: field(
      '`ethernet` (L2 frames), `ip` (L3 packets, no MAC) or `punt-inject`.',
      { type: 'string', enum: ['ethernet', 'ip', 'punt-inject'] },
      ['ip'],
      DEFAULTS.memifMode,
    ),
    'rx-queues': field(
      'RX queues (slave). Default: VPP’s (1).',
      { type: 'integer', minimum: 1, maximum: 255 },
      [2],
    ),
    'tx-queues': field(
      'TX queues (slave). Default: VPP’s (1).',
      { type: 'integer', minimum: 1, maximum: 255 },
      [2],
    ),
    'ring-size': field(
      'Ring entries, a power of 2. Default: VPP’s (1024). Not read back (VPP reports it only while connected).',
      { type: 'integer', minimum: 1, maximum: 65536 },
      [2048],
    ),
    'buffer-size': field(
      'Buffer size in bytes. Default: VPP’s (2048). Not read back.',
      { type: 'integer', minimum: 128, maximum: 65535 },
      [4096],
    ),
    secret: field(
      'Shared secret (at most 23 characters). VPP never reports it, so it is not compared.',
      { type: 'string', minLength: 1, maxLength: DEFAULTS.memifSecretMaxLength },
      ['s3cr3t'],
    ),
    'zero-copy': field('Zero-copy (slave).', { type: 'boolean' }, [false], DEFAULTS.memifZeroCopy),
  }),
  [{ socket: '/run/vpp/memif-chain.sock', role: 'master' }],
);

const vxlan = field(
  'Settings of a VXLAN tunnel (`vxlan_tunnel<N>`), given when it is created. Required for such an interface.',
  obj(
    {
      source: field('Local tunnel endpoint address.', { type: 'string', format: 'ip-address' }, [
        '192.0.2.1',
      ]),
      destination: field(
        'Remote tunnel endpoint address, same family as `source`.',
        { type: 'string', format: 'ip-address' },
        ['192.0.2.2'],
      ),
      vni: field('VXLAN network identifier.', { type: 'integer', minimum: 1, maximum: 16777215 }, [100]),
      'encap-vrf': field('VRF used to reach the destination.', U32, [10], DEFAULTS.vrf),
      port: field(
        'UDP destination port.',
        { type: 'integer', minimum: 1, maximum: 65535 },
        [4789],
        DEFAULTS.vxlanPort,
      ),
      decap: field(
        '`l2`: decapsulated frames go to L2 (put the tunnel in a bridge domain); `l3`: the tunnel is a routed interface.',
        { type: 'string', enum: ['l2', 'l3'] },
        ['l3'],
        DEFAULTS.vxlanDecap,
      ),
    },
    { required: ['source', 'destination', 'vni'] },
  ),
  [{ source: '192.0.2.1', destination: '192.0.2.2', vni: 100 }],
);

const bondMember = field(
  'A member interface name, or `{interface, passive, long-timeout}`.',
  {
    type: ['string', 'object'],
    minLength: 1,
    additionalProperties: false,
    required: ['interface'],
    properties: {
      interface: ifName('Member interface.', ['GigabitEthernet0/8/0']),
      passive: field('LACP passive mode.', { type: 'boolean' }, [true], false),
      'long-timeout': field('LACP long timeout (90 s instead of 3 s).', { type: 'boolean' }, [true], false),
    },
  },
  ['GigabitEthernet0/8/0', { interface: 'GigabitEthernet0/9/0', passive: true }],
);

const bond = field(
  'Settings of a bond (`BondEthernet<N>`).',
  obj({
    mode: field(
      'Bonding mode (a creation parameter).',
      { type: 'string', enum: ['round-robin', 'active-backup', 'xor', 'broadcast', 'lacp'] },
      ['active-backup'],
      DEFAULTS.bondMode,
    ),
    'load-balance': field(
      'Hash for `xor` and `lacp`: `l2` (MACs), `l34` (IPs and ports), `l23` (MACs and IPs).',
      { type: 'string', enum: ['l2', 'l34', 'l23'] },
      ['l34'],
      DEFAULTS.bondLoadBalance,
    ),
    'numa-only': field(
      'Transmit only on members of the local NUMA node when there are some.',
      { type: 'boolean' },
      [true],
      false,
    ),
    members: field(
      'Member interfaces. A member carries no address and is in no bridge domain.',
      {
        type: 'array',
        items: bondMember,
      },
      [['GigabitEthernet0/8/0', 'GigabitEthernet0/9/0']],
      [],
    ),
  }),
  [{ mode: 'lacp', 'load-balance': 'l34', members: ['GigabitEthernet0/8/0', 'GigabitEthernet0/9/0'] }],
);

const vlanId = (description: string, example: number): JsonSchema =>
  field(
    `${description} A VLAN id (1..4094) or \`any\`.`,
    { type: ['integer', 'string'], minimum: 1, maximum: 4094, pattern: '^any$' },
    [example, 'any'],
  );

const encapsulation = field(
  'The tags a sub-interface (`<parent>.<sub-id>`) matches. Default: one 802.1q tag equal to the sub-id, exact match.',
  obj({
    outer: vlanId('Outer tag.', 100),
    inner: vlanId('Inner tag (QinQ). Omitted: single-tagged.', 200),
    dot1ad: field('The outer tag is 802.1ad (S-tag) rather than 802.1q.', { type: 'boolean' }, [true], false),
    'exact-match': field(
      'Match only frames with exactly these tags. Required for IP addresses.',
      { type: 'boolean' },
      [false],
      true,
    ),
    default: field(
      'The default sub-interface: frames that match no other sub-interface of the parent. Takes no tags.',
      { type: 'boolean' },
      [true],
      false,
    ),
  }),
  [{ outer: 100 }, { outer: 100, inner: 200, dot1ad: true }],
);

/** One interface. */
export const interfaceSchema: JsonSchema = {
  description:
    'An interface, keyed by its VPP name. The name says what it is: `loop<N>` loopback, `tap<N>` tap, `memif<socket-id>/<id>` memif, `vxlan_tunnel<N>` VXLAN tunnel, `BondEthernet<N>` bond, `<parent>.<sub-id>` sub-interface; any other name is a hardware interface (configured, never created or deleted). An empty entry (`loop0: {}` or `loop0:`) takes every default.',
  examples: [{ mtu: 9000, addresses: ['192.0.2.1/24'] }],
  ...obj({
    type: field(
      'The kind, inferred from the name; may be given for clarity and must then match.',
      { type: 'string', enum: ['hardware', 'loopback', 'tap', 'memif', 'vxlan', 'bond', 'sub-interface'] },
      ['loopback'],
    ),
    state: STATE,
    'admin-state': field(
      'Administrative state.',
      { type: 'string', enum: ['up', 'down'] },
      ['down'],
      DEFAULTS.adminState,
    ),
    mtu: field(
      `L3 MTU in bytes (for hardware interfaces also the link MTU). Omitted: not managed, VPP’s value stays. A sub-interface’s MTU must not exceed its parent’s.`,
      { type: 'integer', minimum: DEFAULTS.mtuMin, maximum: DEFAULTS.mtuMax },
      [1500, 9000],
    ),
    mac: field(
      'MAC address. Omitted: not managed. Not settable on sub-interfaces.',
      {
        type: 'string',
        format: 'mac-address',
      },
      ['02:fe:3c:00:00:01'],
    ),
    description: field(
      `Free text (printable ASCII, at most ${DEFAULTS.descriptionMaxLength} characters), kept in VPP’s interface tag.`,
      { type: 'string', maxLength: DEFAULTS.descriptionMaxLength, pattern: '^[ -~]*$' },
      ['uplink to transit A'],
    ),
    vrf: field(
      'VRF (IP table id) of the interface: one id for both families, or `{ipv4, ipv6}`. The table must be declared in `vrfs` (0 always exists).',
      {
        type: ['integer', 'object'],
        minimum: 0,
        maximum: 4294967294,
        additionalProperties: false,
        properties: {
          ipv4: field('IPv4 table id.', { type: 'integer', minimum: 0, maximum: 4294967294 }, [10], 0),
          ipv6: field('IPv6 table id.', { type: 'integer', minimum: 0, maximum: 4294967294 }, [10], 0),
        },
      },
      [10, { ipv4: 10, ipv6: 20 }],
      0,
    ),
    addresses: field(
      'IPv4 and IPv6 addresses with prefix length, in one list (order does not matter). Addresses VPP has that are not listed are removed (IPv6 link-local excepted). No two interfaces of one VRF may have overlapping addresses.',
      { type: 'array', items: { type: 'string', format: 'interface-address' } },
      [['192.0.2.1/24', '2001:db8::1/64']],
      [],
    ),
    unnumbered: ifName(
      'Borrow the addresses of this interface (IP unnumbered). The interface then has no addresses of its own.',
      ['loop0'],
    ),
    acls: field(
      'ACLs (by name, from `acls`) applied to packets received (`input`) and sent (`output`), evaluated in order.',
      obj({
        input: field(
          'Input ACLs in order.',
          { type: 'array', items: { type: 'string', minLength: 1 } },
          [['uplink-in']],
          [],
        ),
        output: field(
          'Output ACLs in order.',
          { type: 'array', items: { type: 'string', minLength: 1 } },
          [['uplink-out']],
          [],
        ),
      }),
      [{ input: ['uplink-in'] }],
    ),
    'linux-cp': linuxCp,
    'mss-clamp': field(
      'TCP MSS clamping (mss_clamp plugin). Default: off.',
      obj({ ipv4: mssFamily('IPv4', 1360), ipv6: mssFamily('IPv6', 1340) }),
      [{ ipv4: 1360, ipv6: 1340 }],
    ),
    nat44: field(
      'NAT44-ED roles: `inside`, `outside` (one, or both as a list), or `output` (the output feature, alone). Needs the `nat44` section.',
      {
        type: ['string', 'array'],
        pattern: '^(inside|outside|output)$',
        items: { type: 'string', enum: ['inside', 'outside', 'output'] },
        uniqueItems: true,
      },
      ['inside', ['inside', 'outside']],
    ),
    macswap: field(
      'Enable the sample plugin’s MAC-swap feature (swaps source and destination MAC of received frames). Not on sub-interfaces.',
      { type: 'boolean' },
      [true],
      false,
    ),
    features: field(
      'Feature-arc features to switch on (`feature_enable_disable`), by arc: any feature of any plugin, by its node name. Given, it is the whole list: other features on these interfaces are switched off, except those other settings switch (ACLs, NAT44, MSS clamping, macswap, linux-cp) and VPP’s own. Left out: features are not managed.',
      {
        type: 'object',
        propertyNames: { pattern: '^[a-z0-9][a-z0-9_.-]*$', maxLength: 63 },
        additionalProperties: {
          type: 'array',
          items: { type: 'string', pattern: '^[a-z0-9][a-z0-9_.-]*$', maxLength: 63 },
          uniqueItems: true,
        },
      },
      [{ 'ip4-unicast': ['ip4-flow-classify'], 'device-input': ['span-input'] }, {}],
    ),
    tap,
    memif,
    vxlan,
    bond,
    encapsulation,
  }),
  type: ['object', 'null'],
};

export const interfacesSection: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'interfaces.schema.json',
  title: 'vppstate interfaces',
  description: 'Interfaces keyed by VPP interface name.',
  type: 'object',
  propertyNames: { minLength: 1, maxLength: 63, pattern: '^[^\\s]+$' },
  additionalProperties: { $ref: '#/$defs/interface' },
  examples: [{ loop0: { addresses: ['10.0.0.1/32'] } }],
  $defs: { interface: interfaceSchema },
};
