import type { Command } from 'commander';
import { globalsOf } from '../../apply/command-support.js';
import { connectVpp } from '../../apply/session.js';
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
 * (`tag=uplink`, `prefix=10.0.0.0/24`).
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
    args[word.slice(0, eq)] = value;
  }
  return args;
}

/** JSON for people: bigints as numbers where safe, byte arrays as hex. */
function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (typeof v === 'bigint') return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
      if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
      if (v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer' && 'data' in v)
        return Buffer.from((v as { data: number[] }).data).toString('hex');
      return v;
    },
    2,
  );
}

export async function run(message: string, words: string[], _opts: unknown, cmd: Command): Promise<void> {
  const args = parseCallArgs(words);
  const client = await connectVpp(globalsOf(cmd));
  try {
    const service = client.definitions.services.get(message);
    const isDump = service?.stream === true || service?.streamMsg !== undefined;
    const out = isDump ? await client.dump(message, args) : await client.call(message, args);
    process.stdout.write(toJson(out) + '\n');
    process.exitCode = 0;
  } finally {
    await client.disconnect().catch(() => undefined);
  }
}
