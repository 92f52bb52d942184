import { apiModule } from '../notation.js';

/** core/ethernet_types.api */
export const ethernetTypesApi = apiModule('ethernet_types', {
  aliases: {
    mac_address: 'u8[6]',
  },
});
