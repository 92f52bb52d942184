import { apiModule } from '../notation.js';

/** core/interface.api */
export const interfaceApi = apiModule('interface', {
  messages: {
    sw_interface_set_flags: {
      request: 0xf5aec1b8,
      fields: 'interface_index sw_if_index; if_status_flags flags',
    },
    sw_interface_set_flags_reply: { reply: 0xe8d4e804 },
    hw_interface_set_mtu: { request: 0xe6746899, fields: 'interface_index sw_if_index; u16 mtu' },
    hw_interface_set_mtu_reply: { reply: 0xe8d4e804 },
    sw_interface_set_mtu: { request: 0x5cbe85e5, fields: 'interface_index sw_if_index; u32 mtu[4]' },
    sw_interface_set_mtu_reply: { reply: 0xe8d4e804 },
    sw_interface_event: {
      event: 0x2d3d95a7,
      fields: `
        u16 _vl_msg_id; u32 client_index; u32 pid; interface_index sw_if_index; if_status_flags flags;
        bool deleted
      `,
    },
    want_interface_events: { request: 0x476f5a08, fields: 'u32 enable_disable; u32 pid' },
    want_interface_events_reply: { reply: 0xe8d4e804 },
    sw_interface_details: {
      details: 0x6c221fc7,
      fields: `
        interface_index sw_if_index; u32 sup_sw_if_index; mac_address l2_address; if_status_flags flags;
        if_type type; link_duplex link_duplex; u32 link_speed; u16 link_mtu; u32 mtu[4]; u32 sub_id;
        u8 sub_number_of_tags; u16 sub_outer_vlan_id; u16 sub_inner_vlan_id; sub_if_flags sub_if_flags;
        u32 vtr_op; u32 vtr_push_dot1q; u32 vtr_tag1; u32 vtr_tag2; u16 outer_tag; mac_address b_dmac;
        mac_address b_smac; u16 b_vlanid; u32 i_sid; string interface_name[64];
        string interface_dev_type[64]; string tag[64]
      `,
    },
    sw_interface_dump: {
      request: 0xaa610c27,
      fields: 'interface_index sw_if_index = 0xffffffff; bool name_filter_valid; string name_filter[]',
    },
    sw_interface_add_del_address: {
      request: 0x5463d73b,
      fields: 'interface_index sw_if_index; bool is_add; bool del_all; address_with_prefix prefix',
    },
    sw_interface_add_del_address_reply: { reply: 0xe8d4e804 },
    sw_interface_set_table: {
      request: 0xdf42a577,
      fields: 'interface_index sw_if_index; bool is_ipv6; u32 vrf_id',
    },
    sw_interface_set_table_reply: { reply: 0xe8d4e804 },
    sw_interface_get_table: { request: 0x2d033de4, fields: 'interface_index sw_if_index; bool is_ipv6' },
    sw_interface_get_table_reply: { reply: 0xa6eb0109, fields: 'u32 vrf_id' },
    sw_interface_set_unnumbered: {
      request: 0x154a6439,
      fields: 'interface_index sw_if_index; interface_index unnumbered_sw_if_index; bool is_add',
    },
    sw_interface_set_unnumbered_reply: { reply: 0xe8d4e804 },
    sw_interface_tag_add_del: {
      request: 0x426f8bc1,
      fields: 'bool is_add; interface_index sw_if_index; string tag[64]',
    },
    sw_interface_tag_add_del_reply: { reply: 0xe8d4e804 },
    sw_interface_set_mac_address: {
      request: 0xc536e7eb,
      fields: 'interface_index sw_if_index; mac_address mac_address',
    },
    sw_interface_set_mac_address_reply: { reply: 0xe8d4e804 },
    create_subif: {
      request: 0x790ca755,
      fields: `
        interface_index sw_if_index; u32 sub_id; sub_if_flags sub_if_flags; u16 outer_vlan_id;
        u16 inner_vlan_id
      `,
    },
    create_subif_reply: { reply: 0x5383d31f, fields: 'interface_index sw_if_index' },
    create_vlan_subif: { request: 0xaf34ac8b, fields: 'interface_index sw_if_index; u32 vlan_id' },
    create_vlan_subif_reply: { reply: 0x5383d31f, fields: 'interface_index sw_if_index' },
    delete_subif: { request: 0xf9e6675e, fields: 'interface_index sw_if_index' },
    delete_subif_reply: { reply: 0xe8d4e804 },
    create_loopback_instance: {
      request: 0xd36a3ee2,
      fields: 'mac_address mac_address; bool is_specified; u32 user_instance',
    },
    create_loopback_instance_reply: { reply: 0x5383d31f, fields: 'interface_index sw_if_index' },
    delete_loopback: { request: 0xf9e6675e, fields: 'interface_index sw_if_index' },
    delete_loopback_reply: { reply: 0xe8d4e804 },
  },
  services: {
    want_interface_events: 'want_interface_events_reply events sw_interface_event',
    sw_interface_dump: 'sw_interface_details stream',
    sw_interface_set_flags: 'sw_interface_set_flags_reply',
    sw_interface_set_mtu: 'sw_interface_set_mtu_reply',
    hw_interface_set_mtu: 'hw_interface_set_mtu_reply',
    sw_interface_set_mac_address: 'sw_interface_set_mac_address_reply',
    sw_interface_tag_add_del: 'sw_interface_tag_add_del_reply',
    sw_interface_add_del_address: 'sw_interface_add_del_address_reply',
    sw_interface_set_table: 'sw_interface_set_table_reply',
    sw_interface_get_table: 'sw_interface_get_table_reply',
    create_loopback_instance: 'create_loopback_instance_reply',
    delete_loopback: 'delete_loopback_reply',
    create_vlan_subif: 'create_vlan_subif_reply',
    create_subif: 'create_subif_reply',
    delete_subif: 'delete_subif_reply',
    sw_interface_set_unnumbered: 'sw_interface_set_unnumbered_reply',
  },
});
