import { apiModule } from '../notation.js';

/** core/feature.api */
export const featureApi = apiModule('feature', {
  messages: {
    feature_enable_disable: {
      request: 0x7531c862,
      fields: 'interface_index sw_if_index; bool enable; string arc_name[64]; string feature_name[64]',
    },
    feature_enable_disable_reply: { reply: 0xe8d4e804 },
    feature_is_enabled: {
      request: 0x55db09e2,
      fields: 'string arc_name[64]; string feature_name[64]; interface_index sw_if_index',
    },
    feature_is_enabled_reply: {
      message: 0x03f284b5,
      fields: 'u16 _vl_msg_id; u32 client_index; u32 context; i32 retval; bool is_enabled',
    },
  },
  services: {
    feature_enable_disable: 'feature_enable_disable_reply',
    feature_is_enabled: 'feature_is_enabled_reply',
  },
});
