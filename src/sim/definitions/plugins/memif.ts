import { apiModule } from '../notation.js';

/** plugins/memif.api */
export const memifApi = apiModule('memif', {
  enums: {
    memif_role: 'u32: MEMIF_ROLE_API_MASTER, MEMIF_ROLE_API_SLAVE',
    memif_mode: 'u32: MEMIF_MODE_API_ETHERNET, MEMIF_MODE_API_IP, MEMIF_MODE_API_PUNT_INJECT',
  },
  messages: {
    memif_socket_filename_add_del_v2: {
      request: 0x34223bdf,
      fields: 'bool is_add; u32 socket_id = 0xffffffff; string socket_filename[]',
      options: { vat_help: '[add|del] id <id> filename <file>' },
    },
    memif_socket_filename_add_del_v2_reply: { reply: 0x9f29bdb9, fields: 'u32 socket_id' },
    memif_create_v2: {
      request: 0x8c7de5f7,
      fields: `
        memif_role role; memif_mode mode; u8 rx_queues; u8 tx_queues; u32 id; u32 socket_id;
        u32 ring_size; u16 buffer_size; bool no_zero_copy; bool use_dma; mac_address hw_addr;
        string secret[24]
      `,
      options: {
        vat_help:
          '[id <id>] [socket-id <id>] [ring_size <size>] [buffer_size <size>] [hw_addr <mac_address>] [secret <string>] [mode ip] <master|slave>',
      },
    },
    memif_create_v2_reply: { reply: 0x5383d31f, fields: 'interface_index sw_if_index' },
    memif_delete: {
      request: 0xf9e6675e,
      fields: 'interface_index sw_if_index',
      options: { vat_help: '<sw_if_index>' },
    },
    memif_delete_reply: { reply: 0xe8d4e804, options: { vat_help: '<sw_if_index>' } },
    memif_socket_filename_details: {
      details: 0x7ff326f7,
      fields: 'u32 socket_id; string socket_filename[108]',
    },
    memif_socket_filename_dump: { request: 0x51077d14 },
    memif_details: {
      details: 0xda34feb9,
      fields: `
        interface_index sw_if_index; mac_address hw_addr; u32 id; memif_role role; memif_mode mode;
        bool zero_copy; u32 socket_id; u32 ring_size; u16 buffer_size; if_status_flags flags;
        string if_name[64]
      `,
    },
    memif_dump: { request: 0x51077d14 },
  },
  services: {
    memif_socket_filename_add_del_v2: 'memif_socket_filename_add_del_v2_reply',
    memif_create_v2: 'memif_create_v2_reply',
    memif_delete: 'memif_delete_reply',
    memif_dump: 'memif_details stream',
    memif_socket_filename_dump: 'memif_socket_filename_details stream',
  },
});
