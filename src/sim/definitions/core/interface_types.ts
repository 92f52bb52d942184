import { apiModule } from '../notation.js';

/** core/interface_types.api */
export const interfaceTypesApi = apiModule('interface_types', {
  enums: {
    if_status_flags: 'u32: IF_STATUS_API_FLAG_ADMIN_UP=1, IF_STATUS_API_FLAG_LINK_UP',
    link_duplex: 'u32: LINK_DUPLEX_API_UNKNOWN, LINK_DUPLEX_API_HALF, LINK_DUPLEX_API_FULL',
    sub_if_flags: `
      u32: SUB_IF_API_FLAG_NO_TAGS=1, SUB_IF_API_FLAG_ONE_TAG, SUB_IF_API_FLAG_TWO_TAGS=4,
      SUB_IF_API_FLAG_DOT1AD=8, SUB_IF_API_FLAG_EXACT_MATCH=16, SUB_IF_API_FLAG_DEFAULT=32,
      SUB_IF_API_FLAG_OUTER_VLAN_ID_ANY=64, SUB_IF_API_FLAG_INNER_VLAN_ID_ANY=128,
      SUB_IF_API_FLAG_MASK_VNET=254, SUB_IF_API_FLAG_DOT1AH=256
    `,
    if_type: 'u32: IF_API_TYPE_HARDWARE, IF_API_TYPE_SUB, IF_API_TYPE_P2P, IF_API_TYPE_PIPE',
  },
  aliases: {
    interface_index: 'u32',
  },
});
