import { apiModule } from '../notation.js';

/** plugins/tapv2.api */
export const tapv2Api = apiModule('tapv2', {
  enums: {
    tap_flags: `
      u32: TAP_API_FLAG_GSO=1, TAP_API_FLAG_CSUM_OFFLOAD, TAP_API_FLAG_PERSIST=4, TAP_API_FLAG_ATTACH=8,
      TAP_API_FLAG_TUN=16, TAP_API_FLAG_GRO_COALESCE=32, TAP_API_FLAG_PACKED=64,
      TAP_API_FLAG_IN_ORDER=128, TAP_API_FLAG_CONSISTENT_QP=256
    `,
  },
  messages: {
    tap_create_v3: {
      request: 0x3f3fd1df,
      fields: `
        u32 id = 0xffffffff; bool use_random_mac = "true"; mac_address mac_address;
        u16 num_rx_queues = 1; u16 num_tx_queues = 1; u16 tx_ring_sz = 256; u16 rx_ring_sz = 256;
        bool host_mtu_set; u32 host_mtu_size; bool host_mac_addr_set; mac_address host_mac_addr;
        bool host_ip4_prefix_set; ip4_address_with_prefix host_ip4_prefix; bool host_ip6_prefix_set;
        ip6_address_with_prefix host_ip6_prefix; bool host_ip4_gw_set; ip4_address host_ip4_gw;
        bool host_ip6_gw_set; ip6_address host_ip6_gw; tap_flags tap_flags; bool host_namespace_set;
        string host_namespace[64]; bool host_if_name_set; string host_if_name[64]; bool host_bridge_set;
        string host_bridge[64]; string tag[]
      `,
    },
    tap_create_v3_reply: { reply: 0x5383d31f, fields: 'interface_index sw_if_index' },
    tap_delete_v2: { request: 0xf9e6675e, fields: 'interface_index sw_if_index' },
    tap_delete_v2_reply: { reply: 0xe8d4e804 },
    sw_interface_tap_v2_dump: { request: 0xf9e6675e, fields: 'interface_index sw_if_index = 0xffffffff' },
    sw_interface_tap_v2_details: {
      details: 0x1e2b2a47,
      fields: `
        u32 sw_if_index; u32 id; u16 tx_ring_sz; u16 rx_ring_sz; u32 host_mtu_size;
        mac_address host_mac_addr; ip4_address_with_prefix host_ip4_prefix;
        ip6_address_with_prefix host_ip6_prefix; tap_flags tap_flags; string dev_name[64];
        string host_if_name[64]; string host_namespace[64]; string host_bridge[64]
      `,
    },
  },
  services: {
    tap_create_v3: 'tap_create_v3_reply',
    tap_delete_v2: 'tap_delete_v2_reply',
    sw_interface_tap_v2_dump: 'sw_interface_tap_v2_details stream',
  },
});
