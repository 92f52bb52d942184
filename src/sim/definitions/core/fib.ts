import { apiModule } from '../notation.js';

/** core/fib.api */
export const fibApi = apiModule('fib', {
  types: {
    fib_source: 'u8 priority; u8 id; string name[64]',
  },
  messages: {
    fib_source_dump: { request: 0x51077d14 },
    fib_source_details: { details: 0x8668acdb, fields: 'fib_source src' },
  },
  services: {
    fib_source_dump: 'fib_source_details stream',
  },
});
