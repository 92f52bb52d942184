import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { globalsOf } from '../../apply/command-support.js';
import { generateDefinitionsModule } from '../../api/codegen/definitions.js';
import { generateTypes } from '../../api/codegen/types.js';
import { ApiDefinitions } from '../../api/definitions/index.js';
import { VppstateError } from '../../errors.js';

export class GenError extends VppstateError {
  constructor(message: string) {
    super('cli.gen', message);
  }
}

export function run(o: { out: string; file: string; source?: string }, cmd: Command): void {
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
}

/** `vppstate gen definitions`: the definitions as a pack module. */
export function runDefinitions(o: { out: string; file: string; source?: string }, cmd: Command): void {
  const g = globalsOf(cmd);
  if (g.apiDir === undefined)
    throw new GenError('gen definitions needs --api-dir DIR (or VPP_API_DIR): the .api.json files to read');
  const defs = ApiDefinitions.fromDirectory(g.apiDir);
  const text = generateDefinitionsModule(defs, o.source ?? g.apiDir);
  mkdirSync(o.out, { recursive: true });
  const path = join(o.out, o.file);
  writeFileSync(path, text);
  process.stdout.write(
    `wrote ${path}: ${defs.messages.size} messages, ${defs.types.size} types, ${defs.services.size} services (${Math.round(text.length / 1024)} KiB)\n`,
  );
  process.exitCode = 0;
}
