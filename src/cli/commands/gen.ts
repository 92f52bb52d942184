import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { globalsOf } from '../../apply/command-support.js';
import { generateTypes } from '../../api/codegen/types.js';
import { ApiDefinitions } from '../../api/definitions/index.js';
import { VppstateError } from '../../errors.js';
import type { RegisterCommand } from './index.js';

export class GenError extends VppstateError {
  constructor(message: string) {
    super('cli.gen', message);
  }
}

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
    .action((o: { out: string; file: string; source?: string }, cmd: Command) => {
      const g = globalsOf(cmd);
      if (g.apiDir === undefined)
        throw new GenError('gen types needs --api-dir DIR (or VPP_API_DIR): the .api.json files to read');
      const defs = ApiDefinitions.fromDirectory(g.apiDir);
      const text = generateTypes(defs, { source: o.source ?? g.apiDir });
      mkdirSync(o.out, { recursive: true });
      const path = join(o.out, o.file);
      writeFileSync(path, text);
      process.stdout.write(
        `wrote ${path}: ${defs.messages.size} messages, ${defs.types.size} types, ${defs.services.size} services\n`,
      );
      process.exitCode = 0;
    });
};
