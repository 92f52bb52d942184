import { apiModule } from '../notation.js';

/** plugins/nat_types.api */
export const natTypesApi = apiModule('nat_types', {
  enums: {
    nat_config_flags: `
      u8: NAT_IS_NONE, NAT_IS_TWICE_NAT, NAT_IS_SELF_TWICE_NAT, NAT_IS_OUT2IN_ONLY=4, NAT_IS_ADDR_ONLY=8,
      NAT_IS_OUTSIDE=16, NAT_IS_INSIDE=32, NAT_IS_STATIC=64, NAT_IS_EXT_HOST_VALID=128
    `,
  },
});
