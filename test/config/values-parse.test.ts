import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfigFromInputs } from '../../src/config/load.js';
import { parseYamlStreamFast } from '../../src/config/fast-parse.js';
import { parseYamlStream, parseYamlStreamWithYaml } from '../../src/config/source.js';
import type { ConfigInput, Path, SourceDocument } from '../../src/config/source.js';
import { parseYamlValues, VALUES_PATH_MIN_CHARS } from '../../src/config/values-parse.js';
import { generateConfig } from '../../bench/lib/generate.js';
import { REPO_ROOT } from '../helpers/shared.js';
import { YAML_CASES, YAML_STREAMS } from './yaml-cases.js';

// The values-only path (js-yaml 4, positions deferred) must give what the `yaml` path gives on
// every text it takes — values, and every position once asked — and hand over the others.

const withPositions = (input: ConfigInput) => parseYamlStreamFast(input) ?? parseYamlStreamWithYaml(input);
/** The values path, whatever the size. */
const values = (text: string) => parseYamlValues({ file: 'f.yaml', text }, withPositions, 0);

function paths(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function summary(docs: SourceDocument[]) {
  return docs.map((d) => ({
    data: d.data,
    positions: paths(d.data).flatMap((p) =>
      [p, [...p, 'missing'], [...p, 7]].map((q) => [q, d.position(q), d.position(q, { key: true })]),
    ),
  }));
}

/** Whether the values path took the text; when it did, it agrees with the `yaml` path. */
function takenAndSame(text: string): boolean {
  const got = values(text);
  if (got === undefined) return false;
  const reference = parseYamlStreamWithYaml({ file: 'f.yaml', text });
  expect(reference.errors).toEqual([]);
  expect(got.errors).toEqual([]);
  expect(summary(got.documents)).toEqual(summary(reference.documents));
  return true;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? yamlFiles(p) : /\.ya?ml$/.test(f) ? [p] : [];
  });
}

describe('the values-only YAML path', () => {
  it('agrees with the yaml path on every example and fixture it takes, and takes most', () => {
    const files = [
      ...yamlFiles(join(REPO_ROOT, 'examples')),
      ...yamlFiles(join(REPO_ROOT, 'test/fixtures/config')),
      ...yamlFiles(join(REPO_ROOT, 'test/transitions/configurations')),
    ];
    const taken = files.filter((f) => takenAndSame(readFileSync(f, 'utf8')));
    expect(taken.length).toBeGreaterThan(files.length / 2);
  });

  it.each(YAML_CASES)('%s: the same as the yaml path, or handed over', (_name, text) => {
    takenAndSame(text);
  });

  it.each([
    ['anchors', 'a: &x 1\nb: 2\n'],
    ['aliases', 'b: *x\n'],
    ['tags', 'a: !!str 5\n'],
    ['block scalars', 'a: |\n  x\n'],
    ['folded scalars', 'a: >\n  x\n'],
    ['merge keys', 'a:\n  <<: {b: 1}\n'],
    ['tabs', 'a: "x\ty"\n'],
    ['carriage returns', 'a: 1\r\n'],
    ['complex keys', '? a\n: b\n'],
    ['empty keys in flow mappings', 'a: {b: 1, : 2}\n'],
    ['null keys in flow mappings', 'a: {null: 2}\n'],
    ['null keys', 'null: 1\n'],
    ['~ keys', '~: 1\n'],
    ['flow sequences as keys', '[a, b]: 1\n'],
    ['directives', '%YAML 1.2\n---\na: 1\n'],
    ['__proto__', '__proto__: 1\n'],
    ['an empty document', 'a: 1\n---\n# nothing\n'],
    ['a null document', '---\n'],
    ['duplicate keys', 'a: 1\na: 2\n'],
    ['empty keys', 'a:\n  : 1\n'],
    ['syntax errors', 'a: b: c\n'],
  ])('hands over %s', (_name, text) => {
    expect(values(text)).toBeUndefined();
  });

  it('takes ordinary documents: block maps and lists, flow lists, quoted and plain scalars', () => {
    expect(
      takenAndSame(
        'interfaces:\n  loop0:\n    mtu: 9000\n    addresses: [10.0.0.1/24, "2001:db8::1/64"]\n    description: \'a b\'\n---\nroutes:\n  - prefix: 0.0.0.0/0\n    via: 10.0.0.254\n',
      ),
    ).toBe(true);
  });

  it('agrees with the yaml path on generated documents whenever it takes them', () => {
    let taken = 0;
    fc.assert(
      fc.property(YAML_STREAMS, (text) => {
        if (takenAndSame(text)) taken++;
      }),
      { numRuns: 300 },
    );
    expect(taken).toBeGreaterThan(50);
  });

  describe('on a big configuration', () => {
    const text = generateConfig(1_000, 10_000);
    const input = { file: 'big.yaml', text };

    it('is taken by default above its threshold, and gives the fast path’s values', () => {
      expect(text.length).toBeGreaterThan(VALUES_PATH_MIN_CHARS);
      const got = parseYamlStream(input);
      const fast = parseYamlStreamFast(input);
      expect(fast).toBeDefined();
      expect(got.documents.map((d) => d.data)).toEqual(fast?.documents.map((d) => d.data));
      // taken: no position has been worked out yet, and the first question works them all out
      expect(values(text)).toBeDefined();
    });

    it('puts an error where the YAML has it, as the fast path does', () => {
      const broken = text.replace('    interface: loop7\n', '    interface: loop70000\n');
      const line = broken.slice(0, broken.indexOf('loop70000')).split('\n').length;
      const loaded = loadConfigFromInputs([{ file: 'big.yaml', text: broken }]);
      expect(loaded.errors.map((e) => e.message)).toEqual([
        `big.yaml:${line}:16: routes[7].interface: unknown interface loop70000: declare it in interfaces`,
      ]);
      const route = Object.keys(loadConfigFromInputs([input]).state.routes)[1234];
      const at = loadConfigFromInputs([input]).positions.at('routes', route);
      const line1234 = text.slice(0, text.indexOf(`  - prefix: ${route.split(':')[1]}`)).split('\n').length;
      expect(at).toEqual({ file: 'big.yaml', line: line1234, col: 5 });
    });
  });
});
