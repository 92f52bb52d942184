/**
 * JSON Schema validation (draft 2020-12) with the validator ajv compiled at build time
 * (schema/validator.generated.ts), and ajv's errors turned into messages a person writing YAML
 * understands, each at the position of its node.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { ConfigError } from './errors.js';
import { FORMATS } from './schema/formats.js';
import { validate as generatedValidate } from './schema/validator.generated.js';
import { formatPath } from './source.js';
import type { Path, SourceDocument } from './source.js';

/** The compiled top-level schema: true when valid, else its errors are on `.errors`. */
interface CompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

const validateTopLevel = generatedValidate as CompiledValidator;

/** Validates one document; returns its errors, located. */
export function validateDocumentSchema(doc: SourceDocument): ConfigError[] {
  if (validateTopLevel(doc.data)) return [];
  const out = new Map<string, ConfigError>();
  for (const e of validateTopLevel.errors ?? []) {
    if (e.propertyName !== undefined && e.keyword !== 'propertyNames') continue; // reported as propertyNames
    const err = toConfigError(doc, e);
    if (err && !out.has(err.message)) out.set(err.message, err);
  }
  // Where a node has a precise complaint, drop the vaguer "must be X" for the same node.
  return [...out.values()];
}

/** JSON pointer → path; a segment is a number only where the data there is a list. */
function pointerToPath(pointer: string, data: unknown): Array<string | number> {
  if (!pointer) return [];
  const out: Array<string | number> = [];
  let node = data;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      out.push(Number(seg));
      node = node[Number(seg)];
    } else {
      out.push(seg);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value}"`;
  return String(value);
}

function typeName(t: string): string {
  return t === 'object'
    ? 'a mapping'
    : t === 'array'
      ? 'a list'
      : t === 'null'
        ? 'empty'
        : t === 'integer'
          ? 'an integer'
          : `a ${t}`;
}

function toConfigError(doc: SourceDocument, e: ErrorObject): ConfigError | undefined {
  let path: Path = pointerToPath(e.instancePath, doc.data);
  const p = e.params as Record<string, unknown>;
  let onKey = false;
  let message: string;
  switch (e.keyword) {
    case 'if':
    case 'anyOf':
    case 'oneOf':
      return undefined; // the branch errors say what is wrong
    case 'additionalProperties': {
      path = [...path, String(p.additionalProperty)];
      onKey = true;
      message = `unknown field${suggest(String(p.additionalProperty), e.parentSchema)}`;
      break;
    }
    case 'required':
      message = `missing required field ${String(p.missingProperty)}`;
      break;
    case 'propertyNames': {
      path = [...path, String(p.propertyName)];
      onKey = true;
      message =
        p.propertyName === '0' &&
        e.parentSchema &&
        (e.parentSchema as { $id?: string }).$id === 'vrfs.schema.json'
          ? 'table 0 always exists and is not declared'
          : `invalid key ${JSON.stringify(p.propertyName)}${propertyNamesHint(e)}`;
      break;
    }
    case 'pattern':
      message = patternMessage(e);
      break;
    case 'type': {
      const types = Array.isArray(p.type) ? (p.type as string[]) : String(p.type).split(',');
      message = `must be ${types.map(typeName).join(' or ')} (got ${describe(e.data)})`;
      break;
    }
    case 'enum':
      message = `must be one of ${(p.allowedValues as unknown[]).map((v) => String(v)).join(', ')} (got ${describe(e.data)})`;
      break;
    case 'const':
      message = `must be ${JSON.stringify(p.allowedValue)} (got ${describe(e.data)})`;
      break;
    case 'maximum':
      message = `must be ≤ ${String(p.limit)} (got ${String(e.data)})`;
      break;
    case 'minimum':
      message = `must be ≥ ${String(p.limit)} (got ${String(e.data)})`;
      break;
    case 'maxLength':
      message = `must be at most ${String(p.limit)} characters (got ${String((e.data as string).length)})`;
      break;
    case 'minLength':
      message = `must not be empty`;
      break;
    case 'minItems':
      message = `must have at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}`;
      break;
    case 'uniqueItems':
      message = `must not repeat items (items ${String(p.j)} and ${String(p.i)} are equal)`;
      break;
    case 'format':
      message = `must be ${FORMATS[String(p.format)]?.text ?? String(p.format)} (got ${describe(e.data)})`;
      break;
    default:
      message = e.message ?? 'invalid';
  }
  const pos = doc.position(path, { key: onKey });
  return new ConfigError('CONFIG_SCHEMA', { ...pos, path: formatPath(path) }, message);
}

function propertyNamesHint(e: ErrorObject): string {
  const s = (e.parentSchema as { propertyNames?: { pattern?: string } } | undefined)?.propertyNames;
  if (s?.pattern?.startsWith('^[1-9]')) return ': must be a positive integer id';
  return '';
}

function patternMessage(e: ErrorObject): string {
  const pattern = String((e.params as { pattern: string }).pattern);
  const got = describe(e.data);
  if (pattern === '^any$') return `must be a VLAN id or "any" (got ${got})`;
  if (pattern.startsWith('^(inside|')) return `must be inside, outside or output (got ${got})`;
  if (pattern.startsWith('^(any|tcp'))
    return `must be any, tcp, udp, icmp, icmpv6 or a protocol number (got ${got})`;
  if (pattern === '^[ -~]*$') return `must be printable ASCII (got ${got})`;
  return `must match ${pattern} (got ${got})`;
}

/** ", did you mean X?" for a misspelt field, from the schema's own properties. */
function suggest(name: string, parentSchema: unknown): string {
  const props = Object.keys((parentSchema as { properties?: object } | undefined)?.properties ?? {});
  let best: string | undefined;
  let bestDist = Infinity;
  for (const p of props) {
    const d = editDistance(name, p);
    if (d < bestDist) {
      bestDist = d;
      best = p;
    }
  }
  return best && bestDist <= Math.max(2, Math.floor(name.length / 3)) ? ` (did you mean ${best}?)` : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}
