import { apiModule } from '../notation.js';

/** plugins/vxlan.api */
export const vxlanApi = apiModule('vxlan', {
  messages: {
    vxlan_add_del_tunnel_v3: {
      request: 0x0072b037,
      fields: `
        bool is_add = "true"; u32 instance = 0xffffffff; address src_address; address dst_address;
        u16 src_port; u16 dst_port; interface_index mcast_sw_if_index; u32 encap_vrf_id;
        u32 decap_next_index; u32 vni; bool is_l3 = false
      `,
    },
    vxlan_add_del_tunnel_v3_reply: { reply: 0x5383d31f, fields: 'interface_index sw_if_index' },
    vxlan_tunnel_v2_dump: { request: 0xf9e6675e, fields: 'interface_index sw_if_index' },
    vxlan_tunnel_v2_details: {
      details: 0xd3bdd4d9,
      fields: `
        interface_index sw_if_index; u32 instance; address src_address; address dst_address;
        u16 src_port; u16 dst_port; interface_index mcast_sw_if_index; u32 encap_vrf_id;
        u32 decap_next_index; u32 vni
      `,
    },
  },
  services: {
    vxlan_add_del_tunnel_v3: 'vxlan_add_del_tunnel_v3_reply',
    vxlan_tunnel_v2_dump: 'vxlan_tunnel_v2_details stream',
  },
});
