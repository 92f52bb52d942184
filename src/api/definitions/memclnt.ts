import type { ApiJsonFile } from './index.js';

/**
 * The memclnt messages a client needs before it knows anything else about a VPP: the socket
 * handshake, the goodbye, ping, keepalive and get_api_json (which then yields every other
 * definition). The equivalent of vpp_papi's bundled memclnt.api.json, written here so that a
 * client works without any .api.json installed. A test compares it with VPP's memclnt.api.json.
 */
export const BUNDLED_MEMCLNT: ApiJsonFile = {
  module: 'memclnt',
  types: [['message_table_entry', ['u16', 'index'], ['string', 'name', 64]]],
  messages: [
    [
      'sockclnt_create',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['string', 'name', 64],
      { crc: '0x455fb9c4', options: {} },
    ],
    [
      'sockclnt_create_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['i32', 'response'],
      ['u32', 'index'],
      ['u16', 'count'],
      ['vl_api_message_table_entry_t', 'message_table', 0, 'count'],
      { crc: '0x35166268', options: {} },
    ],
    [
      'sockclnt_delete',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      ['u32', 'index'],
      { crc: '0x8ac76db6', options: {} },
    ],
    [
      'sockclnt_delete_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'response'],
      { crc: '0x8f38b1ee', options: {} },
    ],
    [
      'memclnt_keepalive',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      { crc: '0x51077d14', options: {} },
    ],
    [
      'memclnt_keepalive_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      { crc: '0xe8d4e804', options: {} },
    ],
    [
      'control_ping',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      { crc: '0x51077d14', options: {} },
    ],
    [
      'control_ping_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      ['u32', 'client_index'],
      ['u32', 'vpe_pid'],
      { crc: '0xf6b0b8ca', options: {} },
    ],
    [
      'get_api_json',
      ['u16', '_vl_msg_id'],
      ['u32', 'client_index'],
      ['u32', 'context'],
      { crc: '0x51077d14', options: {} },
    ],
    [
      'get_api_json_reply',
      ['u16', '_vl_msg_id'],
      ['u32', 'context'],
      ['i32', 'retval'],
      ['string', 'json', 0],
      { crc: '0xea715b59', options: {} },
    ],
  ],
  unions: [],
  enums: [],
  enumflags: [],
  aliases: {},
  services: {
    sockclnt_create: { reply: 'sockclnt_create_reply' },
    sockclnt_delete: { reply: 'sockclnt_delete_reply' },
    memclnt_keepalive: { reply: 'memclnt_keepalive_reply' },
    control_ping: { reply: 'control_ping_reply' },
    get_api_json: { reply: 'get_api_json_reply' },
  },
  options: { version: '2.1.0' },
  vl_api_version: '0xb197c551',
  imports: [],
};
