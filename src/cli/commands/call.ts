import { Option, type Command } from 'commander';
import { lazyAction } from '../lazy.js';
import type { RegisterCommand } from './index.js';

/** Defines the call command on `parent` (`api call`, and the top-level alias `call`). */
export function defineCall(parent: Command, name: string, description: string): Command {
  return parent
    .command(name)
    .description(description)
    .argument('<message>', 'message name without crc, e.g. show_version, sw_interface_dump')
    .argument('[args...]', 'fields as field=value pairs (route.prefix=… for nested ones) or one JSON object')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'yaml']).default('json'))
    .option('--show-secrets', 'print secrets in replies instead of masking them')
    .addHelpText(
      'after',
      `
Fields take what VPP's own API trace writes (enum member names, enum flags as a list of names,
addresses and prefixes as text, bytes as "0x…") as well as numbers. The reply prints in the same
shape; a dump (or a cursor service) prints every details message as a list.

Examples:
  vppstate api call show_version
  vppstate api call sw_interface_dump sw_if_index=4294967295 --format yaml
  vppstate api call sw_interface_set_flags sw_if_index=1 flags=IF_STATUS_API_FLAG_ADMIN_UP
  vppstate api call sw_interface_add_del_address sw_if_index=1 is_add=true prefix=10.0.0.1/24
  vppstate api call ip_route_add_del is_add=true route.prefix=10.9.0.0/16 route.n_paths=1 \\
      'route.paths=[{"sw_if_index":1,"nh":{"address":{"ip4":"10.0.0.2"}}}]'

Exit code 0 on success, 1 on an error: a negative retval prints VPP's errno name.`,
    )
    .action(lazyAction(() => import('./call.run.js')));
}

export const registerCall: RegisterCommand = (program: Command) => {
  defineCall(
    program,
    'call',
    'send one VPP API message and print the reply (the same as `vppstate api call`)',
  );
};
