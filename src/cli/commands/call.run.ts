import type { Command } from 'commander';
import { stringify as toYaml } from 'yaml';
import { globalsOf } from '../../apply/command-support.js';
import { connectVpp } from '../../apply/session.js';
import type { ApiDefinitions } from '../../api/definitions/index.js';
import { stringifyTrace, TraceFormat, type TraceMessage } from '../../api/trace/format.js';
import { maskSecrets } from '../../api/trace/mask.js';
import type { ApiMessage, ApiValue } from '../../api/types.js';
import { VppstateError } from '../../errors.js';

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

export interface CallFlags {
  format: 'json' | 'yaml';
  showSecrets?: boolean;
}

/** Prints messages in VPP's trace shape, as JSON or YAML. */
export function printMessages(out: TraceMessage | TraceMessage[], format: 'json' | 'yaml'): void {
  process.stdout.write(format === 'yaml' ? toYaml(out) : `${stringifyTrace(out, '  ')}\n`);
}

/** `vppstate api call` (and `vppstate call`). */
export async function run(message: string, words: string[], opts: CallFlags, cmd: Command): Promise<void> {
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
}
