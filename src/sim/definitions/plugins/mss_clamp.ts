import { apiModule } from '../notation.js';

/** plugins/mss_clamp.api */
export const mssClampApi = apiModule('mss_clamp', {
  enumflags: {
    mss_clamp_dir: 'u8: MSS_CLAMP_DIR_NONE=0, MSS_CLAMP_DIR_RX=1, MSS_CLAMP_DIR_TX=2',
  },
  messages: {
    mss_clamp_enable_disable: {
      request: 0xd31b44e3,
      fields: `
        interface_index sw_if_index; u16 ipv4_mss; u16 ipv6_mss; mss_clamp_dir ipv4_direction;
        mss_clamp_dir ipv6_direction
      `,
    },
    mss_clamp_enable_disable_reply: { reply: 0xe8d4e804 },
    mss_clamp_get: { request: 0x47250981, fields: 'u32 cursor; interface_index sw_if_index' },
    mss_clamp_get_reply: { reply: 0x53b48f5d, fields: 'u32 cursor' },
    mss_clamp_details: {
      details: 0xd3a4de61,
      fields: `
        interface_index sw_if_index; u16 ipv4_mss; u16 ipv6_mss; mss_clamp_dir ipv4_direction;
        mss_clamp_dir ipv6_direction
      `,
    },
  },
  services: {
    mss_clamp_enable_disable: 'mss_clamp_enable_disable_reply',
    mss_clamp_get: 'mss_clamp_get_reply stream mss_clamp_details',
  },
});
