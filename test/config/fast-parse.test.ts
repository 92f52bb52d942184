import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { parseYamlStreamFast } from '../../src/config/fast-parse.js';
import { parseYamlStream, parseYamlStreamWithYaml } from '../../src/config/source.js';
import type { Path, SourceDocument } from '../../src/config/source.js';
import { REPO_ROOT } from '../helpers/shared.js';
import { YAML_CASES, YAML_STREAMS } from './yaml-cases.js';

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
    fc.assert(
      fc.property(YAML_STREAMS, (text) => expectSame(text)),
      { numRuns: 300 },
    );
  });
});
