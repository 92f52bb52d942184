import { apiModule } from '../notation.js';

/** plugins/nat44_ed.api */
export const nat44EdApi = apiModule('nat44_ed', {
  types: {
    nat_timeouts: 'u32 udp; u32 tcp_established; u32 tcp_transitory; u32 icmp',
  },
  enums: {
    nat_log_level: `
      u8: NAT_LOG_NONE, NAT_LOG_ERROR, NAT_LOG_WARNING, NAT_LOG_NOTICE, NAT_LOG_INFO, NAT_LOG_DEBUG
    `,
    nat44_config_flags: `
      u8: NAT44_IS_ENDPOINT_INDEPENDENT, NAT44_IS_ENDPOINT_DEPENDENT, NAT44_IS_STATIC_MAPPING_ONLY,
      NAT44_IS_CONNECTION_TRACKING=4, NAT44_IS_OUT2IN_DPO=8
    `,
  },
  messages: {
    nat44_ed_plugin_enable_disable: {
      request: 0xbe17f8dd,
      fields: `
        u32 inside_vrf; u32 outside_vrf; u32 sessions; u32 session_memory; bool enable;
        nat44_config_flags flags
      `,
    },
    nat44_ed_plugin_enable_disable_reply: { reply: 0xe8d4e804 },
    nat44_forwarding_enable_disable: {
      request: 0xb3e225d2,
      fields: 'bool enable',
      options: { deprecated: null },
    },
    nat44_forwarding_enable_disable_reply: { reply: 0xe8d4e804, options: { deprecated: null } },
    nat44_show_running_config: { request: 0x51077d14 },
    nat44_show_running_config_reply: {
      reply: 0x93d8e267,
      fields: `
        u32 inside_vrf; u32 outside_vrf; u32 users; u32 sessions; u32 user_sessions;
        u32 user_buckets; u32 translation_buckets; bool forwarding_enabled;
        bool ipfix_logging_enabled; nat_timeouts timeouts; nat_log_level log_level;
        nat44_config_flags flags
      `,
    },
    nat44_add_del_address_range: {
      request: 0x6f2b8055,
      fields: `
        ip4_address first_ip_address; ip4_address last_ip_address; u32 vrf_id; bool is_add;
        nat_config_flags flags
      `,
    },
    nat44_add_del_address_range_reply: { reply: 0xe8d4e804 },
    nat44_address_dump: { request: 0x51077d14 },
    nat44_address_details: {
      details: 0x0d1beac1,
      fields: 'ip4_address ip_address; nat_config_flags flags; u32 vrf_id',
    },
    nat44_interface_add_del_feature: {
      request: 0xf3699b83,
      fields: 'bool is_add; nat_config_flags flags; interface_index sw_if_index',
    },
    nat44_interface_add_del_feature_reply: { reply: 0xe8d4e804 },
    nat44_interface_dump: { request: 0x51077d14 },
    nat44_interface_details: {
      details: 0x5d286289,
      fields: 'nat_config_flags flags; interface_index sw_if_index',
    },
    nat44_ed_add_del_output_interface: {
      request: 0x47d6e753,
      fields: 'bool is_add; interface_index sw_if_index',
    },
    nat44_ed_add_del_output_interface_reply: { reply: 0xe8d4e804 },
    nat44_ed_output_interface_get: { request: 0xf75ba505, fields: 'u32 cursor' },
    nat44_ed_output_interface_get_reply: { reply: 0x53b48f5d, fields: 'u32 cursor' },
    nat44_ed_output_interface_details: { details: 0x0b45011c, fields: 'interface_index sw_if_index' },
  },
  services: {
    nat44_ed_plugin_enable_disable: 'nat44_ed_plugin_enable_disable_reply',
    nat44_forwarding_enable_disable: 'nat44_forwarding_enable_disable_reply',
    nat44_show_running_config: 'nat44_show_running_config_reply',
    nat44_interface_add_del_feature: 'nat44_interface_add_del_feature_reply',
    nat44_interface_dump: 'nat44_interface_details stream',
    nat44_ed_add_del_output_interface: 'nat44_ed_add_del_output_interface_reply',
    nat44_ed_output_interface_get: `
      nat44_ed_output_interface_get_reply stream nat44_ed_output_interface_details
    `,
    nat44_add_del_address_range: 'nat44_add_del_address_range_reply',
    nat44_address_dump: 'nat44_address_details stream',
  },
});
