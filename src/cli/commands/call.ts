import type { Command } from 'commander';
import { lazyAction } from '../lazy.js';
import type { RegisterCommand } from './index.js';

export const registerCall: RegisterCommand = (program: Command) => {
  program
    .command('call')
    .description(
      'send one VPP API message and print the reply (or every details message of a dump) as JSON, like vpp_api_test',
    )
    .argument('<message>', 'message name without crc, e.g. show_version, sw_interface_dump')
    .argument('[args...]', 'fields as field=value pairs or one JSON object, e.g. sw_if_index=1 flags=1')
    .addHelpText(
      'after',
      `
Examples:
  vppstate call show_version
  vppstate call sw_interface_dump sw_if_index=4294967295
  vppstate call sw_interface_set_flags sw_if_index=1 flags=IF_STATUS_API_FLAG_ADMIN_UP
  vppstate call ip_route_add_del '{"is_add":true,"route":{"prefix":"10.9.0.0/16","n_paths":1,"paths":[{"sw_if_index":1}]}}'

Exit code 0 on success, 1 on an error (VPP's errno name is printed).`,
    )
    .action(lazyAction(() => import('./call.run.js')));
};
