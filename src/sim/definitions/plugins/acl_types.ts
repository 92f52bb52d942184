import { apiModule } from '../notation.js';

/** plugins/acl_types.api */
export const aclTypesApi = apiModule('acl_types', {
  types: {
    acl_rule: `
      acl_action is_permit; prefix src_prefix; prefix dst_prefix; ip_proto proto;
      u16 srcport_or_icmptype_first; u16 srcport_or_icmptype_last; u16 dstport_or_icmpcode_first;
      u16 dstport_or_icmpcode_last; u8 tcp_flags_mask; u8 tcp_flags_value
    `,
  },
  enums: {
    acl_action: 'u8: ACL_ACTION_API_DENY, ACL_ACTION_API_PERMIT, ACL_ACTION_API_PERMIT_REFLECT',
  },
});
