/**
 * ajv (draft 2020-12) with vppstate's formats and every schema file: what generates the validator
 * the tool runs (validator.generated.ts, written by src/config/generate.ts), and what tests and
 * tools use to validate against any part of the schemas. Never loaded by `vppstate` itself.
 */
import { _, Ajv2020 } from 'ajv/dist/2020.js';
import { FORMATS } from './formats.js';
import { schemaFiles, type JsonSchema } from './index.js';

/** Keywords that say nothing about validity (descriptions, examples, defaults). */
const ANNOTATIONS = new Set(['title', 'description', 'examples', 'default', '$comment', 'deprecated']);
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_ONE = [
  'items',
  'additionalProperties',
  'propertyNames',
  'if',
  'then',
  'else',
  'not',
  'contains',
];

/**
 * A schema without its annotations: the compiled validator stays the same when only a
 * description or an example changes, so such edits never make the generated module stale.
 */
export function validationOnly(schema: unknown): unknown {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(schema as JsonSchema)) {
    if (ANNOTATIONS.has(k)) continue;
    if (SCHEMA_MAPS.includes(k) && v && typeof v === 'object')
      out[k] = Object.fromEntries(Object.entries(v as JsonSchema).map(([n, s]) => [n, validationOnly(s)]));
    else if (SCHEMA_LISTS.includes(k) && Array.isArray(v)) out[k] = v.map(validationOnly);
    else if (SCHEMA_ONE.includes(k)) out[k] = validationOnly(v);
    else out[k] = v;
  }
  return out;
}

/**
 * An ajv instance with vppstate's formats and every schema file added; `source` keeps the code
 * for standalone output (and drops the annotations, which the generated code would embed).
 */
export function createAjv(opts: { source?: boolean } = {}): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    // The generated module reads the formats from its `formats` binding (formats.ts).
    code: opts.source ? { source: true, esm: true, lines: true, formats: _`formats` } : {},
  });
  for (const [name, f] of Object.entries(FORMATS))
    ajv.addFormat(name, { type: f.type, validate: f.validate });
  for (const [, schema] of schemaFiles())
    ajv.addSchema(opts.source ? (validationOnly(schema) as JsonSchema) : schema);
  return ajv;
}
