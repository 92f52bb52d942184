import { apiModule } from '../notation.js';

/** plugins/lcp.api */
export const lcpApi = apiModule('lcp', {
  enums: {
    lcp_itf_host_type: 'u8: LCP_API_ITF_HOST_TAP, LCP_API_ITF_HOST_TUN',
  },
  messages: {
    lcp_default_ns_set: {
      request: 0x69749409,
      fields: 'string netns[32]',
      options: { in_progress: null },
    },
    lcp_default_ns_set_reply: { reply: 0xe8d4e804, options: { in_progress: null } },
    lcp_default_ns_get: { request: 0x51077d14 },
    lcp_default_ns_get_reply: {
      message: 0x5102feee,
      fields: 'u16 _vl_msg_id; u32 context; string netns[32]',
      options: { in_progress: null },
    },
    lcp_itf_pair_add_del_v2: {
      request: 0x40482b80,
      fields: `
        bool is_add; interface_index sw_if_index; string host_if_name[16];
        lcp_itf_host_type host_if_type; string netns[32]
      `,
      options: { in_progress: null },
    },
    lcp_itf_pair_add_del_v2_reply: {
      reply: 0x39452f52,
      fields: 'interface_index host_sw_if_index',
      options: { in_progress: null },
    },
    lcp_itf_pair_get: { request: 0xf75ba505, fields: 'u32 cursor' },
    lcp_itf_pair_get_reply: { reply: 0x53b48f5d, fields: 'u32 cursor' },
    lcp_itf_pair_get_v2: { request: 0x47250981, fields: 'u32 cursor; interface_index sw_if_index' },
    lcp_itf_pair_get_v2_reply: { reply: 0x53b48f5d, fields: 'u32 cursor' },
    lcp_itf_pair_details: {
      details: 0x8b5481af,
      fields: `
        interface_index phy_sw_if_index; interface_index host_sw_if_index; u32 vif_index;
        string host_if_name[16]; lcp_itf_host_type host_if_type; string netns[32]
      `,
      options: { in_progress: null },
    },
  },
  services: {
    lcp_itf_pair_add_del_v2: 'lcp_itf_pair_add_del_v2_reply',
    lcp_itf_pair_get: 'lcp_itf_pair_get_reply stream lcp_itf_pair_details',
    lcp_itf_pair_get_v2: 'lcp_itf_pair_get_v2_reply stream lcp_itf_pair_details',
    lcp_default_ns_get: 'lcp_default_ns_get_reply',
    lcp_default_ns_set: 'lcp_default_ns_set_reply',
  },
});
