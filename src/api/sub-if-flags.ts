/**
 * vl_api_sub_if_flags_t (interface_types.api): what a sub-interface matches. The model encodes and
 * reads them, the simulator matches frames by them; a test checks them against VPP's definitions.
 */
export const SUB_IF_FLAGS = {
  NO_TAGS: 1,
  ONE_TAG: 2,
  TWO_TAGS: 4,
  DOT1AD: 8,
  EXACT_MATCH: 16,
  DEFAULT: 32,
  OUTER_VLAN_ID_ANY: 64,
  INNER_VLAN_ID_ANY: 128,
} as const;
