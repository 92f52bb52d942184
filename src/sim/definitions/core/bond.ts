import { apiModule } from '../notation.js';

/** core/bond.api */
export const bondApi = apiModule('bond', {
  enums: {
    bond_mode: `
      u32: BOND_API_MODE_ROUND_ROBIN=1, BOND_API_MODE_ACTIVE_BACKUP, BOND_API_MODE_XOR,
      BOND_API_MODE_BROADCAST, BOND_API_MODE_LACP
    `,
    bond_lb_algo: `
      u32: BOND_API_LB_ALGO_L2, BOND_API_LB_ALGO_L34, BOND_API_LB_ALGO_L23, BOND_API_LB_ALGO_RR,
      BOND_API_LB_ALGO_BC, BOND_API_LB_ALGO_AB
    `,
  },
  messages: {
    bond_create2: {
      request: 0x912fda76,
      fields: `
        bond_mode mode; bond_lb_algo lb; bool numa_only; bool enable_gso; bool use_custom_mac;
        mac_address mac_address; u32 id = 0xffffffff
      `,
    },
    bond_create2_reply: { reply: 0x5383d31f, fields: 'interface_index sw_if_index' },
    bond_delete: { request: 0xf9e6675e, fields: 'interface_index sw_if_index' },
    bond_delete_reply: { reply: 0xe8d4e804 },
    bond_add_member: {
      request: 0xe7d14948,
      fields: `
        interface_index sw_if_index; interface_index bond_sw_if_index; bool is_passive;
        bool is_long_timeout
      `,
    },
    bond_add_member_reply: { reply: 0xe8d4e804 },
    bond_detach_member: { request: 0xf9e6675e, fields: 'interface_index sw_if_index' },
    bond_detach_member_reply: { reply: 0xe8d4e804 },
    sw_bond_interface_dump: { request: 0xf9e6675e, fields: 'interface_index sw_if_index = 0xffffffff' },
    sw_bond_interface_details: {
      details: 0x9428a69c,
      fields: `
        interface_index sw_if_index; u32 id; bond_mode mode; bond_lb_algo lb; bool numa_only;
        u32 active_members; u32 members; string interface_name[64]
      `,
    },
    sw_member_interface_dump: { request: 0xf9e6675e, fields: 'interface_index sw_if_index' },
    sw_member_interface_details: {
      details: 0x3c4a0e23,
      fields: `
        interface_index sw_if_index; string interface_name[64]; bool is_passive; bool is_long_timeout;
        bool is_local_numa; u32 weight
      `,
    },
  },
  services: {
    bond_create2: 'bond_create2_reply',
    bond_add_member: 'bond_add_member_reply',
    bond_detach_member: 'bond_detach_member_reply',
    bond_delete: 'bond_delete_reply',
    sw_bond_interface_dump: 'sw_bond_interface_details stream',
    sw_member_interface_dump: 'sw_member_interface_details stream',
  },
});
