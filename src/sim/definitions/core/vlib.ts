import { apiModule } from '../notation.js';

/** core/vlib.api */
export const vlibApi = apiModule('vlib', {
  messages: {
    cli_inband: { request: 0xf8377302, fields: 'string cmd[]' },
    cli_inband_reply: { reply: 0x05879051, fields: 'string reply[]' },
  },
  services: {
    cli_inband: 'cli_inband_reply',
  },
});
