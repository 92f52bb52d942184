import { apiModule } from '../notation.js';

/** core/fib_types.api */
export const fibTypesApi = apiModule('fib_types', {
  types: {
    address: 'address_family af; address_union un [discriminator=af]',
    prefix: 'address address; u8 len',
    ip6_prefix: 'ip6_address address; u8 len',
    ip4_prefix: 'ip4_address address; u8 len',
    fib_mpls_label: 'u8 is_uniform; u32 label; u8 ttl; u8 exp',
    fib_path_nh: 'address_union address; u32 via_label; u32 obj_id; u32 classify_table_index',
    fib_path: `
      u32 sw_if_index; u32 table_id; u32 rpf_id; u8 weight; u8 preference; fib_path_type type;
      fib_path_flags flags; fib_path_nh_proto proto; fib_path_nh nh; u8 n_labels;
      fib_mpls_label label_stack[16]
    `,
  },
  unions: {
    address_union: 'ip4_address ip4 [case=ADDRESS_IP4]; ip6_address ip6 [case=ADDRESS_IP6]',
  },
  enums: {
    address_family: 'u8: ADDRESS_IP4, ADDRESS_IP6',
    ip_proto: `
      u8: IP_API_PROTO_HOPOPT, IP_API_PROTO_ICMP, IP_API_PROTO_IGMP, IP_API_PROTO_TCP=6,
      IP_API_PROTO_UDP=17, IP_API_PROTO_GRE=47, IP_API_PROTO_ESP=50, IP_API_PROTO_AH,
      IP_API_PROTO_ICMP6=58, IP_API_PROTO_EIGRP=88, IP_API_PROTO_OSPF, IP_API_PROTO_SCTP=132,
      IP_API_PROTO_RESERVED=255
    `,
    fib_path_nh_proto: `
      u32: FIB_API_PATH_NH_PROTO_IP4, FIB_API_PATH_NH_PROTO_IP6, FIB_API_PATH_NH_PROTO_MPLS,
      FIB_API_PATH_NH_PROTO_ETHERNET, FIB_API_PATH_NH_PROTO_BIER
    `,
    fib_path_flags: `
      u32: FIB_API_PATH_FLAG_NONE, FIB_API_PATH_FLAG_RESOLVE_VIA_ATTACHED,
      FIB_API_PATH_FLAG_RESOLVE_VIA_HOST, FIB_API_PATH_FLAG_POP_PW_CW=4
    `,
    fib_path_type: `
      u32: FIB_API_PATH_TYPE_NORMAL, FIB_API_PATH_TYPE_LOCAL, FIB_API_PATH_TYPE_DROP,
      FIB_API_PATH_TYPE_UDP_ENCAP, FIB_API_PATH_TYPE_BIER_IMP, FIB_API_PATH_TYPE_ICMP_UNREACH,
      FIB_API_PATH_TYPE_ICMP_PROHIBIT, FIB_API_PATH_TYPE_SOURCE_LOOKUP, FIB_API_PATH_TYPE_DVR,
      FIB_API_PATH_TYPE_INTERFACE_RX, FIB_API_PATH_TYPE_CLASSIFY
    `,
  },
  aliases: {
    ip4_address: 'u8[4]',
    ip6_address: 'u8[16]',
    address_with_prefix: 'prefix',
    ip4_address_with_prefix: 'ip4_prefix',
    ip6_address_with_prefix: 'ip6_prefix',
  },
});
