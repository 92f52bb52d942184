import { Option, type Command } from 'commander';
import { stringify as toYaml } from 'yaml';
import { globalsOf } from '../../apply/command-support.js';
import { connectVpp } from '../../apply/session.js';
import type { ApiDefinitions } from '../../api/definitions/index.js';
import { stringifyTrace, TraceFormat, type TraceMessage } from '../../api/trace/format.js';
import { maskSecrets } from '../../api/trace/mask.js';
import type { ApiMessage, ApiValue } from '../../api/types.js';
import { VppstateError } from '../../errors.js';
import type { RegisterCommand } from './index.js';

/** Bad `key=value` / JSON arguments on the command line. */
export class CallArgumentError extends VppstateError {
  constructor(message: string) {
    super('cli.callArgument', message);
  }
}

/**
 * Arguments as one JSON object, or `field=value` pairs whose value is JSON where it parses
 * (`sw_if_index=1`, `is_add=true`, `mtu=[9000,0,0,0]`) and a plain string otherwise
 * (`tag=uplink`, `prefix=10.0.0.0/24`). A dotted field sets a nested one (`route.prefix=…`).
 */
export function parseCallArgs(words: readonly string[]): ApiMessage {
  if (words.length === 1 && words[0].trimStart().startsWith('{')) {
    try {
      return JSON.parse(words[0]) as ApiMessage;
    } catch (err) {
      throw new CallArgumentError(`arguments are not valid JSON: ${(err as Error).message}`);
    }
  }
  const args: Record<string, ApiValue> = {};
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq <= 0) throw new CallArgumentError(`expected field=value, got '${word}'`);
    const raw = word.slice(eq + 1);
    let value: ApiValue;
    try {
      value = JSON.parse(raw) as ApiValue;
    } catch {
      value = raw;
    }
    const path = word.slice(0, eq).split('.');
    let at: Record<string, ApiValue> = args;
    for (const part of path.slice(0, -1)) {
      const next = at[part];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) at[part] = {};
      at = at[part] as Record<string, ApiValue>;
    }
    at[path[path.length - 1]] = value;
  }
  return args;
}

/** Names in `args` that the message does not have (its fields are listed in the error). */
function checkFieldNames(defs: ApiDefinitions, name: string, args: Readonly<Record<string, unknown>>): void {
  const fields = defs.message(name).fields.map((f) => f.name);
  const known = new Set(fields);
  const unknown = Object.keys(args).filter((k) => !k.startsWith('_') && !known.has(k));
  if (unknown.length > 0) {
    const usable = fields.filter((f) => !['_vl_msg_id', 'client_index', 'context'].includes(f));
    throw new CallArgumentError(
      `${name} has no field ${unknown.join(', ')}; its fields: ${usable.join(', ') || '(none)'} (vppstate api show ${name})`,
    );
  }
}

interface CallFlags {
  format: 'json' | 'yaml';
  showSecrets?: boolean;
}

/** Prints messages in VPP's trace shape, as JSON or YAML. */
export function printMessages(out: TraceMessage | TraceMessage[], format: 'json' | 'yaml'): void {
  process.stdout.write(format === 'yaml' ? toYaml(out) : `${stringifyTrace(out, '  ')}\n`);
}

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
    .action(async (message: string, words: string[], opts: CallFlags, cmd: Command) => {
      const parsed = parseCallArgs(words);
      const client = await connectVpp(globalsOf(cmd));
      try {
        const defs = client.definitions;
        if (!defs.messages.has(message))
          throw new CallArgumentError(
            `VPP has no message ${message} (vppstate api list '*${message}*' to search)`,
          );
        checkFieldNames(defs, message, parsed);
        const format = new TraceFormat(defs);
        const args = format.fromTrace(parsed, message);
        const service = defs.services.get(message);
        const isDump = service?.stream === true || service?.streamMsg !== undefined;
        const show = (m: TraceMessage): TraceMessage => (opts.showSecrets ? m : maskSecrets(m));
        const readable = (name: string, m: ApiMessage): TraceMessage =>
          show(format.toTrace(name, m, { readable: true }));
        if (isDump) {
          const details = await client.dump(message, args);
          const detailsName = service?.streamMsg ?? service?.reply ?? '';
          printMessages(
            details.map((d) => readable(detailsName, d)),
            opts.format,
          );
        } else {
          const reply = await client.call(message, args);
          printMessages(readable(service?.reply ?? `${message}_reply`, reply), opts.format);
        }
        process.exitCode = 0;
      } finally {
        await client.disconnect().catch(() => undefined);
      }
    });
}

export const registerCall: RegisterCommand = (program: Command) => {
  defineCall(
    program,
    'call',
    'send one VPP API message and print the reply (the same as `vppstate api call`)',
  );
};
