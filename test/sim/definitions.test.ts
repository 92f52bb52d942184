/**
 * The simulator's own message definitions (src/sim/definitions) must be VPP v26.10's: every
 * message, type and service is compared with ../shared/vpp-api, so they cannot drift.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ApiDefinitions, BUNDLED_MEMCLNT } from '../../src/api/definitions/index.js';
import { SIM_API_FILES } from '../../src/sim/definitions/vpp.js';
import { createVppModel } from '../../src/sim/vpp/index.js';
import { VPP_API_DIR, describeWithVppApi } from '../helpers/shared.js';
import { describe } from 'vitest';

interface Indexed {
  messages: Map<string, unknown[]>;
  types: Map<string, unknown>;
  services: Map<string, unknown>;
}

/** VPP's doc comments are documentation, not definition: drop them; everything else is compared exactly. */
function withoutComment(entry: unknown[]): unknown[] {
  return entry.flatMap((e) => {
    if (e === null || typeof e !== 'object' || Array.isArray(e) || !('comment' in e)) return [e];
    const { comment: _comment, ...rest } = e as Record<string, unknown>;
    return Object.keys(rest).length > 0 ? [rest] : [];
  });
}

function index(files: Array<{ json: Record<string, unknown> }>): Indexed {
  const out: Indexed = { messages: new Map(), types: new Map(), services: new Map() };
  for (const { json } of files) {
    for (const m of (json.messages as unknown[][] | undefined) ?? [])
      out.messages.set(m[0] as string, withoutComment(m));
    for (const k of ['types', 'unions', 'enums', 'enumflags'])
      for (const t of (json[k] as unknown[][] | undefined) ?? [])
        out.types.set(`${k}:${t[0] as string}`, withoutComment(t));
    for (const [n, a] of Object.entries((json.aliases as Record<string, unknown> | undefined) ?? {}))
      out.types.set(`aliases:${n}`, a);
    for (const [n, s] of Object.entries((json.services as Record<string, unknown> | undefined) ?? {}))
      out.services.set(n, s);
  }
  return out;
}

function vppFiles(): Array<{ json: Record<string, unknown> }> {
  const out: Array<{ json: Record<string, unknown> }> = [];
  for (const dir of ['core', 'plugins'])
    for (const f of readdirSync(join(VPP_API_DIR, dir)).filter((x) => x.endsWith('.api.json')))
      out.push({
        json: JSON.parse(readFileSync(join(VPP_API_DIR, dir, f), 'utf8')) as Record<string, unknown>,
      });
  return out;
}

describeWithVppApi('simulator definitions against VPP v26.10 (../shared/vpp-api)', () => {
  const ours = index(SIM_API_FILES.map((f) => ({ json: f.json as Record<string, unknown> })));
  const vpp = index(vppFiles());

  it('defines every message with VPP name, fields (type, length, count field) and crc', () => {
    expect(ours.messages.size).toBeGreaterThan(100);
    const diffs: string[] = [];
    for (const [name, m] of ours.messages) {
      const v = vpp.messages.get(name);
      if (!v) diffs.push(`${name}: not a VPP v26.10 message`);
      else if (JSON.stringify(m) !== JSON.stringify(v)) diffs.push(`${name}: differs from VPP's definition`);
    }
    expect(diffs).toEqual([]);
  });

  it('defines every type, union, enum and alias exactly as VPP does', () => {
    const diffs: string[] = [];
    for (const [k, t] of ours.types) {
      const v = vpp.types.get(k);
      if (!v) diffs.push(`${k}: not in VPP`);
      else if (JSON.stringify(t) !== JSON.stringify(v)) diffs.push(`${k}: differs`);
    }
    expect(diffs).toEqual([]);
  });

  it('declares the services (reply, stream, stream_msg, events) as VPP does', () => {
    const diffs: string[] = [];
    for (const [n, s] of ours.services)
      if (JSON.stringify(s) !== JSON.stringify(vpp.services.get(n))) diffs.push(`${n}: differs`);
    expect(diffs).toEqual([]);
  });
});

describe('simulator definitions', () => {
  const defs = ApiDefinitions.fromFiles([
    { file: 'memclnt.api.json', json: BUNDLED_MEMCLNT },
    ...SIM_API_FILES,
  ]);

  it('resolve every type they use', () => {
    expect(defs.messages.get('ip_route_details')?.crc).toMatch(/^0x[0-9a-f]{8}$/);
  });

  it('have a handler for every request the model serves, and a definition for every handler', () => {
    const model = createVppModel();
    const missing = Object.keys(model.handlers).filter((n) => !defs.messages.has(n));
    expect(missing).toEqual([]);
    const served = [...defs.services.keys()].filter(
      (n) =>
        !['sockclnt_create', 'sockclnt_delete', 'control_ping', 'get_api_json', 'memclnt_keepalive'].includes(
          n,
        ),
    );
    const unhandled = served.filter(
      (n) => !model.handlers[n] && defs.messages.has(n) && SIM_SERVICE_NAMES.has(n),
    );
    expect(unhandled).toEqual([]);
  });
});

const SIM_SERVICE_NAMES = new Set(
  SIM_API_FILES.flatMap((f) => Object.keys((f.json.services as Record<string, unknown> | undefined) ?? {})),
);
