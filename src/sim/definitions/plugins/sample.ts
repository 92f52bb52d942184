import { apiModule } from '../notation.js';

/** plugins/sample.api */
export const sampleApi = apiModule('sample', {
  messages: {
    sample_macswap_enable_disable: {
      request: 0x3865946c,
      fields: 'bool enable_disable; interface_index sw_if_index',
    },
    sample_macswap_enable_disable_reply: { reply: 0xe8d4e804 },
  },
  services: {
    sample_macswap_enable_disable: 'sample_macswap_enable_disable_reply',
  },
});
