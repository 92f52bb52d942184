// The messages the simulator implements, in the .api.json shape (VPP v26.10).
// Written out in this project from the VPP .api definitions; test/sim/definitions.test.ts
// checks every name, field, length, count field and crc against ../shared/vpp-api.
import type { ApiJsonFile } from '../../api/definitions/index.js';

/** core/bond.api */
export const bondApi: ApiJsonFile = {
  module: 'bond',
  enums: [
    [
      'bond_mode',
      ['BOND_API_MODE_ROUND_ROBIN', 1],
      ['BOND_API_MODE_ACTIVE_BACKUP', 2],
      ['BOND_API_MODE_XOR', 3],
      ['BOND_API_MODE_BROADCAST', 4],
      ['BOND_API_MODE_LACP', 5],
      { enumtype: 'u32' },
    ],
    [
      'bond_lb_algo',
      ['BOND_API_LB_ALGO_L2', 0],
      ['BOND_API_LB_ALGO_L34', 1],
      ['BOND_API_LB_ALGO_L23', 2],
      ['BOND_API_LB_ALGO_RR', 3],
      ['BOND_API_LB_ALGO_BC', 4],
      ['BOND_API_LB_ALGO_AB', 5],
      { enumtype: 'u32' },
    ],
  ],
  messages: [
    [
      'bond_create2',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_bond_mode_t', 'mode'],
      ['vl_api_bond_lb_algo_t', 'lb'],
      ['bool', 'numa_only'],
      ['bool', 'enable_gso'],
      ['bool', 'use_custom_mac'],
      ['vl_api_mac_address_t', 'mac_address'],
      ['u32', 'id', { default: 4294967295 }],
      {
        crc: '0x912fda76',
        options: {},
        comment:
          '/** \\brief Initialize a new bond interface with the given paramters\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param mode - mode, required (1=round-robin, 2=active-backup, 3=xor, 4=broadcast, 5=lacp)\n    @param lb - load balance, optional (0=l2, 1=l34, 2=l23) valid for xor and lacp modes. Otherwise ignored (default=l2)\n    @param numa_only - if numa_only is set, pkts will be transmitted by LAG members on local numa node only if have at least one, otherwise it works as usual.\n    @param enable_gso - enable gso support (default 0)\n    @param use_custom_mac - if set, mac_address is valid\n    @param mac_address - mac addr to assign to the interface if use_custom_mac is set\n    @param id - if non-~0, specifies a custom interface ID (default=0xFFFFFFFF)\n*/',
      },
    ],
    [
      'bond_create2_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      {
        crc: '0x5383d31f',
        options: {},
        comment:
          '/** \\brief Reply for bond create2 reply\n    @param context - returned sender context, to match reply w/ request\n    @param retval - return code\n    @param sw_if_index - software index allocated for the new tap interface\n*/',
      },
    ],
    [
      'bond_delete',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      {
        crc: '0xf9e6675e',
        options: {},
        comment:
          '/** \\brief Delete bond interface\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param sw_if_index - interface index of member interface\n*/',
      },
    ],
    [
      'bond_delete_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      { crc: '0xe8d4e804', options: {} },
    ],
    [
      'bond_add_member',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      ['vl_api_interface_index_t', 'bond_sw_if_index'],
      ['bool', 'is_passive'],
      ['bool', 'is_long_timeout'],
      {
        crc: '0xe7d14948',
        options: {},
        comment:
          '/** \\brief Initialize a new bond interface with the given paramters\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param sw_if_index - member sw_if_index\n    @param bond_sw_if_index - bond sw_if_index\n    @param is_passive - interface does not initiate the lacp protocol, remote must be active speaker\n    @param is_long_timeout - 90 seconds vs default 3 seconds neighbor timeout\n*/',
      },
    ],
    [
      'bond_add_member_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      {
        crc: '0xe8d4e804',
        options: {},
        comment:
          '/** \\brief Reply for bond add_member reply\n    @param context - returned sender context, to match reply w/ request\n    @param retval - return code\n*/',
      },
    ],
    [
      'bond_detach_member',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      {
        crc: '0xf9e6675e',
        options: {},
        comment:
          '/** \\brief bond detach member\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param sw_if_index - interface index of member interface\n*/',
      },
    ],
    [
      'bond_detach_member_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      { crc: '0xe8d4e804', options: {} },
    ],
    [
      'sw_bond_interface_dump',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index', { default: 4294967295 }],
      { crc: '0xf9e6675e', options: {}, comment: '/** \\brief Dump bond interfaces request */' },
    ],
    [
      'sw_bond_interface_details',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      ['u32', 'id'],
      ['vl_api_bond_mode_t', 'mode'],
      ['vl_api_bond_lb_algo_t', 'lb'],
      ['bool', 'numa_only'],
      ['u32', 'active_members'],
      ['u32', 'members'],
      ['string', 'interface_name', 64],
      {
        crc: '0x9428a69c',
        options: {},
        comment:
          '/** \\brief Reply for bond dump request\n    @param sw_if_index - software index of bond interface\n    @param id - ID of interface\n    @param mode - bonding mode\n    @param lb - load balance algo\n    @param numa_only - enable local numa TX for lacp mode\n    @param active_members - active members count\n    @param members - config member count\n    @param interface_name - name of interface\n*/',
      },
    ],
    [
      'sw_member_interface_dump',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      {
        crc: '0xf9e6675e',
        options: {},
        comment:
          '/** \\brief bond member dump\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param sw_if_index - interface index of bond interface\n*/',
      },
    ],
    [
      'sw_member_interface_details',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      ['string', 'interface_name', 64],
      ['bool', 'is_passive'],
      ['bool', 'is_long_timeout'],
      ['bool', 'is_local_numa'],
      ['u32', 'weight'],
      {
        crc: '0x3c4a0e23',
        options: {},
        comment:
          '/** \\brief Reply for member dump request\n    @param sw_if_index - software index of member interface\n    @param interface_name - name of interface\n    @param is_passve - interface does not initiate the lacp protocol, remote must be active speaker\n    @param is_long_timeout - 90 seconds vs default 3 seconds neighbor timeout\n    @param is_local_numa - the member interface is local numa\n    @param weight - the weight for the member interface (active-backup mode only)\n*/',
      },
    ],
  ],
  services: {
    bond_create2: { reply: 'bond_create2_reply' },
    bond_add_member: { reply: 'bond_add_member_reply' },
    bond_detach_member: { reply: 'bond_detach_member_reply' },
    bond_delete: { reply: 'bond_delete_reply' },
    sw_bond_interface_dump: { reply: 'sw_bond_interface_details', stream: true },
    sw_member_interface_dump: { reply: 'sw_member_interface_details', stream: true },
  },
};

/** core/ethernet_types.api */
export const ethernetTypesApi: ApiJsonFile = {
  module: 'ethernet_types',
  aliases: { mac_address: { type: 'u8', length: 6 } },
};

/** core/feature.api */
export const featureApi: ApiJsonFile = {
  module: 'feature',
  messages: [
    [
      'feature_enable_disable',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      ['bool', 'enable'],
      ['string', 'arc_name', 64],
      ['string', 'feature_name', 64],
      {
        crc: '0x7531c862',
        options: {},
        comment:
          '/** \\brief Feature path enable/disable request\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param sw_if_index - the interface\n    @param enable - 1 = on, 0 = off\n*/',
      },
    ],
    [
      'feature_enable_disable_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      { crc: '0xe8d4e804', options: {} },
    ],
    [
      'feature_is_enabled',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['string', 'arc_name', 64],
      ['string', 'feature_name', 64],
      ['vl_api_interface_index_t', 'sw_if_index'],
      { crc: '0x55db09e2', options: {} },
    ],
    [
      'feature_is_enabled_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['i32', 'retval'],
      ['bool', 'is_enabled'],
      { crc: '0x03f284b5', options: {} },
    ],
  ],
  services: {
    feature_enable_disable: { reply: 'feature_enable_disable_reply' },
    feature_is_enabled: { reply: 'feature_is_enabled_reply' },
  },
};

/** core/fib_types.api */
export const fibTypesApi: ApiJsonFile = {
  module: 'fib_types',
  types: [
    ['address', ['vl_api_address_family_t', 'af'], ['vl_api_address_union_t', 'un', { discriminator: 'af' }]],
    ['prefix', ['vl_api_address_t', 'address'], ['u8', 'len']],
    ['ip6_prefix', ['vl_api_ip6_address_t', 'address'], ['u8', 'len']],
    ['ip4_prefix', ['vl_api_ip4_address_t', 'address'], ['u8', 'len']],
    [
      'fib_mpls_label',
      ['u8', 'is_uniform'],
      ['u32', 'label'],
      ['u8', 'ttl'],
      ['u8', 'exp'],
      { comment: '/** \\brief MPLS label\n*/' },
    ],
    [
      'fib_path_nh',
      ['vl_api_address_union_t', 'address'],
      ['u32', 'via_label'],
      ['u32', 'obj_id'],
      ['u32', 'classify_table_index'],
      {
        comment:
          "/* \\brief A description of the 'next-hop' for a path\n *  this can be something that needs resolving like an IP address\n *  (into an adjacency or another FIB entry) or the index of another\n *  VPP object that was previously created (i.e. a UDP encap object)\n */",
      },
    ],
    [
      'fib_path',
      ['u32', 'sw_if_index'],
      ['u32', 'table_id'],
      ['u32', 'rpf_id'],
      ['u8', 'weight'],
      ['u8', 'preference'],
      ['vl_api_fib_path_type_t', 'type'],
      ['vl_api_fib_path_flags_t', 'flags'],
      ['vl_api_fib_path_nh_proto_t', 'proto'],
      ['vl_api_fib_path_nh_t', 'nh'],
      ['u8', 'n_labels'],
      ['vl_api_fib_mpls_label_t', 'label_stack', 16],
      {
        comment:
          '/** \\brief FIB path\n    @param sw_if_index - index of the interface\n    @param table_id - The table ID in which to find the next-hop address\n                      (for recursive routes, i.e. when the interface is\n\t\t       not given)\n    @param weight - The weight, for UCMP\n    @param preference - The preference of the path. lowest preference\n                        is preferred\n    @param rpf-id - For paths that pop to multicast, this the the\n                    RPF ID the packet will be given (0 and ~0 => unset)\n    @param type - the path type\n    @param flags - path flags\n    @param proto - protocol that describes the next-hop address\n    @param nh - the next-hop/net resolving object\n    @param n_labels - the number of labels present in the stack\n    @param label_stack - a stack of MPLS labels\n*/',
      },
    ],
  ],
  unions: [
    [
      'address_union',
      ['vl_api_ip4_address_t', 'ip4', { case: 'ADDRESS_IP4' }],
      ['vl_api_ip6_address_t', 'ip6', { case: 'ADDRESS_IP6' }],
    ],
  ],
  enums: [
    ['address_family', ['ADDRESS_IP4', 0], ['ADDRESS_IP6', 1], { enumtype: 'u8' }],
    [
      'ip_proto',
      ['IP_API_PROTO_HOPOPT', 0],
      ['IP_API_PROTO_ICMP', 1],
      ['IP_API_PROTO_IGMP', 2],
      ['IP_API_PROTO_TCP', 6],
      ['IP_API_PROTO_UDP', 17],
      ['IP_API_PROTO_GRE', 47],
      ['IP_API_PROTO_ESP', 50],
      ['IP_API_PROTO_AH', 51],
      ['IP_API_PROTO_ICMP6', 58],
      ['IP_API_PROTO_EIGRP', 88],
      ['IP_API_PROTO_OSPF', 89],
      ['IP_API_PROTO_SCTP', 132],
      ['IP_API_PROTO_RESERVED', 255],
      { enumtype: 'u8' },
    ],
    [
      'fib_path_nh_proto',
      ['FIB_API_PATH_NH_PROTO_IP4', 0],
      ['FIB_API_PATH_NH_PROTO_IP6', 1],
      ['FIB_API_PATH_NH_PROTO_MPLS', 2],
      ['FIB_API_PATH_NH_PROTO_ETHERNET', 3],
      ['FIB_API_PATH_NH_PROTO_BIER', 4],
      { enumtype: 'u32' },
    ],
    [
      'fib_path_flags',
      ['FIB_API_PATH_FLAG_NONE', 0],
      ['FIB_API_PATH_FLAG_RESOLVE_VIA_ATTACHED', 1],
      ['FIB_API_PATH_FLAG_RESOLVE_VIA_HOST', 2],
      ['FIB_API_PATH_FLAG_POP_PW_CW', 4],
      { enumtype: 'u32' },
    ],
    [
      'fib_path_type',
      ['FIB_API_PATH_TYPE_NORMAL', 0],
      ['FIB_API_PATH_TYPE_LOCAL', 1],
      ['FIB_API_PATH_TYPE_DROP', 2],
      ['FIB_API_PATH_TYPE_UDP_ENCAP', 3],
      ['FIB_API_PATH_TYPE_BIER_IMP', 4],
      ['FIB_API_PATH_TYPE_ICMP_UNREACH', 5],
      ['FIB_API_PATH_TYPE_ICMP_PROHIBIT', 6],
      ['FIB_API_PATH_TYPE_SOURCE_LOOKUP', 7],
      ['FIB_API_PATH_TYPE_DVR', 8],
      ['FIB_API_PATH_TYPE_INTERFACE_RX', 9],
      ['FIB_API_PATH_TYPE_CLASSIFY', 10],
      { enumtype: 'u32' },
    ],
  ],
  aliases: {
    ip4_address: { type: 'u8', length: 4 },
    ip6_address: { type: 'u8', length: 16 },
    address_with_prefix: { type: 'vl_api_prefix_t' },
    ip4_address_with_prefix: { type: 'vl_api_ip4_prefix_t' },
    ip6_address_with_prefix: { type: 'vl_api_ip6_prefix_t' },
  },
};

/** core/interface.api */
export const interfaceApi: ApiJsonFile = {
  module: 'interface',
  messages: [
    [
      'sw_interface_set_flags',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      ['vl_api_if_status_flags_t', 'flags'],
      {
        crc: '0xf5aec1b8',
        options: {},
        comment:
          '/** \\brief Set flags on the interface\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param sw_if_index - index of the interface to set flags on\n    @param flags - interface_status flags\n        (only IF_STATUS_API_FLAG_ADMIN_UP used in config)\n*/',
      },
    ],
    [
      'sw_interface_set_flags_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      { crc: '0xe8d4e804', options: {} },
    ],
    [
      'hw_interface_set_mtu',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      ['u16', 'mtu'],
      {
        crc: '0xe6746899',
        options: {},
        comment:
          '/** \\brief Set interface physical MTU\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param sw_if_index - index of the interface to set MTU on\n    @param mtu - MTU\n*/',
      },
    ],
    [
      'hw_interface_set_mtu_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      { crc: '0xe8d4e804', options: {} },
    ],
    [
      'sw_interface_set_mtu',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      ['u32', 'mtu', 4],
      { crc: '0x5cbe85e5', options: {}, comment: '/** \\brief Set interface L3 MTU */' },
    ],
    [
      'sw_interface_set_mtu_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      { crc: '0xe8d4e804', options: {} },
    ],
    [
      'sw_interface_event',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'pid'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      ['vl_api_if_status_flags_t', 'flags'],
      ['bool', 'deleted'],
      {
        crc: '0x2d3d95a7',
        options: {},
        comment:
          '/** \\brief Interface Event generated by want_interface_events\n    @param client_index - opaque cookie to identify the sender\n    @param pid - client pid registered to receive notification\n    @param sw_if_index - index of the interface of the event\n    @param flags - interface_status flags\n    @param deleted - interface was deleted\n*/',
      },
    ],
    [
      'want_interface_events',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['u32', 'enable_disable'],
      ['u32', 'pid'],
      {
        crc: '0x476f5a08',
        options: {},
        comment:
          "/** \\brief Register for interface events\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param enable_disable - 1 => register for events, 0 => cancel registration\n    @param pid - sender's pid\n*/",
      },
    ],
    [
      'want_interface_events_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      { crc: '0xe8d4e804', options: {} },
    ],
    [
      'sw_interface_details',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      ['u32', 'sup_sw_if_index'],
      ['vl_api_mac_address_t', 'l2_address'],
      ['vl_api_if_status_flags_t', 'flags'],
      ['vl_api_if_type_t', 'type'],
      ['vl_api_link_duplex_t', 'link_duplex'],
      ['u32', 'link_speed'],
      ['u16', 'link_mtu'],
      ['u32', 'mtu', 4],
      ['u32', 'sub_id'],
      ['u8', 'sub_number_of_tags'],
      ['u16', 'sub_outer_vlan_id'],
      ['u16', 'sub_inner_vlan_id'],
      ['vl_api_sub_if_flags_t', 'sub_if_flags'],
      ['u32', 'vtr_op'],
      ['u32', 'vtr_push_dot1q'],
      ['u32', 'vtr_tag1'],
      ['u32', 'vtr_tag2'],
      ['u16', 'outer_tag'],
      ['vl_api_mac_address_t', 'b_dmac'],
      ['vl_api_mac_address_t', 'b_smac'],
      ['u16', 'b_vlanid'],
      ['u32', 'i_sid'],
      ['string', 'interface_name', 64],
      ['string', 'interface_dev_type', 64],
      ['string', 'tag', 64],
      {
        crc: '0x6c221fc7',
        options: {},
        comment:
          "/** \\brief Interface details structure (fix this)\n    @param sw_if_index - index of the interface\n    @param sup_sw_if_index - index of parent interface if any, else same as sw_if_index\n    @param l2_address - the interface's l2 address\n    @param flags - interface_status flags\n    @param type - interface type\n    @param link_duplex - 1 if half duplex, 2 if full duplex\n    @param link_speed - value in kbps\n    @param link_MTU - max. transmission unit\n    @param sub_id - A number 0-N to uniquely identify this subif on super if\n    @param sub_number_of_tags - Number of tags (0 - 2)\n    @param sub_outer_vlan_id\n    @param sub_inner_vlan_id\n    @param sub_if_flags - sub interface flags\n    @param vtr_op - vlan tag rewrite operation\n    @param vtr_push_dot1q\n    @param vtr_tag1\n    @param vtr_tag2\n    @param pbb_outer_tag - translate pbb s-tag\n    @param pbb_b_dmac[6] - B-tag remote mac address\n    @param pbb_b_smac[6] - B-tag local mac address\n    @param pbb_b_vlanid - B-tag vlanid\n    @param pbb_i_sid - I-tag service id\n    @param interface_name - name of the interface\n    @param interface_dev_type - device type of the interface\n    @param tag - an ascii tag\n*/",
      },
    ],
    [
      'sw_interface_dump',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index', { default: 4294967295 }],
      ['bool', 'name_filter_valid'],
      ['string', 'name_filter', 0],
      {
        crc: '0xaa610c27',
        options: {},
        comment:
          '/** \\brief Request all or filtered subset of sw_interface_details\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param sw_if_index - index of the interface to dump info on, 0 or ~0 if on all\n      TODO: Support selecting only index==0 when CSIT is ready.\n    @param name_filter_valid - 1 if requesting a filtered subset of records else 0\n      if name filter is set as valid, sw_if_index value is ignored and all interfaces are examined\n    @param name_filter - interface name substring filter. Eg. loop1 returns [loop1, loop10]\n*/',
      },
    ],
    [
      'sw_interface_add_del_address',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      ['bool', 'is_add'],
      ['bool', 'del_all'],
      ['vl_api_address_with_prefix_t', 'prefix'],
      {
        crc: '0x5463d73b',
        options: {},
        comment:
          '/** \\brief Set or delete one or all ip addresses on a specified interface\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param sw_if_index - index of the interface to add/del addresses\n    @param is_add - add address if non-zero, else delete\n    @param del_all - if non-zero delete all addresses on the interface\n    @param prefix - address + a prefix length for the implied connected route\n*/',
      },
    ],
    [
      'sw_interface_add_del_address_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      { crc: '0xe8d4e804', options: {} },
    ],
    [
      'sw_interface_set_table',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      ['bool', 'is_ipv6'],
      ['u32', 'vrf_id'],
      {
        crc: '0xdf42a577',
        options: {},
        comment:
          '/** \\brief Associate the specified interface with a fib table\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param sw_if_index - index of the interface\n    @param is_ipv6 - if non-zero ipv6, else ipv4\n    @param vrf_id - fib table/vrf id to associate the interface with\n*/',
      },
    ],
    [
      'sw_interface_set_table_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      { crc: '0xe8d4e804', options: {} },
    ],
    [
      'sw_interface_get_table',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      ['bool', 'is_ipv6'],
      {
        crc: '0x2d033de4',
        options: {},
        comment:
          '/** \\brief Get VRF id assigned to interface\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param sw_if_index - index of the interface\n*/',
      },
    ],
    [
      'sw_interface_get_table_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      ['u32', 'vrf_id'],
      {
        crc: '0xa6eb0109',
        options: {},
        comment:
          '/** \\brief Reply to get_sw_interface_vrf\n    @param context - sender context which was passed in the request\n    @param vrf_id - VRF id assigned to the interface\n*/',
      },
    ],
    [
      'sw_interface_set_unnumbered',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      ['vl_api_interface_index_t', 'unnumbered_sw_if_index'],
      ['bool', 'is_add'],
      {
        crc: '0x154a6439',
        options: {},
        comment:
          '/** \\brief Set unnumbered interface add / del request\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param sw_if_index - interface with an IP address\n    @param unnumbered_sw_if_index - interface which will use the address\n    @param is_add - if non-zero set the association, else unset it\n*/',
      },
    ],
    [
      'sw_interface_set_unnumbered_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      { crc: '0xe8d4e804', options: {} },
    ],
    [
      'sw_interface_tag_add_del',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['bool', 'is_add'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      ['string', 'tag', 64],
      {
        crc: '0x426f8bc1',
        options: {},
        comment:
          '/** \\brief Set / clear software interface tag\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param sw_if_index - the interface\n    @param add_del - 1 = add, 0 = delete\n    @param tag - an ascii tag\n*/',
      },
    ],
    [
      'sw_interface_tag_add_del_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      { crc: '0xe8d4e804', options: {} },
    ],
    [
      'sw_interface_set_mac_address',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      ['vl_api_mac_address_t', 'mac_address'],
      {
        crc: '0xc536e7eb',
        options: {},
        comment:
          "/** \\brief Set an interface's MAC address\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param sw_if_index - the interface whose MAC will be set\n    @param mac_addr - the new MAC address\n*/",
      },
    ],
    [
      'sw_interface_set_mac_address_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      { crc: '0xe8d4e804', options: {} },
    ],
    [
      'create_subif',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      ['u32', 'sub_id'],
      ['vl_api_sub_if_flags_t', 'sub_if_flags'],
      ['u16', 'outer_vlan_id'],
      ['u16', 'inner_vlan_id'],
      { crc: '0x790ca755', options: {} },
    ],
    [
      'create_subif_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      { crc: '0x5383d31f', options: {} },
    ],
    [
      'create_vlan_subif',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      ['u32', 'vlan_id'],
      {
        crc: '0xaf34ac8b',
        options: {},
        comment:
          "/** \\brief Create a new subinterface with the given vlan id\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param sw_if_index - software index of the new vlan's parent interface\n    @param vlan_id - vlan tag of the new interface\n*/",
      },
    ],
    [
      'create_vlan_subif_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      {
        crc: '0x5383d31f',
        options: {},
        comment:
          '/** \\brief Reply for the vlan subinterface create request\n    @param context - returned sender context, to match reply w/ request\n    @param retval - return code\n    @param sw_if_index - software index allocated for the new subinterface\n*/',
      },
    ],
    [
      'delete_subif',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      {
        crc: '0xf9e6675e',
        options: {},
        comment:
          '/** \\brief Delete sub interface request\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param sw_if_index - sw index of the interface that was created by create_subif\n*/',
      },
    ],
    [
      'delete_subif_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      { crc: '0xe8d4e804', options: {} },
    ],
    [
      'create_loopback_instance',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_mac_address_t', 'mac_address'],
      ['bool', 'is_specified'],
      ['u32', 'user_instance'],
      {
        crc: '0xd36a3ee2',
        options: {},
        comment:
          '/** \\brief Create loopback interface instance request\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param mac_address - mac addr to assign to the interface if none-zero\n    @param is_specified - if non-0, a specific user_instance is being requested\n    @param user_instance - requested instance, ~0 => dynamically allocate\n*/',
      },
    ],
    [
      'create_loopback_instance_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      {
        crc: '0x5383d31f',
        options: {},
        comment:
          '/** \\brief Create loopback interface instance response\n    @param context - sender context, to match reply w/ request\n    @param sw_if_index - sw index of the interface that was created\n    @param retval - return code for the request\n*/',
      },
    ],
    [
      'delete_loopback',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      {
        crc: '0xf9e6675e',
        options: {},
        comment:
          '/** \\brief Delete loopback interface request\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param sw_if_index - sw index of the interface that was created\n*/',
      },
    ],
    [
      'delete_loopback_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      { crc: '0xe8d4e804', options: {} },
    ],
  ],
  services: {
    want_interface_events: { reply: 'want_interface_events_reply', events: ['sw_interface_event'] },
    sw_interface_dump: { reply: 'sw_interface_details', stream: true },
    sw_interface_set_flags: { reply: 'sw_interface_set_flags_reply' },
    sw_interface_set_mtu: { reply: 'sw_interface_set_mtu_reply' },
    hw_interface_set_mtu: { reply: 'hw_interface_set_mtu_reply' },
    sw_interface_set_mac_address: { reply: 'sw_interface_set_mac_address_reply' },
    sw_interface_tag_add_del: { reply: 'sw_interface_tag_add_del_reply' },
    sw_interface_add_del_address: { reply: 'sw_interface_add_del_address_reply' },
    sw_interface_set_table: { reply: 'sw_interface_set_table_reply' },
    sw_interface_get_table: { reply: 'sw_interface_get_table_reply' },
    create_loopback_instance: { reply: 'create_loopback_instance_reply' },
    delete_loopback: { reply: 'delete_loopback_reply' },
    create_vlan_subif: { reply: 'create_vlan_subif_reply' },
    create_subif: { reply: 'create_subif_reply' },
    delete_subif: { reply: 'delete_subif_reply' },
    sw_interface_set_unnumbered: { reply: 'sw_interface_set_unnumbered_reply' },
  },
};

/** core/interface_types.api */
export const interfaceTypesApi: ApiJsonFile = {
  module: 'interface_types',
  enums: [
    [
      'if_status_flags',
      ['IF_STATUS_API_FLAG_ADMIN_UP', 1],
      ['IF_STATUS_API_FLAG_LINK_UP', 2],
      { enumtype: 'u32' },
    ],
    [
      'link_duplex',
      ['LINK_DUPLEX_API_UNKNOWN', 0],
      ['LINK_DUPLEX_API_HALF', 1],
      ['LINK_DUPLEX_API_FULL', 2],
      { enumtype: 'u32' },
    ],
    [
      'sub_if_flags',
      ['SUB_IF_API_FLAG_NO_TAGS', 1],
      ['SUB_IF_API_FLAG_ONE_TAG', 2],
      ['SUB_IF_API_FLAG_TWO_TAGS', 4],
      ['SUB_IF_API_FLAG_DOT1AD', 8],
      ['SUB_IF_API_FLAG_EXACT_MATCH', 16],
      ['SUB_IF_API_FLAG_DEFAULT', 32],
      ['SUB_IF_API_FLAG_OUTER_VLAN_ID_ANY', 64],
      ['SUB_IF_API_FLAG_INNER_VLAN_ID_ANY', 128],
      ['SUB_IF_API_FLAG_MASK_VNET', 254],
      ['SUB_IF_API_FLAG_DOT1AH', 256],
      { enumtype: 'u32' },
    ],
    [
      'if_type',
      ['IF_API_TYPE_HARDWARE', 0],
      ['IF_API_TYPE_SUB', 1],
      ['IF_API_TYPE_P2P', 2],
      ['IF_API_TYPE_PIPE', 3],
      { enumtype: 'u32' },
    ],
  ],
  aliases: { interface_index: { type: 'u32' } },
};

/** core/ip.api */
export const ipApi: ApiJsonFile = {
  module: 'ip',
  types: [
    [
      'ip_table',
      ['u32', 'table_id'],
      ['bool', 'is_ip6'],
      ['string', 'name', 64],
      {
        comment:
          '/** \\brief An IP table\n    @param is_ipv6 - V4 or V6 table\n    @param table_id - table ID associated with the route\n                     This table ID will apply to both the unicast\n\t\t      and multicast FIBs\n    @param name - A client provided name/tag for the table. If this is\n                  not set by the client, then VPP will generate something\n\t\t  meaningful.\n*/',
      },
    ],
    [
      'ip_route',
      ['u32', 'table_id'],
      ['u32', 'stats_index'],
      ['vl_api_prefix_t', 'prefix'],
      ['u8', 'n_paths'],
      ['vl_api_fib_path_t', 'paths', 0, 'n_paths'],
      {
        comment:
          '/** \\brief An IP route\n  @param table_id The IP table the route is in\n  @param stats_index The index of the route in the stats segment\n  @param prefix the prefix for the route\n  @param n_paths The number of paths the route has\n  @param src The entity adding the route. either 0 for default\n             or a value returned from fib_source_sdd.\n  @param paths The paths of the route\n*/',
      },
    ],
  ],
  messages: [
    [
      'ip_table_add_del',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['bool', 'is_add', { default: 'true' }],
      ['vl_api_ip_table_t', 'table'],
      {
        crc: '0x0ffdaec0',
        options: {},
        comment:
          '/** \\brief Add / del table request\n           A table can be added multiple times, but need be deleted only once.\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n*/',
      },
    ],
    [
      'ip_table_add_del_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      { crc: '0xe8d4e804', options: {} },
    ],
    [
      'ip_table_dump',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      {
        crc: '0x51077d14',
        options: {},
        comment:
          '/** \\brief Dump IP all fib tables\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n*/',
      },
    ],
    [
      'ip_table_details',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['vl_api_ip_table_t', 'table'],
      {
        crc: '0xc79fca0f',
        options: {},
        comment:
          '/** \\brief IP FIB table response\n    @param context - sender context\n    @param table - description of the table\n*/',
      },
    ],
    [
      'ip_route_add_del',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['bool', 'is_add', { default: 'true' }],
      ['bool', 'is_multipath'],
      ['vl_api_ip_route_t', 'route'],
      {
        crc: '0xb8ecfe0d',
        options: {},
        comment:
          '/** \\brief Add / del route request\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param is_multipath - Set to 1 if these paths will be added/removed\n                          to/from the existing set, or 0 to replace\n\t\t\t  the existing set.\n                          is_add=0 & is_multipath=0 implies delete all paths\n    @param is_add - Are the paths being added or removed\n*/',
      },
    ],
    [
      'ip_route_add_del_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      ['u32', 'stats_index'],
      { crc: '0x1992deab', options: {} },
    ],
    [
      'ip_route_dump',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_ip_table_t', 'table'],
      {
        crc: '0xb9d2e09e',
        options: {},
        comment:
          '/** \\brief Dump IP routes from a table\n    @param client_index - opaque cookie to identify the sender\n    @param src The entity adding the route. either 0 for default\n               or a value returned from fib_source_sdd.\n    @param table - The table from which to dump routes (ony ID an AF are needed)\n*/',
      },
    ],
    [
      'ip_route_details',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['vl_api_ip_route_t', 'route'],
      {
        crc: '0xbda8f315',
        options: {},
        comment: '/** \\brief IP FIB table entry response\n    @param route The route entry in the table\n*/',
      },
    ],
    [
      'ip_address_details',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      ['vl_api_address_with_prefix_t', 'prefix'],
      { crc: '0xee29b797', options: {} },
    ],
    [
      'ip_address_dump',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      ['bool', 'is_ipv6'],
      { crc: '0x2d033de4', options: {} },
    ],
    [
      'ip_unnumbered_details',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      ['vl_api_interface_index_t', 'ip_sw_if_index'],
      {
        crc: '0xcc59bd42',
        options: {},
        comment:
          '/** \\brief IP unnumbered configurations\n    @param sw_if_index The interface that has unnumbered configuration\n    @param ip_sw_if_index The IP interface that it is unnumbered to\n*/',
      },
    ],
    [
      'ip_unnumbered_dump',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index', { default: 4294967295 }],
      {
        crc: '0xf9e6675e',
        options: {},
        comment:
          '/** \\brief Dump IP unnumbered configurations\n    @param sw_if_index ~0 for all interfaces, else the interface desired\n*/',
      },
    ],
  ],
  services: {
    ip_table_add_del: { reply: 'ip_table_add_del_reply' },
    ip_table_dump: { reply: 'ip_table_details', stream: true },
    ip_route_add_del: { reply: 'ip_route_add_del_reply' },
    ip_route_dump: { reply: 'ip_route_details', stream: true },
    ip_address_dump: { reply: 'ip_address_details', stream: true },
    ip_unnumbered_dump: { reply: 'ip_unnumbered_details', stream: true },
  },
};

/** core/l2.api */
export const l2Api: ApiJsonFile = {
  module: 'l2',
  types: [
    [
      'bridge_domain_sw_if',
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      ['u8', 'shg'],
      {
        comment:
          '/** \\brief L2 bridge domain sw interface operational state response\n    @param bd_id - the bridge domain id\n    @param sw_if_index - sw_if_index in the domain\n    @param shg - split horizon group for the interface\n*/',
      },
    ],
  ],
  enums: [
    [
      'bd_flags',
      ['BRIDGE_API_FLAG_NONE', 0],
      ['BRIDGE_API_FLAG_LEARN', 1],
      ['BRIDGE_API_FLAG_FWD', 2],
      ['BRIDGE_API_FLAG_FLOOD', 4],
      ['BRIDGE_API_FLAG_UU_FLOOD', 8],
      ['BRIDGE_API_FLAG_ARP_TERM', 16],
      ['BRIDGE_API_FLAG_ARP_UFWD', 32],
      { enumtype: 'u32' },
    ],
    [
      'l2_port_type',
      ['L2_API_PORT_TYPE_NORMAL', 0],
      ['L2_API_PORT_TYPE_BVI', 1],
      ['L2_API_PORT_TYPE_UU_FWD', 2],
      { enumtype: 'u32' },
    ],
  ],
  messages: [
    [
      'l2_xconnect_details',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'rx_sw_if_index'],
      ['vl_api_interface_index_t', 'tx_sw_if_index'],
      {
        crc: '0x472b6b67',
        options: {},
        comment:
          '/** \\brief Reply to l2_xconnect_dump\n    @param context - sender context which was passed in the request\n    @param rx_sw_if_index - Receive interface index\n    @param tx_sw_if_index - Transmit interface index\n */',
      },
    ],
    [
      'l2_xconnect_dump',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      {
        crc: '0x51077d14',
        options: {},
        comment:
          '/** \\brief Dump L2 XConnects\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n*/',
      },
    ],
    [
      'bridge_domain_set_mac_age',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['u32', 'bd_id'],
      ['u8', 'mac_age'],
      {
        crc: '0xb537ad7b',
        options: {},
        comment:
          '/** \\brief L2 bridge domain set mac age\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param bd_id - the bridge domain to create\n    @param mac_age - mac aging time in min, 0 for disabled\n*/',
      },
    ],
    [
      'bridge_domain_set_mac_age_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      { crc: '0xe8d4e804', options: {} },
    ],
    [
      'bridge_domain_add_del_v2',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['u32', 'bd_id'],
      ['bool', 'flood'],
      ['bool', 'uu_flood'],
      ['bool', 'forward'],
      ['bool', 'learn'],
      ['bool', 'arp_term'],
      ['bool', 'arp_ufwd'],
      ['u8', 'mac_age'],
      ['string', 'bd_tag', 64],
      ['bool', 'is_add', { default: 'true' }],
      {
        crc: '0x600b7170',
        options: {},
        comment:
          '/** \\brief L2 bridge domain add delete request version 2\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param bd_id -  if the id == ~0 creates a bridge domain with an unused id\n              if the id != ~0 the id of the bridge domain to create/delete\n    @param flood - enable/disable bcast/mcast flooding in the bd\n    @param uu_flood - enable/disable unknown unicast flood in the bd\n    @param forward - enable/disable forwarding on all interfaces in the bd\n    @param learn - enable/disable learning on all interfaces in the bd\n    @param arp_term - enable/disable arp termination in the bd\n    @param arp_ufwd - enable/disable arp unicast forwarding in the bd\n    @param mac_age - mac aging time in min, 0 for disabled\n    @param is_add - add or delete flag\n*/',
      },
    ],
    [
      'bridge_domain_add_del_v2_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      ['u32', 'bd_id'],
      {
        crc: '0xfcb1e980',
        options: {},
        comment:
          '/** \\brief L2 bridge domain add delete version 2 response\n    @param context - sender context, to match reply w/ request\n    @param retval - return code for the set bridge flags request\n    @param resulting_id - the id for the new bridge domain\n*/',
      },
    ],
    [
      'bridge_domain_dump',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['u32', 'bd_id', { default: 4294967295 }],
      ['vl_api_interface_index_t', 'sw_if_index', { default: 4294967295 }],
      {
        crc: '0x74396a43',
        options: {},
        comment:
          '/** \\brief L2 bridge domain request operational state details\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param bd_id - the bridge domain id desired or ~0 to request all bds\n    @param sw_if_index - filter by sw_if_index UNIMPLEMENTED\n*/',
      },
    ],
    [
      'bridge_domain_details',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['u32', 'bd_id'],
      ['bool', 'flood'],
      ['bool', 'uu_flood'],
      ['bool', 'forward'],
      ['bool', 'learn'],
      ['bool', 'arp_term'],
      ['bool', 'arp_ufwd'],
      ['u8', 'mac_age'],
      ['string', 'bd_tag', 64],
      ['vl_api_interface_index_t', 'bvi_sw_if_index'],
      ['vl_api_interface_index_t', 'uu_fwd_sw_if_index'],
      ['u32', 'n_sw_ifs'],
      ['vl_api_bridge_domain_sw_if_t', 'sw_if_details', 0, 'n_sw_ifs'],
      {
        crc: '0x0fa506fd',
        options: {},
        comment:
          "/** \\brief L2 bridge domain operational state response\n    @param bd_id - the bridge domain id\n    @param flood - bcast/mcast flooding state on all interfaces in the bd\n    @param uu_flood - unknown unicast flooding state on all interfaces in the bd\n    @param forward - forwarding state on all interfaces in the bd\n    @param learn - learning state on all interfaces in the bd\n    @param arp_term - arp termination state on all interfaces in the bd\n    @param arp_ufwd - arp unicast forwarding state on all interfaces in the bd\n    @param mac_age - mac aging time in min, 0 for disabled\n    @param bd_tag - optional textual tag for the bridge domain\n    @param n_sw_ifs - number of sw_if_index's in the domain\n*/",
      },
    ],
    [
      'bridge_flags',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['u32', 'bd_id'],
      ['bool', 'is_set'],
      ['vl_api_bd_flags_t', 'flags'],
      {
        crc: '0x1b0c5fbd',
        options: {},
        comment:
          '/** \\brief Set bridge flags request\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param bd_id - the bridge domain to set the flags for\n    @param is_set - if non-zero, set the flags, else clear them\n    @param flags - flags that are non-zero to set or clear\n*/',
      },
    ],
    [
      'bridge_flags_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      ['u32', 'resulting_feature_bitmap'],
      {
        crc: '0x29b2a2b3',
        options: {},
        comment:
          '/** \\brief Set bridge flags response\n    @param context - sender context, to match reply w/ request\n    @param retval - return code for the set bridge flags request\n    @param resulting_feature_bitmap - the internal L2 feature bitmap after the request is implemented\n*/',
      },
    ],
    [
      'sw_interface_set_l2_xconnect',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'rx_sw_if_index'],
      ['vl_api_interface_index_t', 'tx_sw_if_index'],
      ['bool', 'enable', { default: 'true' }],
      {
        crc: '0x4fa28a85',
        options: {},
        comment:
          '/** \\brief Set L2 XConnect between two interfaces request\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param rx_sw_if_index - Receive interface index\n    @param tx_sw_if_index - Transmit interface index\n    @param enable - enable xconnect if not 0, else set to L3 mode\n*/',
      },
    ],
    [
      'sw_interface_set_l2_xconnect_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      { crc: '0xe8d4e804', options: {} },
    ],
    [
      'sw_interface_set_l2_bridge',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'rx_sw_if_index'],
      ['u32', 'bd_id'],
      ['vl_api_l2_port_type_t', 'port_type'],
      ['u8', 'shg'],
      ['bool', 'enable', { default: 'true' }],
      { crc: '0xd0678b13', options: {} },
    ],
    [
      'sw_interface_set_l2_bridge_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      { crc: '0xe8d4e804', options: {} },
    ],
  ],
  services: {
    bridge_domain_add_del_v2: { reply: 'bridge_domain_add_del_v2_reply' },
    bridge_domain_dump: { reply: 'bridge_domain_details', stream: true },
    bridge_flags: { reply: 'bridge_flags_reply' },
    bridge_domain_set_mac_age: { reply: 'bridge_domain_set_mac_age_reply' },
    sw_interface_set_l2_bridge: { reply: 'sw_interface_set_l2_bridge_reply' },
    sw_interface_set_l2_xconnect: { reply: 'sw_interface_set_l2_xconnect_reply' },
    l2_xconnect_dump: { reply: 'l2_xconnect_details', stream: true },
  },
};

/** core/vlib.api */
export const vlibApi: ApiJsonFile = {
  module: 'vlib',
  messages: [
    [
      'cli_inband',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['string', 'cmd', 0],
      { crc: '0xf8377302', options: {} },
    ],
    [
      'cli_inband_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      ['string', 'reply', 0],
      { crc: '0x05879051', options: {} },
    ],
  ],
  services: { cli_inband: { reply: 'cli_inband_reply' } },
};

/** core/vpe.api */
export const vpeApi: ApiJsonFile = {
  module: 'vpe',
  messages: [
    [
      'show_version',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      {
        crc: '0x51077d14',
        options: {},
        comment:
          '/** \\brief show version\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n*/',
      },
    ],
    [
      'show_version_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      ['string', 'program', 32],
      ['string', 'version', 32],
      ['string', 'build_date', 32],
      ['string', 'build_directory', 256],
      {
        crc: '0xc919bde1',
        options: {},
        comment:
          '/** \\brief show version response\n    @param context - sender context, to match reply w/ request\n    @param retval - return code for the request\n    @param program - name of the program (vpe)\n    @param version  - version of the program\n    @param build_directory - root of the workspace where the program was built\n*/',
      },
    ],
  ],
  services: { show_version: { reply: 'show_version_reply' } },
};

/** plugins/acl.api */
export const aclApi: ApiJsonFile = {
  module: 'acl',
  messages: [
    [
      'acl_add_replace',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['u32', 'acl_index'],
      ['string', 'tag', 64],
      ['u32', 'count'],
      ['vl_api_acl_rule_t', 'r', 0, 'count'],
      {
        crc: '0xee5c2f18',
        options: {
          vat_help:
            '<acl-idx> <permit|permit+reflect|deny|action N> [src IP/plen] [dst IP/plen] [sport X-Y] [dport X-Y] [proto P] [tcpflags FL MASK], ... , ...',
        },
      },
    ],
    [
      'acl_add_replace_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['u32', 'acl_index'],
      ['i32', 'retval'],
      { crc: '0xac407b0c', options: {} },
    ],
    [
      'acl_del',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['u32', 'acl_index'],
      { crc: '0xef34fea4', options: { vat_help: '<acl-idx>' } },
    ],
    [
      'acl_del_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      { crc: '0xe8d4e804', options: { vat_help: '<acl-idx>' } },
    ],
    [
      'acl_interface_set_acl_list',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      ['u8', 'count'],
      ['u8', 'n_input'],
      ['u32', 'acls', 0, 'count'],
      {
        crc: '0x473982bd',
        options: { vat_help: '<intfc> | sw_if_index <if-idx> input [acl-idx list] output [acl-idx list]' },
      },
    ],
    [
      'acl_interface_set_acl_list_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      {
        crc: '0xe8d4e804',
        options: { vat_help: '<intfc> | sw_if_index <if-idx> input [acl-idx list] output [acl-idx list]' },
      },
    ],
    [
      'acl_dump',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['u32', 'acl_index'],
      { crc: '0xef34fea4', options: { vat_help: '[<acl-idx>]' } },
    ],
    [
      'acl_details',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['u32', 'acl_index'],
      ['string', 'tag', 64],
      ['u32', 'count'],
      ['vl_api_acl_rule_t', 'r', 0, 'count'],
      { crc: '0x95babae0', options: {} },
    ],
    [
      'acl_interface_list_dump',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index', { default: 4294967295 }],
      { crc: '0xf9e6675e', options: { vat_help: '[<intfc> | sw_if_index <if-idx>]' } },
    ],
    [
      'acl_interface_list_details',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      ['u8', 'count'],
      ['u8', 'n_input'],
      ['u32', 'acls', 0, 'count'],
      { crc: '0xe695d256', options: {} },
    ],
  ],
  services: {
    acl_add_replace: { reply: 'acl_add_replace_reply' },
    acl_del: { reply: 'acl_del_reply' },
    acl_dump: { reply: 'acl_details', stream: true },
    acl_interface_set_acl_list: { reply: 'acl_interface_set_acl_list_reply' },
    acl_interface_list_dump: { reply: 'acl_interface_list_details', stream: true },
  },
};

/** plugins/acl_types.api */
export const aclTypesApi: ApiJsonFile = {
  module: 'acl_types',
  types: [
    [
      'acl_rule',
      ['vl_api_acl_action_t', 'is_permit'],
      ['vl_api_prefix_t', 'src_prefix'],
      ['vl_api_prefix_t', 'dst_prefix'],
      ['vl_api_ip_proto_t', 'proto'],
      ['u16', 'srcport_or_icmptype_first'],
      ['u16', 'srcport_or_icmptype_last'],
      ['u16', 'dstport_or_icmpcode_first'],
      ['u16', 'dstport_or_icmpcode_last'],
      ['u8', 'tcp_flags_mask'],
      ['u8', 'tcp_flags_value'],
    ],
  ],
  enums: [
    [
      'acl_action',
      ['ACL_ACTION_API_DENY', 0],
      ['ACL_ACTION_API_PERMIT', 1],
      ['ACL_ACTION_API_PERMIT_REFLECT', 2],
      { enumtype: 'u8' },
    ],
  ],
};

/** plugins/lcp.api */
export const lcpApi: ApiJsonFile = {
  module: 'lcp',
  enums: [
    ['lcp_itf_host_type', ['LCP_API_ITF_HOST_TAP', 0], ['LCP_API_ITF_HOST_TUN', 1], { enumtype: 'u8' }],
  ],
  messages: [
    [
      'lcp_default_ns_get',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      {
        crc: '0x51077d14',
        options: {},
        comment:
          '/** \\brief get the default Linux Control Plane netns\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n*/',
      },
    ],
    [
      'lcp_default_ns_get_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['string', 'netns', 32],
      {
        crc: '0x5102feee',
        options: { in_progress: null },
        comment:
          '/** \\brief get the default Linux Control Plane netns\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param netns - the default netns; netns[0] == 0 if none\n*/',
      },
    ],
    [
      'lcp_itf_pair_add_del_v2',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['bool', 'is_add'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      ['string', 'host_if_name', 16],
      ['vl_api_lcp_itf_host_type_t', 'host_if_type'],
      ['string', 'netns', 32],
      { crc: '0x40482b80', options: { in_progress: null } },
    ],
    [
      'lcp_itf_pair_add_del_v2_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      ['vl_api_interface_index_t', 'host_sw_if_index'],
      { crc: '0x39452f52', options: { in_progress: null } },
    ],
    [
      'lcp_itf_pair_get',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['u32', 'cursor'],
      {
        crc: '0xf75ba505',
        options: {},
        comment:
          '/** \\brief Dump Linux Control Plane interface pair data\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param sw_if_index - interface to use as filter (~0 == "all")\n*/',
      },
    ],
    [
      'lcp_itf_pair_get_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      ['u32', 'cursor'],
      { crc: '0x53b48f5d', options: {} },
    ],
    [
      'lcp_itf_pair_get_v2',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['u32', 'cursor'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      { crc: '0x47250981', options: {} },
    ],
    [
      'lcp_itf_pair_get_v2_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      ['u32', 'cursor'],
      { crc: '0x53b48f5d', options: {} },
    ],
    [
      'lcp_itf_pair_details',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'phy_sw_if_index'],
      ['vl_api_interface_index_t', 'host_sw_if_index'],
      ['u32', 'vif_index'],
      ['string', 'host_if_name', 16],
      ['vl_api_lcp_itf_host_type_t', 'host_if_type'],
      ['string', 'netns', 32],
      {
        crc: '0x8b5481af',
        options: { in_progress: null },
        comment:
          "/** \\brief Linux Control Plane interface pair dump response\n    @param context - sender context which was passed in the request\n    @param phy_sw_if_index - VPP's sw_if_index for the PHY\n    @param host_sw_if_index - VPP's sw_if_index for the host tap\n    @param vif_index - tap linux index\n    @param host_if_name - host interface name\n    @param host_if_type - host interface type (tun, tap)\n    @param netns - host interface netns\n*/",
      },
    ],
  ],
  services: {
    lcp_itf_pair_add_del_v2: { reply: 'lcp_itf_pair_add_del_v2_reply' },
    lcp_itf_pair_get: { reply: 'lcp_itf_pair_get_reply', stream: true, stream_msg: 'lcp_itf_pair_details' },
    lcp_itf_pair_get_v2: {
      reply: 'lcp_itf_pair_get_v2_reply',
      stream: true,
      stream_msg: 'lcp_itf_pair_details',
    },
    lcp_default_ns_get: { reply: 'lcp_default_ns_get_reply' },
  },
};

/** plugins/memif.api */
export const memifApi: ApiJsonFile = {
  module: 'memif',
  enums: [
    ['memif_role', ['MEMIF_ROLE_API_MASTER', 0], ['MEMIF_ROLE_API_SLAVE', 1], { enumtype: 'u32' }],
    [
      'memif_mode',
      ['MEMIF_MODE_API_ETHERNET', 0],
      ['MEMIF_MODE_API_IP', 1],
      ['MEMIF_MODE_API_PUNT_INJECT', 2],
      { enumtype: 'u32' },
    ],
  ],
  messages: [
    [
      'memif_socket_filename_add_del_v2',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['bool', 'is_add'],
      ['u32', 'socket_id', { default: 4294967295 }],
      ['string', 'socket_filename', 0],
      {
        crc: '0x34223bdf',
        options: { vat_help: '[add|del] id <id> filename <file>' },
        comment:
          '/** \\brief Create or remove named socket file for memif interfaces\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param is_add - 0 = remove, 1 = add association\n    @param socket_id - non-0 32-bit integer used to identify a socket file\n          ~0 means autogenerate\n    @param socket_filename - filename of the socket to be used for connection\n           establishment; id 0 always maps to default "/var/vpp/memif.sock";\n\t   no socket filename needed when is_add == 0.\n\t   socket_filename starting with \'@\' will create an abstract socket\n\t   in the given namespace\n*/',
      },
    ],
    [
      'memif_socket_filename_add_del_v2_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      ['u32', 'socket_id'],
      {
        crc: '0x9f29bdb9',
        options: {},
        comment:
          '/** \\brief Create memory interface socket file response\n    @param context - sender context, to match reply w/ request\n    @param retval - return value for request\n    @param socket_id - non-0 32-bit integer used to identify a socket file\n*/',
      },
    ],
    [
      'memif_create_v2',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_memif_role_t', 'role'],
      ['vl_api_memif_mode_t', 'mode'],
      ['u8', 'rx_queues'],
      ['u8', 'tx_queues'],
      ['u32', 'id'],
      ['u32', 'socket_id'],
      ['u32', 'ring_size'],
      ['u16', 'buffer_size'],
      ['bool', 'no_zero_copy'],
      ['bool', 'use_dma'],
      ['vl_api_mac_address_t', 'hw_addr'],
      ['string', 'secret', 24],
      {
        crc: '0x8c7de5f7',
        options: {
          vat_help:
            '[id <id>] [socket-id <id>] [ring_size <size>] [buffer_size <size>] [hw_addr <mac_address>] [secret <string>] [mode ip] <master|slave>',
        },
        comment:
          '/** \\brief Create memory interface\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param role - role of the interface in the connection (master/slave)\n    @param mode - interface mode\n    @param rx_queues - number of rx queues (only valid for slave)\n    @param tx_queues - number of tx queues (only valid for slave)\n    @param id - 32bit integer used to authenticate and match opposite sides\n           of the connection\n    @param socket_id - socket filename id to be used for connection\n           establishment\n    @param ring_size - the number of entries of RX/TX rings\n    @param buffer_size - size of the buffer allocated for each ring entry\n    @param no_zero_copy - if true, disable zero copy\n    @param use_dma - if true, use dma accelerate memory copy\n    @param hw_addr - interface MAC address\n    @param secret - optional, default is "", max length 24\n*/',
      },
    ],
    [
      'memif_create_v2_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      {
        crc: '0x5383d31f',
        options: {},
        comment:
          '/** \\brief Create memory interface response\n    @param context - sender context, to match reply w/ request\n    @param retval - return value for request\n    @param sw_if_index - software index of the newly created interface\n*/',
      },
    ],
    [
      'memif_delete',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      {
        crc: '0xf9e6675e',
        options: { vat_help: '<sw_if_index>' },
        comment:
          '/** \\brief Delete memory interface\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param sw_if_index - software index of the interface to delete\n*/',
      },
    ],
    [
      'memif_delete_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      { crc: '0xe8d4e804', options: { vat_help: '<sw_if_index>' } },
    ],
    [
      'memif_socket_filename_details',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['u32', 'socket_id'],
      ['string', 'socket_filename', 108],
      {
        crc: '0x7ff326f7',
        options: {},
        comment:
          '/** \\brief Memory interface details structure\n    @param context - sender context, to match reply w/ request\n    @param socket_id - u32 used to identify the given socket filename\n    @param socket_filename - corresponding NUL terminated socket filename\n*/',
      },
    ],
    [
      'memif_socket_filename_dump',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      {
        crc: '0x51077d14',
        options: {},
        comment:
          '/** \\brief Dump the table of socket ids and corresponding filenames\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n*/',
      },
    ],
    [
      'memif_details',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      ['vl_api_mac_address_t', 'hw_addr'],
      ['u32', 'id'],
      ['vl_api_memif_role_t', 'role'],
      ['vl_api_memif_mode_t', 'mode'],
      ['bool', 'zero_copy'],
      ['u32', 'socket_id'],
      ['u32', 'ring_size'],
      ['u16', 'buffer_size'],
      ['vl_api_if_status_flags_t', 'flags'],
      ['string', 'if_name', 64],
      {
        crc: '0xda34feb9',
        options: {},
        comment:
          '/** \\brief Memory interface details structure\n    @param context - sender context, to match reply w/ request (memif_dump)\n    @param sw_if_index - index of the interface\n    @param hw_addr - interface MAC address\n    @param id - id associated with the interface\n    @param role - role of the interface in the connection (master/slave)\n    @param mode - interface mode\n    @param zero_copy - zero copy flag present\n    @param socket_id - id of the socket filename used by this interface\n           to establish new connections\n    @param ring_size - the number of entries of RX/TX rings\n    @param buffer_size - size of the buffer allocated for each ring entry\n    @param flags - interface_status flags\n    @param if_name - name of the interface\n\n*/',
      },
    ],
    [
      'memif_dump',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      {
        crc: '0x51077d14',
        options: {},
        comment:
          '/** \\brief Dump all memory interfaces\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n*/',
      },
    ],
  ],
  services: {
    memif_socket_filename_add_del_v2: { reply: 'memif_socket_filename_add_del_v2_reply' },
    memif_create_v2: { reply: 'memif_create_v2_reply' },
    memif_delete: { reply: 'memif_delete_reply' },
    memif_dump: { reply: 'memif_details', stream: true },
    memif_socket_filename_dump: { reply: 'memif_socket_filename_details', stream: true },
  },
};

/** plugins/mss_clamp.api */
export const mssClampApi: ApiJsonFile = {
  module: 'mss_clamp',
  enumflags: [
    [
      'mss_clamp_dir',
      ['MSS_CLAMP_DIR_NONE', 0],
      ['MSS_CLAMP_DIR_RX', 1],
      ['MSS_CLAMP_DIR_TX', 2],
      { enumtype: 'u8' },
    ],
  ],
  messages: [
    [
      'mss_clamp_enable_disable',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      ['u16', 'ipv4_mss'],
      ['u16', 'ipv6_mss'],
      ['vl_api_mss_clamp_dir_t', 'ipv4_direction'],
      ['vl_api_mss_clamp_dir_t', 'ipv6_direction'],
      {
        crc: '0xd31b44e3',
        options: {},
        comment:
          '/** \\brief Enable/Disable TCP MSS Clamping feature on an interface\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param sw_if_index - interface index on which clamping will be applied\n    @param ipv4_mss - Maximum Segment Size for IPv4/TCP\n    @param ipv6_mss - Maximum Segment Size for IPv6/TCP\n    @param ipv4_direction - Direction clamping is enabled on (IPv4/TCP)\n    @param ipv6_direction - Direction clamping is enabled on (IPv6/TCP)\n */',
      },
    ],
    [
      'mss_clamp_enable_disable_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      { crc: '0xe8d4e804', options: {} },
    ],
    [
      'mss_clamp_get',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['u32', 'cursor'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      {
        crc: '0x47250981',
        options: {},
        comment:
          '/** \\brief Get the TCP MSS Clamping feature settings\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param cursor - cursor to continue when there is more to read\n    @param sw_if_index - interface index to filter the result,\n\t\t\t ~0 means no filter\n */',
      },
    ],
    [
      'mss_clamp_get_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      ['u32', 'cursor'],
      {
        crc: '0x53b48f5d',
        options: {},
        comment:
          '/** \\brief Reply for get TCP MSS Clamping feature settings request\n    @param context - returned sender context, to match reply w/ request\n    @param retval - return code\n    @param cursor - cursor to continue when there is more to read\n */',
      },
    ],
    [
      'mss_clamp_details',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      ['u16', 'ipv4_mss'],
      ['u16', 'ipv6_mss'],
      ['vl_api_mss_clamp_dir_t', 'ipv4_direction'],
      ['vl_api_mss_clamp_dir_t', 'ipv6_direction'],
      {
        crc: '0xd3a4de61',
        options: {},
        comment:
          '/** \\brief Configured MSS values on an interface\n    @param context - returned sender context, to match reply w/ request\n    @param sw_if_index - interface index on which clamping is applied\n    @param ipv4_mss - Maximum Segment Size for IPv4/TCP\n    @param ipv6_mss - Maximum Segment Size for IPv6/TCP\n    @param ipv4_direction - Direction clamping is enabled on (IPv4/TCP)\n    @param ipv6_direction - Direction clamping is enabled on (IPv6/TCP)\n */',
      },
    ],
  ],
  services: {
    mss_clamp_enable_disable: { reply: 'mss_clamp_enable_disable_reply' },
    mss_clamp_get: { reply: 'mss_clamp_get_reply', stream: true, stream_msg: 'mss_clamp_details' },
  },
};

/** plugins/nat44_ed.api */
export const nat44EdApi: ApiJsonFile = {
  module: 'nat44_ed',
  enums: [
    [
      'nat44_config_flags',
      ['NAT44_IS_ENDPOINT_INDEPENDENT', 0],
      ['NAT44_IS_ENDPOINT_DEPENDENT', 1],
      ['NAT44_IS_STATIC_MAPPING_ONLY', 2],
      ['NAT44_IS_CONNECTION_TRACKING', 4],
      ['NAT44_IS_OUT2IN_DPO', 8],
      { enumtype: 'u8' },
    ],
  ],
  messages: [
    [
      'nat44_ed_plugin_enable_disable',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['u32', 'inside_vrf'],
      ['u32', 'outside_vrf'],
      ['u32', 'sessions'],
      ['u32', 'session_memory'],
      ['bool', 'enable'],
      ['vl_api_nat44_config_flags_t', 'flags'],
      {
        crc: '0xbe17f8dd',
        options: {},
        comment:
          '/** \\brief Enable/disable NAT44ED plugin\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param inside_vrf - inside vrf id\n    @param outside_vrf - outside vrf id\n    @param sessions - maximum number of sessions per thread\n    @param session_memory - overwrite hash allocation parameter\n    @param enable - true if enable, false if disable\n    @param flags - flag NAT44_IS_STATIC_MAPPING_ONLY,\n                        NAT44_IS_CONNECTION_TRACKING\n*/',
      },
    ],
    [
      'nat44_ed_plugin_enable_disable_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      { crc: '0xe8d4e804', options: {} },
    ],
    [
      'nat44_add_del_address_range',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_ip4_address_t', 'first_ip_address'],
      ['vl_api_ip4_address_t', 'last_ip_address'],
      ['u32', 'vrf_id'],
      ['bool', 'is_add'],
      ['vl_api_nat_config_flags_t', 'flags'],
      {
        crc: '0x6f2b8055',
        options: {},
        comment:
          '/** \\brief Add/del NAT44 address range\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param first_ip_address - first IPv4 address\n    @param last_ip_address - last IPv4 address\n    @param vrf_id - VRF id of tenant, ~0 means independent of VRF\n    @param is_add - true if add, false if delete\n    @param flags - flag NAT_IS_TWICE_NAT if NAT address range for external hosts\n\n*/',
      },
    ],
    [
      'nat44_add_del_address_range_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      { crc: '0xe8d4e804', options: {} },
    ],
    [
      'nat44_address_dump',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      {
        crc: '0x51077d14',
        options: {},
        comment:
          '/** \\brief Dump NAT44 addresses\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n*/',
      },
    ],
    [
      'nat44_address_details',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['vl_api_ip4_address_t', 'ip_address'],
      ['vl_api_nat_config_flags_t', 'flags'],
      ['u32', 'vrf_id'],
      {
        crc: '0x0d1beac1',
        options: {},
        comment:
          '/** \\brief NAT44 address details response\n    @param context - sender context, to match reply w/ request\n    @param ip_address - IPv4 address\n    @param flags - flag NAT_IS_TWICE_NAT if NAT address range for external hosts\n    @param vrf_id - VRF id of tenant, ~0 means independent of VRF\n*/',
      },
    ],
    [
      'nat44_interface_add_del_feature',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['bool', 'is_add'],
      ['vl_api_nat_config_flags_t', 'flags'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      {
        crc: '0xf3699b83',
        options: {},
        comment:
          '/** \\brief Enable/disable NAT44 feature on the interface\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param is_add - true if add, false if delete\n    @param flags - flag NAT_IS_INSIDE if interface is inside else\n                   interface is outside\n    @param sw_if_index - software index of the interface\n*/',
      },
    ],
    [
      'nat44_interface_add_del_feature_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      { crc: '0xe8d4e804', options: {} },
    ],
    [
      'nat44_interface_dump',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      {
        crc: '0x51077d14',
        options: {},
        comment:
          '/** \\brief Dump interfaces with NAT44 feature\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n*/',
      },
    ],
    [
      'nat44_interface_details',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['vl_api_nat_config_flags_t', 'flags'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      {
        crc: '0x5d286289',
        options: {},
        comment:
          '/** \\brief NAT44 interface details response\n    @param context - sender context, to match reply w/ request\n    @param sw_if_index - software index of the interface\n    @param flags - flag NAT_IS_INSIDE if interface is inside,\n                   flag NAT_IS_OUTSIDE if interface is outside\n                   and if both flags are set the interface is\n                   both inside and outside\n*/',
      },
    ],
    [
      'nat44_ed_add_del_output_interface',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['bool', 'is_add'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      {
        crc: '0x47d6e753',
        options: {},
        comment:
          '/** \\brief add/del NAT output interface (postrouting\n           in2out translation)\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param is_add - true if add, false if delete\n    @param sw_if_index - software index of the interface\n*/',
      },
    ],
    [
      'nat44_ed_add_del_output_interface_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      { crc: '0xe8d4e804', options: {} },
    ],
    [
      'nat44_ed_output_interface_get',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['u32', 'cursor'],
      { crc: '0xf75ba505', options: {} },
    ],
    [
      'nat44_ed_output_interface_get_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      ['u32', 'cursor'],
      { crc: '0x53b48f5d', options: {} },
    ],
    [
      'nat44_ed_output_interface_details',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      { crc: '0x0b45011c', options: {} },
    ],
  ],
  services: {
    nat44_ed_plugin_enable_disable: { reply: 'nat44_ed_plugin_enable_disable_reply' },
    nat44_interface_add_del_feature: { reply: 'nat44_interface_add_del_feature_reply' },
    nat44_interface_dump: { reply: 'nat44_interface_details', stream: true },
    nat44_ed_add_del_output_interface: { reply: 'nat44_ed_add_del_output_interface_reply' },
    nat44_ed_output_interface_get: {
      reply: 'nat44_ed_output_interface_get_reply',
      stream: true,
      stream_msg: 'nat44_ed_output_interface_details',
    },
    nat44_add_del_address_range: { reply: 'nat44_add_del_address_range_reply' },
    nat44_address_dump: { reply: 'nat44_address_details', stream: true },
  },
};

/** plugins/nat_types.api */
export const natTypesApi: ApiJsonFile = {
  module: 'nat_types',
  enums: [
    [
      'nat_config_flags',
      ['NAT_IS_NONE', 0],
      ['NAT_IS_TWICE_NAT', 1],
      ['NAT_IS_SELF_TWICE_NAT', 2],
      ['NAT_IS_OUT2IN_ONLY', 4],
      ['NAT_IS_ADDR_ONLY', 8],
      ['NAT_IS_OUTSIDE', 16],
      ['NAT_IS_INSIDE', 32],
      ['NAT_IS_STATIC', 64],
      ['NAT_IS_EXT_HOST_VALID', 128],
      { enumtype: 'u8' },
    ],
  ],
};

/** plugins/sample.api */
export const sampleApi: ApiJsonFile = {
  module: 'sample',
  messages: [
    [
      'sample_macswap_enable_disable',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['bool', 'enable_disable'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      { crc: '0x3865946c', options: {} },
    ],
    [
      'sample_macswap_enable_disable_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      { crc: '0xe8d4e804', options: {} },
    ],
  ],
  services: { sample_macswap_enable_disable: { reply: 'sample_macswap_enable_disable_reply' } },
};

/** plugins/tapv2.api */
export const tapv2Api: ApiJsonFile = {
  module: 'tapv2',
  enums: [
    [
      'tap_flags',
      ['TAP_API_FLAG_GSO', 1],
      ['TAP_API_FLAG_CSUM_OFFLOAD', 2],
      ['TAP_API_FLAG_PERSIST', 4],
      ['TAP_API_FLAG_ATTACH', 8],
      ['TAP_API_FLAG_TUN', 16],
      ['TAP_API_FLAG_GRO_COALESCE', 32],
      ['TAP_API_FLAG_PACKED', 64],
      ['TAP_API_FLAG_IN_ORDER', 128],
      ['TAP_API_FLAG_CONSISTENT_QP', 256],
      { enumtype: 'u32' },
    ],
  ],
  messages: [
    [
      'tap_create_v3',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['u32', 'id', { default: 4294967295 }],
      ['bool', 'use_random_mac', { default: 'true' }],
      ['vl_api_mac_address_t', 'mac_address'],
      ['u16', 'num_rx_queues', { default: 1 }],
      ['u16', 'num_tx_queues', { default: 1 }],
      ['u16', 'tx_ring_sz', { default: 256 }],
      ['u16', 'rx_ring_sz', { default: 256 }],
      ['bool', 'host_mtu_set'],
      ['u32', 'host_mtu_size'],
      ['bool', 'host_mac_addr_set'],
      ['vl_api_mac_address_t', 'host_mac_addr'],
      ['bool', 'host_ip4_prefix_set'],
      ['vl_api_ip4_address_with_prefix_t', 'host_ip4_prefix'],
      ['bool', 'host_ip6_prefix_set'],
      ['vl_api_ip6_address_with_prefix_t', 'host_ip6_prefix'],
      ['bool', 'host_ip4_gw_set'],
      ['vl_api_ip4_address_t', 'host_ip4_gw'],
      ['bool', 'host_ip6_gw_set'],
      ['vl_api_ip6_address_t', 'host_ip6_gw'],
      ['vl_api_tap_flags_t', 'tap_flags'],
      ['bool', 'host_namespace_set'],
      ['string', 'host_namespace', 64],
      ['bool', 'host_if_name_set'],
      ['string', 'host_if_name', 64],
      ['bool', 'host_bridge_set'],
      ['string', 'host_bridge', 64],
      ['string', 'tag', 0],
      {
        crc: '0x3f3fd1df',
        options: {},
        comment:
          '/** \\brief Initialize a new tap interface with the given parameters\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param id - interface id, 0xffffffff means auto\n    @param use_random_mac - let the system generate a unique mac address\n    @param mac_address - mac addr to assign to the interface if use_random not set\n    @param num_rx_queues - number of rx queues\n    @param num_tx_queues - number of tx queues\n    @param tx_ring_sz - the number of entries of TX ring, optional, default is 256 entries, must be power of 2\n    @param rx_ring_sz - the number of entries of RX ring, optional, default is 256 entries, must be power of 2\n    @param host_mtu_set - host MTU should be set\n    @param host_mtu_size - host MTU size\n    @param host_mac_addr_set - host side interface mac address should be set\n    @param host_mac_addr - host side interface mac address\n    @param host_ip4_prefix_set - host IPv4 ip address should be set\n    @param host_ip4_prefix - host IPv4 ip address\n    @param host_ip6_prefix_set - host IPv6 ip address should be set\n    @param host_ip6_prefix - host IPv6 ip address\n    @param host_ip4_gw_set - host IPv4 default gateway should be set\n    @param host_ip4_gw - host IPv4 default gateway\n    @param host_ip6_gw_set - host IPv6 default gateway should be set\n    @param host_ip6_gw - host IPv6 default gateway\n    @param tap_flags - flags for the TAP interface creation\n    @param host_if_name_set - host side interface name should be set\n    @param host_if_name - host side interface name\n    @param host_namespace_set - host namespace should be set\n    @param host_namespace - host namespace to attach interface to\n    @param host_bridge_set - host bridge should be set\n    @param host_bridge - host bridge to attach interface to\n    @param tag - tag\n*/',
      },
    ],
    [
      'tap_create_v3_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      {
        crc: '0x5383d31f',
        options: {},
        comment:
          '/** \\brief Reply for tap create reply\n    @param context - returned sender context, to match reply w/ request\n    @param retval - return code\n    @param sw_if_index - software index allocated for the new tap interface\n*/',
      },
    ],
    [
      'tap_delete_v2',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      {
        crc: '0xf9e6675e',
        options: {},
        comment:
          '/** \\brief Delete tap interface\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param sw_if_index - interface index of existing tap interface\n*/',
      },
    ],
    [
      'tap_delete_v2_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      { crc: '0xe8d4e804', options: {} },
    ],
    [
      'sw_interface_tap_v2_dump',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index', { default: 4294967295 }],
      {
        crc: '0xf9e6675e',
        options: {},
        comment:
          '/** \\brief Dump tap interfaces request\n    @param sw_if_index - filter by sw_if_index\n*/',
      },
    ],
    [
      'sw_interface_tap_v2_details',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['u32', 'sw_if_index'],
      ['u32', 'id'],
      ['u16', 'tx_ring_sz'],
      ['u16', 'rx_ring_sz'],
      ['u32', 'host_mtu_size'],
      ['vl_api_mac_address_t', 'host_mac_addr'],
      ['vl_api_ip4_address_with_prefix_t', 'host_ip4_prefix'],
      ['vl_api_ip6_address_with_prefix_t', 'host_ip6_prefix'],
      ['vl_api_tap_flags_t', 'tap_flags'],
      ['string', 'dev_name', 64],
      ['string', 'host_if_name', 64],
      ['string', 'host_namespace', 64],
      ['string', 'host_bridge', 64],
      {
        crc: '0x1e2b2a47',
        options: {},
        comment:
          '/** \\brief Reply for tap dump request\n    @param sw_if_index - software index of tap interface\n    @param id - interface id\n    @param tx_ring_sz - the number of entries of TX ring\n    @param rx_ring_sz - the number of entries of RX ring\n    @param host_mtu_size - host mtu size\n    @param host_mac_addr - mac address assigned to the host side of the interface\n    @param host_ip4_prefix - host IPv4 ip address\n    @param host_ip6_prefix - host IPv6 ip address\n    @param tap_flags - flags for the TAP interface creation\n    @param dev_name - Linux tap device name\n    @param host_if_name - host side interface name\n    @param host_namespace - host namespace the interface is attached into\n    @param host_bridge - host bridge the interface is attached into\n*/',
      },
    ],
  ],
  services: {
    tap_create_v3: { reply: 'tap_create_v3_reply' },
    tap_delete_v2: { reply: 'tap_delete_v2_reply' },
    sw_interface_tap_v2_dump: { reply: 'sw_interface_tap_v2_details', stream: true },
  },
};

/** plugins/vxlan.api */
export const vxlanApi: ApiJsonFile = {
  module: 'vxlan',
  messages: [
    [
      'vxlan_add_del_tunnel_v3',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['bool', 'is_add', { default: 'true' }],
      ['u32', 'instance', { default: 4294967295 }],
      ['vl_api_address_t', 'src_address'],
      ['vl_api_address_t', 'dst_address'],
      ['u16', 'src_port'],
      ['u16', 'dst_port'],
      ['vl_api_interface_index_t', 'mcast_sw_if_index'],
      ['u32', 'encap_vrf_id'],
      ['u32', 'decap_next_index'],
      ['u32', 'vni'],
      ['bool', 'is_l3', { default: false }],
      {
        crc: '0x0072b037',
        options: {},
        comment:
          '/** \\brief Create or delete a VXLAN tunnel\n    @param client_index - opaque cookie to identify the sender\n    @param context - sender context, to match reply w/ request\n    @param is_add - Use 1 to create the tunnel, 0 to remove it\n    @param instance - optional unique custom device instance, else ~0.\n    @param src_address - Source IP address\n    @param dst_address - Destination IP address, can be multicast\n    @param src_port - Source UDP port. It is not included in sent packets. Used only for port registration\n    @param dst_port - Destination UDP port\n    @param mcast_sw_if_index - Interface for multicast destination\n    @param encap_vrf_id - Encap route table FIB index\n    @param decap_next_index - index of decap next graph node\n    @param vni - The VXLAN Network Identifier, uint24\n    @param is_l3 - if true, create the interface in L3 mode, w/o MAC\n*/',
      },
    ],
    [
      'vxlan_add_del_tunnel_v3_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      { crc: '0x5383d31f', options: {} },
    ],
    [
      'vxlan_tunnel_v2_dump',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      { crc: '0xf9e6675e', options: {} },
    ],
    [
      'vxlan_tunnel_v2_details',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['vl_api_interface_index_t', 'sw_if_index'],
      ['u32', 'instance'],
      ['vl_api_address_t', 'src_address'],
      ['vl_api_address_t', 'dst_address'],
      ['u16', 'src_port'],
      ['u16', 'dst_port'],
      ['vl_api_interface_index_t', 'mcast_sw_if_index'],
      ['u32', 'encap_vrf_id'],
      ['u32', 'decap_next_index'],
      ['u32', 'vni'],
      { crc: '0xd3bdd4d9', options: {} },
    ],
  ],
  services: {
    vxlan_add_del_tunnel_v3: { reply: 'vxlan_add_del_tunnel_v3_reply' },
    vxlan_tunnel_v2_dump: { reply: 'vxlan_tunnel_v2_details', stream: true },
  },
};

/** Every definition file the simulator serves (memclnt comes from the protocol server). */
export const SIM_API_FILES: ReadonlyArray<{ file: string; json: ApiJsonFile }> = [
  { file: 'core/bond.api.json', json: bondApi },
  { file: 'core/ethernet_types.api.json', json: ethernetTypesApi },
  { file: 'core/feature.api.json', json: featureApi },
  { file: 'core/fib_types.api.json', json: fibTypesApi },
  { file: 'core/interface.api.json', json: interfaceApi },
  { file: 'core/interface_types.api.json', json: interfaceTypesApi },
  { file: 'core/ip.api.json', json: ipApi },
  { file: 'core/l2.api.json', json: l2Api },
  { file: 'core/vlib.api.json', json: vlibApi },
  { file: 'core/vpe.api.json', json: vpeApi },
  { file: 'plugins/acl.api.json', json: aclApi },
  { file: 'plugins/acl_types.api.json', json: aclTypesApi },
  { file: 'plugins/lcp.api.json', json: lcpApi },
  { file: 'plugins/memif.api.json', json: memifApi },
  { file: 'plugins/mss_clamp.api.json', json: mssClampApi },
  { file: 'plugins/nat44_ed.api.json', json: nat44EdApi },
  { file: 'plugins/nat_types.api.json', json: natTypesApi },
  { file: 'plugins/sample.api.json', json: sampleApi },
  { file: 'plugins/tapv2.api.json', json: tapv2Api },
  { file: 'plugins/vxlan.api.json', json: vxlanApi },
];
