import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseConfig } from '../../src/config/index.js';
import { parseYamlStreamFast } from '../../src/config/fast-parse.js';
import { parseYamlStream, parseYamlStreamWithYaml } from '../../src/config/source.js';
import type { Path, SourceDocument } from '../../src/config/source.js';
import { REPO_ROOT } from '../helpers/shared.js';
import { YAML_CASES } from './yaml-cases.js';

// The fast path (js-yaml events) must give exactly what the `yaml` path gives: the same values,
// the same errors, the same position for every node and key a message or a plan can point at.

function paths(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function summary(docs: SourceDocument[]) {
  return docs.map((d) => ({
    index: d.index,
    data: d.data,
    positions: paths(d.data).flatMap((p) =>
      // Also paths that do not exist: they fall back to the nearest ancestor.
      [p, [...p, 'missing'], [...p, 7], [...p, '0']].map((q) => [
        q,
        d.position(q),
        d.position(q, { key: true }),
      ]),
    ),
  }));
}

function expectSame(text: string, opts: { fast?: boolean } = {}): void {
  const input = { file: 'f.yaml', text };
  const reference = parseYamlStreamWithYaml(input);
  const got = parseYamlStream(input);
  expect(got.errors.map((e) => e.message)).toEqual(reference.errors.map((e) => e.message));
  expect(summary(got.documents)).toEqual(summary(reference.documents));
  if (opts.fast) expect(parseYamlStreamFast(input), 'takes the fast path').toBeDefined();
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(f) ? [p] : [];
  });
}

describe('fast YAML path', () => {
  it('matches the yaml path on every example and fixture, and takes the fast path on them', () => {
    const files = [
      ...yamlFiles(join(REPO_ROOT, 'examples')),
      ...yamlFiles(join(REPO_ROOT, 'test/fixtures/config')),
    ];
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expectSame(text, { fast: !f.endsWith('syntax.yaml') });
    }
  });

  it.each(YAML_CASES)('%s', (name, text) => expectSame(text, { fast: !name.includes('(yaml path)') }));

  it('keeps `on`, `yes` and `no` as strings (YAML 1.2 core schema)', () => {
    const [doc] = parseYamlStream({ file: 'f', text: 'a: on\nb: yes\nc: No\nd: true\n' }).documents;
    expect(doc.data).toEqual({ a: 'on', b: 'yes', c: 'No', d: true });
  });

  it('shares an anchored value between its aliases instead of copying it', () => {
    const items = Array.from({ length: 2000 }, (_, i) => `k${i}`).join(', ');
    const text = `a: &x [${items}]\nb: [${'*x, '.repeat(5000)}]\n`;
    const [doc] = parseYamlStream({ file: 'f', text }).documents;
    const data = doc.data as { a: string[]; b: string[][] };
    expect(data.b).toHaveLength(5000);
    expect(data.b[4999]).toBe(data.a);
    // Positions below an alias are the anchored node's.
    const col = text.indexOf('k1999') + 1;
    expect(doc.position(['b', 4999, 1999])).toEqual({ file: 'f', line: 1, col });
  });

  it('reports an alias inside its own node instead of overflowing the stack', () => {
    const loaded = parseConfig('interfaces:\n  loop0: &x\n    addresses: [*x]\n', 'r.yaml');
    expect(loaded.errors.map((e) => e.message)).toEqual([
      'r.yaml:3:17: an alias cannot refer to a node that contains it',
    ]);
  });

  it('matches the yaml path on generated documents in every style', () => {
    const scalar = fc.oneof(
      fc.constantFrom(
        'on',
        'yes',
        '1e3',
        '0x1F',
        '~',
        'null',
        '',
        ' a',
        'a: b',
        '#x',
        "it's",
        '- x',
        '12',
        'é',
      ),
      fc.constantFrom('two\nlines\n', 'a\n\n b', 'end\n\n', ' lead\nx'),
      fc.string({ maxLength: 6 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    );
    const key = fc.constantFrom('a', 'b', 'mtu', 'loop0', '10', 'x y', 'on', "q'", '"k"');
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
      list: fc.array(tie('node'), { maxLength: 4 }),
      map: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
    })).node;
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 3 }),
        fc.record({
          flowLevel: fc.integer({ min: -1, max: 3 }),
          indent: fc.integer({ min: 1, max: 4 }),
          defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_SINGLE', 'QUOTE_DOUBLE') as fc.Arbitrary<
            'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE'
          >,
          indentSeq: fc.boolean(),
        }),
        (docs, opts) => {
          const text = docs.map((d) => stringify(d, { ...opts, lineWidth: 0 })).join('---\n');
          expectSame(text);
        },
      ),
      { numRuns: 300 },
    );
  });
});
