import fc from 'fast-check';
import { stringify } from 'yaml';

/**
 * YAML texts that every loading path must read as the `yaml` library does (values, errors,
 * positions); a name ending in "(yaml path)" is one the fast path hands over to `yaml`.
 */
export const YAML_CASES: Array<[string, string]> = [
  ['empty values', 'a:\nb:   \nc: # note\nd: {e: , f:}\n? g\n:\nh: &x\n"i" :\n'],
  ['core schema scalars', 'x: [yes, no, on, off, y, n, True, TRUE, tRUE, ~, null, NULL, nULL]\n'],
  [
    'numbers',
    'x: [0x1F, 0o17, 017, 09, +1, -0, 1e3, .5, 5., .inf, -.Inf, .NaN, 1_000, 0b11, 12:30, 2001-12-14, 1.0, 0X1F, 1e, 3.14.15, 99999999999999999999]\n',
  ],
  ['non-string keys', '10: a\n0x10: b\n1.0: c\n~: d\ntrue: e\n'],
  ['quoted scalars and keys', "'a': 1\n\"b\": \"two\"\nc: 'it''s'\nd: \"x\\ny\"\n'k k': v\n"],
  ['anchors and aliases', 'a: &x\n  b: 1\n  c: [1, 2]\nd: *x\ne: &x 3\nf: *x\n'],
  ['merge keys', 'base: &b\n  mtu: 1500\no: &o {mtu: 1, x: y}\nl:\n  mtu: 9000\n  <<: [*b, *o]\n'],
  ['duplicate keys', 'm:\n  a: 1\n  b: {c: 2}\n  a: 3\n  b: {d: 4}\na: 1\na: 2\n'],
  ['multi-document streams', '# c\n---\na: 1\n...\n--- \nb: [1, {c: }]\n---\nc: 2\n'],
  ['empty documents after ---', '---\n---   \na: [1]\n...\n--- # x\n---\n# nothing\n'],
  ['an empty document first', '# c\n---\n'],
  ['CRLF and a byte order mark', '\ufeffa: 1\r\nb:\r\n  c: 2\r\n'],
  ['non-ASCII text', 'd: "é🎉"\ne: ü\nf: [é, 🎉, x]\n'],
  ['flow collections', '{a: 1, b: [2, 3, {c: d}]}\n'],
  ['sequences at the top', '- a\n- - b\n  - c\n- {d: e}\n'],
  ['empty documents and empty items (yaml path)', 'a: 1\n---\n- \n-\n'],
  [
    'block scalars',
    'd: |\n  text\n\n  more\ne: >-\n  folded\n  line\n\nf: &a |+\n  kept\n\ng: |2-\n    indented\nh: |\ni: > # note\n  x\n',
  ],
  ['block scalars in lists (yaml path)', '- |\n  text\n- >\n  more\n'],
  ['tags (yaml path)', 'a: !!str 5\nb: !!int "7"\n'],
  ['unknown aliases (yaml path)', 'a: *nope\n'],
  ['a YAML 1.1 directive (yaml path)', '%YAML 1.1\n---\na: on\n'],
  ['syntax (yaml path): mapping in a plain scalar', 'a: b: c\n'],
  ['syntax (yaml path): tab indentation', 'a:\n\tb: 1\n'],
  ['syntax (yaml path): unclosed flow sequence', 'a: [1, 2\nb: 3\n'],
  ['syntax (yaml path): unterminated quote', 'a: "x\n'],
  ['syntax (yaml path): sequence under a map entry', 'a:\n  - b\n  c: d\n'],
  ['syntax (yaml path): over-indented key', 'a: 1\n  b: 2\n'],
  ['syntax (yaml path): list then map', '- a\nb: c\n'],
  ['syntax (yaml path): stray indicator', 'a: 1\n]\n'],
  ['duplicate anchors', 'a: &x 1\nb: &x 2\nc: *x\n'],
  ['aliases of empty collections', 'a: &x []\nb: &y {}\nc: [*x, *y, *x]\n'],
  ['nested aliases (yaml path)', 'a: &a [1]\nb: &b [*a, *a]\nc: [*b]\n'],
  ['an alias of an empty value (yaml path)', 'a: &x\nb: *x\n'],
  ['aliases past the limit (yaml path)', `a: &x 1\nb: [${'*x, '.repeat(10_001)}]\n`],
];

/**
 * YAML streams of one to three documents that `yaml` writes from generated values, in every style
 * it has (flow levels, indents, quoting, sequence indentation): a loading path must read each as
 * `yaml` does.
 */
export const YAML_STREAMS: fc.Arbitrary<string> = (() => {
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
  return fc
    .tuple(
      fc.array(value, { minLength: 1, maxLength: 3 }),
      fc.record({
        flowLevel: fc.integer({ min: -1, max: 3 }),
        indent: fc.integer({ min: 1, max: 4 }),
        defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_SINGLE', 'QUOTE_DOUBLE') as fc.Arbitrary<
          'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE'
        >,
        indentSeq: fc.boolean(),
      }),
    )
    .map(([docs, opts]) => docs.map((d) => stringify(d, { ...opts, lineWidth: 0 })).join('---\n'));
})();
