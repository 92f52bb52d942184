import { apiModule } from '../notation.js';

/** plugins/acl.api */
export const aclApi = apiModule('acl', {
  messages: {
    acl_add_replace: {
      request: 0xee5c2f18,
      fields: 'u32 acl_index; string tag[64]; u32 count; acl_rule r[count]',
      options: {
        vat_help:
          '<acl-idx> <permit|permit+reflect|deny|action N> [src IP/plen] [dst IP/plen] [sport X-Y] [dport X-Y] [proto P] [tcpflags FL MASK], ... , ...',
      },
    },
    acl_add_replace_reply: {
      message: 0xac407b0c,
      fields: 'u16 _vl_msg_id; u32 context; u32 acl_index; i32 retval',
    },
    acl_del: { request: 0xef34fea4, fields: 'u32 acl_index', options: { vat_help: '<acl-idx>' } },
    acl_del_reply: { reply: 0xe8d4e804, options: { vat_help: '<acl-idx>' } },
    acl_interface_set_acl_list: {
      request: 0x473982bd,
      fields: 'interface_index sw_if_index; u8 count; u8 n_input; u32 acls[count]',
      options: { vat_help: '<intfc> | sw_if_index <if-idx> input [acl-idx list] output [acl-idx list]' },
    },
    acl_interface_set_acl_list_reply: {
      reply: 0xe8d4e804,
      options: { vat_help: '<intfc> | sw_if_index <if-idx> input [acl-idx list] output [acl-idx list]' },
    },
    acl_dump: { request: 0xef34fea4, fields: 'u32 acl_index', options: { vat_help: '[<acl-idx>]' } },
    acl_details: {
      details: 0x95babae0,
      fields: 'u32 acl_index; string tag[64]; u32 count; acl_rule r[count]',
    },
    acl_interface_list_dump: {
      request: 0xf9e6675e,
      fields: 'interface_index sw_if_index = 0xffffffff',
      options: { vat_help: '[<intfc> | sw_if_index <if-idx>]' },
    },
    acl_interface_list_details: {
      details: 0xe695d256,
      fields: 'interface_index sw_if_index; u8 count; u8 n_input; u32 acls[count]',
    },
  },
  services: {
    acl_add_replace: 'acl_add_replace_reply',
    acl_del: 'acl_del_reply',
    acl_dump: 'acl_details stream',
    acl_interface_set_acl_list: 'acl_interface_set_acl_list_reply',
    acl_interface_list_dump: 'acl_interface_list_details stream',
  },
});
