/**
 * ajv (draft 2020-12) with vppstate's formats and every schema file: what generates the validator
 * the tool runs (validator.generated.ts, written by src/config/generate.ts), and what tests and
 * tools use to validate against any part of the schemas. Never loaded by `vppstate` itself.
 */
import { _, Ajv2020 } from 'ajv/dist/2020.js';
import { FORMATS } from './formats.js';
import { schemaFiles } from './index.js';

/** An ajv instance with vppstate's formats and every schema file added; `source` keeps the code for standalone output. */
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
  for (const [, schema] of schemaFiles()) ajv.addSchema(schema);
  return ajv;
}
