/**
 * Running bench/papi.py (vpp_papi, VPP's own Python client) on the same VPP in the same run,
 * and writing calls in the form papi takes.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ApiDefinitions, FieldDefinition } from '../../src/api/definitions/index.js';
import { shortTypeName } from '../../src/api/definitions/index.js';
import type { ApiMessage, ApiValue } from '../../src/api/types.js';
import type { Call } from './raw.js';
import { REPO_ROOT } from './targets.js';

const run = promisify(execFile);

export class Papi {
  constructor(
    private readonly pythonPath: string,
    private readonly socket: string,
    private readonly apiDir: string,
  ) {}

  /** Runs one mode of bench/papi.py; its JSON result. */
  async run<T>(mode: string, ...args: Array<string | number>): Promise<T> {
    const { stdout } = await run(
      'python3',
      [join(REPO_ROOT, 'bench/papi.py'), this.socket, this.apiDir, mode, ...args.map(String)],
      { env: { ...process.env, PYTHONPATH: this.pythonPath }, maxBuffer: 64 * 2 ** 20, timeout: 30 * 60_000 },
    );
    return JSON.parse(stdout) as T;
  }
}

/**
 * Calls as JSON lines papi can send: vppstate's codec takes an address union as text, papi only
 * as {ip4|ip6: text}; bytes become {"__hex__"}, 64-bit integers numbers.
 */
export function writePapiCalls(file: string, defs: ApiDefinitions, calls: readonly Call[]): void {
  const lines = calls.map(([name, args]) =>
    JSON.stringify([name, convertFields(defs, defs.message(name).fields, args)]),
  );
  writeFileSync(file, `${lines.join('\n')}\n`);
}

function convertFields(
  defs: ApiDefinitions,
  fields: readonly FieldDefinition[],
  value: ApiMessage,
): ApiMessage {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const f = fields.find((x) => x.name === k);
    out[k] = f ? convert(defs, f.type, v) : v;
  }
  // papi packs a missing fixed-length array of structs (a route path's label_stack) as an error;
  // vppstate's codec zero-fills it.
  for (const f of fields)
    if (!(f.name in out) && f.length && f.type !== 'u8' && f.type !== 'string' && !f.countField)
      out[f.name] = Array.from({ length: f.length }, () => (defs.types.has(shortTypeName(f.type)) ? {} : 0));
  return out as ApiMessage;
}

function convert(defs: ApiDefinitions, type: string, v: ApiValue): unknown {
  if (Array.isArray(v)) return (v as ApiValue[]).map((x) => convert(defs, type, x));
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Uint8Array) return { __hex__: Buffer.from(v).toString('hex') };
  const short = shortTypeName(type);
  if (short === 'address_union' && typeof v === 'string') return v.includes(':') ? { ip6: v } : { ip4: v };
  if (v && typeof v === 'object') {
    const t = defs.types.get(short);
    if (t && (t.kind === 'type' || t.kind === 'union')) return convertFields(defs, t.fields, v as ApiMessage);
    if (t && t.kind === 'alias') return convert(defs, t.type, v);
  }
  return v;
}
