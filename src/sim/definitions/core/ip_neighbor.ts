import { apiModule } from '../notation.js';

/** core/ip_neighbor.api (static neighbours and their dump) */
export const ipNeighborApi = apiModule('ip_neighbor', {
  types: {
    ip_neighbor: `
      interface_index sw_if_index; ip_neighbor_flags flags; mac_address mac_address;
      address ip_address
    `,
  },
  enums: {
    ip_neighbor_flags: `
      u8: IP_API_NEIGHBOR_FLAG_NONE, IP_API_NEIGHBOR_FLAG_STATIC, IP_API_NEIGHBOR_FLAG_NO_FIB_ENTRY
    `,
  },
  messages: {
    ip_neighbor_add_del: { request: 0x0607c257, fields: 'bool is_add; ip_neighbor neighbor' },
    ip_neighbor_add_del_reply: { reply: 0x1992deab, fields: 'u32 stats_index' },
    ip_neighbor_dump: {
      request: 0xd817a484,
      fields: 'interface_index sw_if_index = 0xffffffff; address_family af',
    },
    ip_neighbor_details: { details: 0xe29d79f0, fields: 'f64 age; ip_neighbor neighbor' },
  },
  services: {
    ip_neighbor_add_del: 'ip_neighbor_add_del_reply',
    ip_neighbor_dump: 'ip_neighbor_details stream',
  },
});
