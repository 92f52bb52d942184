import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  renderConfigurationDoc,
  renderSchemaFiles,
  renderValidatorModule,
  VALIDATOR_MODULE,
} from '../../src/config/generate.js';
import { schemaFiles } from '../../src/config/index.js';
import { REPO_ROOT } from '../helpers/shared.js';

const STALE = 'stale: run `npx tsx src/config/generate.ts`';

describe('generated files are up to date', () => {
  it('schemas/*.json', async () => {
    for (const [file, text] of await renderSchemaFiles())
      expect(readFileSync(join(REPO_ROOT, 'schemas', file), 'utf8'), `schemas/${file} ${STALE}`).toBe(text);
  });
  it('the compiled validator vppstate runs (ajv standalone code of the schemas)', async () =>
    expect(readFileSync(join(REPO_ROOT, VALIDATOR_MODULE), 'utf8'), `${VALIDATOR_MODULE} ${STALE}`).toBe(
      await renderValidatorModule(),
    ));
  it('docs/configuration.md', async () =>
    expect(readFileSync(join(REPO_ROOT, 'docs/configuration.md'), 'utf8'), STALE).toBe(
      await renderConfigurationDoc(),
    ));
});

/** Every property schema (recursively) with its path. */
function* properties(schema: unknown, path: string): Generator<[string, Record<string, unknown>]> {
  if (!schema || typeof schema !== 'object') return;
  const s = schema as Record<string, unknown>;
  for (const [k, v] of Object.entries((s.properties as Record<string, unknown>) ?? {})) {
    yield [`${path}.${k}`, v as Record<string, unknown>];
    yield* properties(v, `${path}.${k}`);
  }
  for (const key of ['items', 'additionalProperties'])
    if (typeof s[key] === 'object') yield* properties(s[key], `${path}[]`);
  for (const [k, v] of Object.entries((s.$defs as Record<string, unknown>) ?? {}))
    yield* properties(v, `${path}#${k}`);
}

describe('schemas', () => {
  it('document every field with a description and examples', () => {
    const missing: string[] = [];
    for (const [file, schema] of schemaFiles())
      for (const [path, prop] of properties(schema, file)) {
        if (prop.$ref && prop.description) continue;
        if (
          typeof prop.description !== 'string' ||
          !Array.isArray(prop.examples) ||
          prop.examples.length === 0
        )
          missing.push(path);
      }
    expect(missing).toEqual([]);
  });
  it('are draft 2020-12 with ids that resolve relative to each other', () => {
    for (const [file, schema] of schemaFiles()) {
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.$id).toBe(file);
    }
  });
});

describe('schema examples', () => {
  it('every example validates against its own field schema', async () => {
    const { createAjv } = await import('../../src/config/schema/ajv.js');
    const ajv = createAjv();
    const bad: string[] = [];
    const walk = (s: unknown, file: string, pointer: string): void => {
      if (!s || typeof s !== 'object' || Array.isArray(s)) return;
      const node = s as Record<string, unknown>;
      if (Array.isArray(node.examples) && pointer) {
        const validate = ajv.getSchema(`${file}#${pointer}`);
        for (const ex of node.examples)
          if (!validate?.(ex)) bad.push(`${file}#${pointer}: ${JSON.stringify(ex)}`);
      }
      for (const key of ['properties', '$defs'])
        for (const [k, v] of Object.entries((node[key] as Record<string, unknown>) ?? {}))
          walk(v, file, `${pointer}/${key}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      for (const key of ['items', 'additionalProperties']) walk(node[key], file, `${pointer}/${key}`);
    };
    for (const [file, schema] of schemaFiles()) walk(schema, file, '');
    expect(bad).toEqual([]);
  });
});

describe('the compiled validator', () => {
  it('depends only on what validates: annotations are left out, property names kept', async () => {
    const { validationOnly } = await import('../../src/config/schema/ajv.js');
    const schema = {
      $id: 'x.schema.json',
      description: 'text',
      type: 'object',
      properties: {
        description: { description: 'a field named description', type: 'string', examples: ['a'] },
        n: { type: 'integer', default: 1, title: 'N' },
      },
      additionalProperties: { $comment: 'c', type: 'string' },
      anyOf: [{ required: ['n'], description: 'd' }],
    };
    expect(validationOnly(schema)).toEqual({
      $id: 'x.schema.json',
      type: 'object',
      properties: { description: { type: 'string' }, n: { type: 'integer' } },
      additionalProperties: { type: 'string' },
      anyOf: [{ required: ['n'] }],
    });
  });
});
