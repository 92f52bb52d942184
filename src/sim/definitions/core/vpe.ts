import { apiModule } from '../notation.js';

/** core/vpe.api */
export const vpeApi = apiModule('vpe', {
  messages: {
    show_version: { request: 0x51077d14 },
    show_version_reply: {
      reply: 0xc919bde1,
      fields: 'string program[32]; string version[32]; string build_date[32]; string build_directory[256]',
    },
  },
  services: {
    show_version: 'show_version_reply',
  },
});
