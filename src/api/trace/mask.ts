/**
 * Secrets in printed traces: memif secrets, IPsec and WireGuard keys, BFD and LISP keys... are
 * shown as MASKED unless the user asks (`--show-secrets`). A definition can also mark a field
 * secret with the option `{"secret": true}` (a plugin's own .api.json).
 */
import type { ApiDefinitions, FieldDefinition } from '../definitions/index.js';
import type { TraceValue } from './format.js';

export const MASKED = '<masked>';

/** Field names that hold secrets in VPP's API (any message, any depth). */
const SECRET_NAMES = new Set([
  'secret',
  'secret_key',
  'secret_share',
  'private_key',
  'preshared_key',
  'crypto_key',
  'integrity_key',
  'certkey',
  'psk',
  'password',
  'passwd',
]);

/** Names marked secret by their definitions' options. */
export function secretFieldNames(defs: ApiDefinitions): Set<string> {
  const out = new Set<string>();
  const scan = (fields: readonly FieldDefinition[]): void => {
    for (const f of fields) if (f.options?.secret === true) out.add(f.name);
  };
  for (const m of defs.messages.values()) scan(m.fields);
  for (const t of defs.types.values()) if (t.kind === 'type' || t.kind === 'union') scan(t.fields);
  return out;
}

function isSecret(name: string, v: unknown, extra: ReadonlySet<string>): boolean {
  if (SECRET_NAMES.has(name) || extra.has(name)) return true;
  // `key` is a number in some messages (a GRE key), key material in others (bytes, a struct).
  return name === 'key' && typeof v !== 'number';
}

/** A copy with every secret field (at any depth, in replies and details too) masked. */
export function maskSecrets<T>(v: T, extra: ReadonlySet<string> = new Set()): T {
  return mask(v as TraceValue, extra) as T;
}

function mask(v: TraceValue, extra: ReadonlySet<string>): TraceValue {
  if (Array.isArray(v)) return (v as readonly TraceValue[]).map((x) => mask(x, extra));
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, TraceValue> = {};
  for (const [k, x] of Object.entries(v as Record<string, TraceValue>)) {
    const empty = x === '' || x === null || (typeof x === 'string' && /^0x(00)*$/.test(x));
    out[k] = isSecret(k, x, extra) && !empty ? MASKED : mask(x, extra);
  }
  return out;
}
