import type { Command } from 'commander';
import { lazyAction } from '../lazy.js';
import type { RegisterCommand } from './index.js';

export const registerGen: RegisterCommand = (program: Command) => {
  const gen = program.command('gen').description('generate code from VPP API definitions');
  gen
    .command('types')
    .description(
      'TypeScript declarations for every message, type, enum and union, and a typed map for client.call',
    )
    .requiredOption('--out <dir>', 'directory to write into (created if missing)')
    .option('--file <name>', 'file name', 'vpp-api.ts')
    .option('--source <text>', 'where the definitions come from, for the header comment (default: --api-dir)')
    .addHelpText(
      'after',
      `
Reads every .api.json under --api-dir (a VPP install's /usr/share/vpp/api, or one plugin's own)
and writes one TypeScript module: for each message Foo (as decoded) and FooIn (as the encoder
takes it), each struct, union and enum, VppMessages (request → request, reply, details),
VppEvents and VPP_MESSAGE_CRCS. vppstate ships these for VPP v26.10 (VppMessages of
'vppstate/api'); for another VPP or a plugin of your own, generate and pass the map:

  vppstate gen types --api-dir /usr/share/vpp/api/plugins/sample --out src/vpp
  import { VppClient, type VppMessages } from 'vppstate/api';
  import type { VppMessages as Sample } from './vpp/vpp-api.js';
  const client = await VppClient.connect<VppMessages & Sample>({ socket });
  await client.call('sample_macswap_enable_disable', { sw_if_index: 1, enable_disable: true });`,
    )
    .action(lazyAction(() => import('./gen.run.js')));
  gen
    .command('definitions')
    .description('the definitions as a module a client can use instead of asking VPP (get_api_json)')
    .requiredOption('--out <dir>', 'directory to write into (created if missing)')
    .option('--file <name>', 'file name', 'vpp-api-pack.ts')
    .option('--source <text>', 'where the definitions come from, for the header (default: --api-dir)')
    .addHelpText(
      'after',
      `
Reads every .api.json under --api-dir and writes one module exporting VPP_API_PACK: every message,
type and service, one per line, comments left out (src/api/definitions/packed.ts). vppstate ships
VPP v26.10's: a client uses them when every message in VPP's table has their crc, and asks VPP
for its own (get_api_json, ~1.5 MB) otherwise. Load a pack yourself with
ApiDefinitions.fromPacked(VPP_API_PACK) and pass it as VppClient.connect({ definitions }).`,
    )
    .action(lazyAction(() => import('./gen.run.js').then((m) => ({ run: m.runDefinitions }))));
};
