import { apiModule } from '../notation.js';

/** core/l2.api */
export const l2Api = apiModule('l2', {
  types: {
    bridge_domain_sw_if: 'u32 context; interface_index sw_if_index; u8 shg',
  },
  enums: {
    bd_flags: `
      u32: BRIDGE_API_FLAG_NONE, BRIDGE_API_FLAG_LEARN, BRIDGE_API_FLAG_FWD, BRIDGE_API_FLAG_FLOOD=4,
      BRIDGE_API_FLAG_UU_FLOOD=8, BRIDGE_API_FLAG_ARP_TERM=16, BRIDGE_API_FLAG_ARP_UFWD=32
    `,
    l2_port_type: 'u32: L2_API_PORT_TYPE_NORMAL, L2_API_PORT_TYPE_BVI, L2_API_PORT_TYPE_UU_FWD',
  },
  messages: {
    l2_xconnect_details: {
      details: 0x472b6b67,
      fields: 'interface_index rx_sw_if_index; interface_index tx_sw_if_index',
    },
    l2_xconnect_dump: { request: 0x51077d14 },
    bridge_domain_set_mac_age: { request: 0xb537ad7b, fields: 'u32 bd_id; u8 mac_age' },
    bridge_domain_set_mac_age_reply: { reply: 0xe8d4e804 },
    bridge_domain_add_del_v2: {
      request: 0x600b7170,
      fields: `
        u32 bd_id; bool flood; bool uu_flood; bool forward; bool learn; bool arp_term; bool arp_ufwd;
        u8 mac_age; string bd_tag[64]; bool is_add = "true"
      `,
    },
    bridge_domain_add_del_v2_reply: { reply: 0xfcb1e980, fields: 'u32 bd_id' },
    bridge_domain_dump: {
      request: 0x74396a43,
      fields: 'u32 bd_id = 0xffffffff; interface_index sw_if_index = 0xffffffff',
    },
    bridge_domain_details: {
      details: 0x0fa506fd,
      fields: `
        u32 bd_id; bool flood; bool uu_flood; bool forward; bool learn; bool arp_term; bool arp_ufwd;
        u8 mac_age; string bd_tag[64]; interface_index bvi_sw_if_index;
        interface_index uu_fwd_sw_if_index; u32 n_sw_ifs; bridge_domain_sw_if sw_if_details[n_sw_ifs]
      `,
    },
    bridge_flags: { request: 0x1b0c5fbd, fields: 'u32 bd_id; bool is_set; bd_flags flags' },
    bridge_flags_reply: { reply: 0x29b2a2b3, fields: 'u32 resulting_feature_bitmap' },
    sw_interface_set_l2_xconnect: {
      request: 0x4fa28a85,
      fields: 'interface_index rx_sw_if_index; interface_index tx_sw_if_index; bool enable = "true"',
    },
    sw_interface_set_l2_xconnect_reply: { reply: 0xe8d4e804 },
    sw_interface_set_l2_bridge: {
      request: 0xd0678b13,
      fields: `
        interface_index rx_sw_if_index; u32 bd_id; l2_port_type port_type; u8 shg; bool enable = "true"
      `,
    },
    sw_interface_set_l2_bridge_reply: { reply: 0xe8d4e804 },
    l2_interface_vlan_tag_rewrite: {
      request: 0x62cc0bbc,
      fields: 'interface_index sw_if_index; u32 vtr_op; u32 push_dot1q; u32 tag1; u32 tag2',
    },
    l2_interface_vlan_tag_rewrite_reply: { reply: 0xe8d4e804 },
  },
  services: {
    bridge_domain_add_del_v2: 'bridge_domain_add_del_v2_reply',
    bridge_domain_dump: 'bridge_domain_details stream',
    bridge_flags: 'bridge_flags_reply',
    bridge_domain_set_mac_age: 'bridge_domain_set_mac_age_reply',
    sw_interface_set_l2_bridge: 'sw_interface_set_l2_bridge_reply',
    sw_interface_set_l2_xconnect: 'sw_interface_set_l2_xconnect_reply',
    l2_xconnect_dump: 'l2_xconnect_details stream',
    l2_interface_vlan_tag_rewrite: 'l2_interface_vlan_tag_rewrite_reply',
  },
});
