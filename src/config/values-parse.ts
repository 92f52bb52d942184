/**
 * The values-only path of YAML loading, for big documents (100,000 routes): js-yaml 4 builds
 * plain values straight from the text, without the event per node that positions need (1.1
 * million events for 10,000 interfaces and 100,000 routes: a third of the time and most of the
 * garbage). Positions are asked for only by messages and by plans that change something; the
 * first such question parses the text again through the positions path (fast-parse.ts), once.
 *
 * Values are those of the positions path by construction: plain scalars resolve through the same
 * function (resolvePlain, YAML 1.2 core), everything else is a string, a list or a map. Texts in
 * which the two could differ never come here (the screen below); neither do streams with an
 * empty document (whose handling differs) nor any text js-yaml 4 refuses (syntax errors,
 * duplicate keys, empty keys): the positions path words those.
 */
import { createRequire } from 'node:module';
import type { ConfigError } from './errors.js';
import { resolvePlain } from './fast-parse.js';
import { DeferredPositionsDocument, type ConfigInput, type SourceDocument } from './source.js';

type Parsed = { documents: SourceDocument[]; errors: ConfigError[] };

/** Below this many characters the positions path costs a few milliseconds: it keeps them. */
export const VALUES_PATH_MIN_CHARS = 256 * 1024;

/**
 * What the values path could read differently from the positions path, screened for before it
 * is taken: tabs, carriage returns, merge keys, `__proto__`, complex keys (`? `), `~` (a null
 * key), directives; anchors, aliases and tags (`&a`, `*a`, `!t`); block scalars (`|`, `>` ending
 * a line); a flow sequence as a key, a null key, an empty key in a flow mapping. A match inside a
 * string or a comment only sends the text down the positions path. The screen is a handful of
 * substring and single-character-led searches: milliseconds on 10 MB.
 */
const MARKS = ['\t', '\r', '<<', '__proto__', '? ', '?\n', '~', '\n%'];
const NODE_PROPERTY = /[&*!][^\s]/;
const BLOCK_SCALAR = /(?:^|[ ])[|>][-+0-9]*[ ]*(?:#.*)?$/m;
const ODD_KEY = /\] *:(?: |$)|(?:^|[ \-{,])(?:null|Null|NULL) *:(?: |$)|[{,] *:(?: |$)/m;

function unusual(text: string): boolean {
  return (
    text.startsWith('%') ||
    text.startsWith('?') ||
    MARKS.some((m) => text.includes(m)) ||
    NODE_PROPERTY.test(text) ||
    BLOCK_SCALAR.test(text) ||
    ODD_KEY.test(text)
  );
}

interface JsYaml4 {
  loadAll(text: string, iterator: null, opts: { schema: unknown; filename?: string }): unknown[];
  FAILSAFE_SCHEMA: { extend(types: { implicit: unknown[] }): unknown };
  Type: new (
    tag: string,
    opts: { kind: 'scalar'; resolve(s: string): boolean; construct(s: string): unknown },
  ) => unknown;
}

let loader: { y: JsYaml4; schema: unknown } | undefined;

/** js-yaml 4 (CommonJS, loaded synchronously the first time a big document comes) and our schema. */
function coreSchema(): { y: JsYaml4; schema: unknown } {
  if (loader !== undefined) return loader;
  const y = createRequire(import.meta.url)('js-yaml-4') as JsYaml4;
  // Plain scalars as the positions path reads them; the rest stays a string (failsafe). js-yaml
  // asks resolve, then construct, for the same text: the value resolve found is kept for it.
  let text = '';
  let value: unknown;
  const core = new y.Type('tag:vppstate,2026:core', {
    kind: 'scalar',
    resolve: (s) => {
      text = s;
      value = resolvePlain(s);
      return typeof value !== 'string';
    },
    construct: (s) => (s === text ? value : resolvePlain(s)),
  });
  loader = { y, schema: y.FAILSAFE_SCHEMA.extend({ implicit: [core] }) };
  return loader;
}

/**
 * The documents of a big, ordinary YAML stream with positions deferred; undefined when the
 * positions path must read it (small, unusual, refused by js-yaml 4, or with an empty document).
 */
export function parseYamlValues(
  input: ConfigInput,
  withPositions: (input: ConfigInput) => Parsed,
  minChars = VALUES_PATH_MIN_CHARS,
): Parsed | undefined {
  if (input.text.length < minChars || unusual(input.text)) return undefined;
  let values: unknown[];
  try {
    const { y, schema: s } = coreSchema();
    values = y.loadAll(input.text, null, { schema: s, filename: input.file });
  } catch {
    return undefined;
  }
  if (values.length === 0 || values.some((v) => v === null || v === undefined)) return undefined;
  let positioned: SourceDocument[] | undefined;
  const positionsOf = (i: number): SourceDocument | undefined => {
    positioned ??= withPositions(input).documents;
    return positioned[i];
  };
  return {
    documents: values.map(
      (data, i) => new DeferredPositionsDocument(input.file, i, data, () => positionsOf(i)),
    ),
    errors: [],
  };
}
