/**
 * Reading configuration sources: files, directories, stdin; YAML streams with a source position
 * for every node. Syntax errors and duplicate keys are errors here, never last-one-wins.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as YamlLibrary from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { SourcePosition } from '../model/types.js';
import { ConfigError } from './errors.js';
import { parseYamlStreamFast } from './fast-parse.js';
import { parseYamlValues } from './values-parse.js';
import type { LinePositions } from './lines.js';

/** A path into a document: map keys and sequence indexes. */
export type Path = ReadonlyArray<string | number>;

/** One input text and the name shown in messages. */
export interface ConfigInput {
  file: string;
  text: string;
}

/** The name stdin gets in messages. */
export const STDIN_NAME = '<stdin>';

/** Text offsets of a document's nodes, by path (undefined: no such node). */
export interface PositionLookup {
  value(path: Path): number | undefined;
  key(path: Path): number | undefined;
}

/** Offsets recorded while walking a document, keyed by the path's segments joined with NUL. */
export class RecordedPositions implements PositionLookup {
  constructor(
    private readonly valuePos = new Map<string, number>(),
    private readonly keyPos = new Map<string, number>(),
  ) {}
  record(path: Path, offset: number, isKey: boolean): void {
    (isKey ? this.keyPos : this.valuePos).set(pathKey(path), offset);
  }
  value(path: Path): number | undefined {
    return this.valuePos.get(pathKey(path));
  }
  key(path: Path): number | undefined {
    return this.keyPos.get(pathKey(path));
  }
}

/** One YAML document with positions for its nodes. */
export class SourceDocument {
  // Offsets, turned into line/column only when asked: big documents have a node per line.
  constructor(
    readonly file: string,
    /** 0-based index of the document within its file. */
    readonly index: number,
    /** The whole document as plain data (maps with string keys). */
    readonly data: unknown,
    private readonly lineCounter?: LinePositions,
    private readonly offsets: PositionLookup = new RecordedPositions(),
  ) {}

  /** @internal */
  record(path: Path, offset: number, isKey: boolean): void {
    if (this.offsets instanceof RecordedPositions) this.offsets.record(path, offset, isKey);
  }

  private at(offset: number): SourcePosition {
    const { line, col } = this.lineCounter ? this.lineCounter.linePos(offset) : { line: 1, col: 1 };
    return { file: this.file, line, col };
  }

  /**
   * Where a node is: its value (or, with `key`, its key in the parent map). Falls back to the
   * nearest ancestor that has a position, so a missing field points at its parent.
   */
  position(path: Path, opts: { key?: boolean } = {}): SourcePosition {
    if (opts.key) {
      const k = this.offsets.key(path);
      if (k !== undefined) return this.at(k);
    }
    for (let n = path.length; n >= 0; n--) {
      const p = this.offsets.value(n === path.length ? path : path.slice(0, n));
      if (p !== undefined) return this.at(p);
    }
    return { file: this.file, line: 1, col: 1 };
  }
}

/** A document whose positions another document knows, made only when first asked (by `positioned`). */
export class DeferredPositionsDocument extends SourceDocument {
  constructor(
    file: string,
    index: number,
    data: unknown,
    private readonly positioned: () => SourceDocument | undefined,
  ) {
    super(file, index, data);
  }

  override position(path: Path, opts: { key?: boolean } = {}): SourcePosition {
    return this.positioned()?.position(path, opts) ?? { file: this.file, line: 1, col: 1 };
  }
}

function pathKey(path: Path): string {
  return path.join('\u0000');
}

/** Human path: `interfaces.loop0.mtu`, `routes[2].via`, `interfaces["Gi0/8/0.100"].mtu`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z0-9_/+-]+$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/**
 * Parses a YAML stream into documents; comment-only documents are skipped. Big ordinary streams
 * take the values-only path (values-parse.ts: positions deferred until asked); the fast path
 * (js-yaml events) handles ordinary documents with positions; anything it does not reproduce
 * exactly (syntax errors, explicit tags, complex keys, odd anchors) goes through `yaml`.
 */
export function parseYamlStream(input: ConfigInput): { documents: SourceDocument[]; errors: ConfigError[] } {
  return parseYamlValues(input, withPositions) ?? withPositions(input);
}

/** The positions paths: the fast one, or `yaml` for what it does not reproduce exactly. */
function withPositions(input: ConfigInput): { documents: SourceDocument[]; errors: ConfigError[] } {
  return parseYamlStreamFast(input) ?? parseYamlStreamWithYaml(input);
}

let yamlLibrary: typeof YamlLibrary | undefined;

/** The `yaml` library, loaded (synchronously: it is CommonJS) the first time a document needs it. */
function yaml(): typeof YamlLibrary {
  return (yamlLibrary ??= createRequire(import.meta.url)('yaml') as typeof YamlLibrary);
}

/** The reference path: `yaml`'s document tree, its messages for syntax errors. */
export function parseYamlStreamWithYaml(input: ConfigInput): {
  documents: SourceDocument[];
  errors: ConfigError[];
} {
  const { LineCounter, parseAllDocuments } = yaml();
  const lineCounter = new LineCounter();
  const errors: ConfigError[] = [];
  const documents: SourceDocument[] = [];
  const posAt = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: input.file, line, col };
  };
  const parsed = parseAllDocuments(input.text, {
    lineCounter,
    uniqueKeys: false, // checked below, with the position of the first definition in the message
    merge: true,
    prettyErrors: false,
  });
  const docs = Array.isArray(parsed) ? parsed : [];
  docs.forEach((doc, index) => {
    const before = errors.length;
    for (const e of doc.errors) {
      const p = posAt(e.pos[0]);
      errors.push(new ConfigError('CONFIG_SYNTAX', { ...p, path: '' }, yamlMessage(e.message)));
    }
    if (errors.length > before || doc.contents === null) return;
    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: 10_000 });
    } catch (e) {
      errors.push(
        new ConfigError('CONFIG_SYNTAX', { ...posAt(0), path: '' }, (e as Error).message.split('\n')[0]),
      );
      return;
    }
    const sd = new SourceDocument(input.file, index, data, lineCounter);
    walk(doc, doc.contents, [], sd, posAt, errors);
    documents.push(sd);
  });
  return { documents, errors };
}

function yamlMessage(message: string): string {
  // The yaml library appends " at line L, column C:" and a code excerpt; the position is ours.
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function keyText(node: unknown): string {
  if (yaml().isScalar(node)) return node.value === null ? '' : String(node.value);
  return String(node);
}

function walk(
  doc: Document,
  node: unknown,
  path: (string | number)[],
  sd: SourceDocument,
  posAt: (offset: number) => SourcePosition,
  errors: ConfigError[],
): void {
  const { isAlias, isMap, isSeq } = yaml();
  let n = node as YamlNode | null;
  if (n && isAlias(n)) n = (n.resolve(doc) as YamlNode | undefined) ?? null;
  if (!n) return;
  if (n.range) sd.record(path, n.range[0], false);
  if (isMap(n)) {
    const seen = new Map<string, number>();
    // Merge keys (<<) first, so the map's own keys take over their positions.
    const pairs = [...n.items].sort(
      (a, b) => Number(keyText(b.key) === '<<') - Number(keyText(a.key) === '<<'),
    );
    for (const pair of pairs) {
      const key = keyText(pair.key);
      const keyNode = pair.key as YamlNode | null;
      const koff = keyNode?.range ? keyNode.range[0] : (n.range?.[0] ?? 0);
      if (key === '<<') {
        const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
        for (const s of sources) walk(doc, s, path, sd, posAt, errors);
        continue;
      }
      const first = seen.get(key);
      if (first !== undefined) {
        errors.push(
          new ConfigError(
            'CONFIG_DUPLICATE',
            { ...posAt(koff), path: formatPath([...path, key]) },
            `duplicate key ${JSON.stringify(key)} (first defined at line ${posAt(first).line})`,
          ),
        );
        continue;
      }
      seen.set(key, koff);
      sd.record([...path, key], koff, true);
      const value = pair.value as YamlNode | null;
      if (value && value.range) walk(doc, value, [...path, key], sd, posAt, errors);
      else sd.record([...path, key], koff, false); // `key:` with no value points at the key
    }
  } else if (isSeq(n)) {
    n.items.forEach((item, i) => walk(doc, item, [...path, i], sd, posAt, errors));
  }
}

/**
 * Reads files, directories (every *.yaml / *.yml below, sorted, hidden entries skipped) and `-`
 * (stdin). Unreadable paths are errors, not exceptions.
 */
export async function readInputs(
  paths: readonly string[],
  readStdin: () => Promise<string> = readProcessStdin,
): Promise<{ inputs: ConfigInput[]; errors: ConfigError[] }> {
  const inputs: ConfigInput[] = [];
  const errors: ConfigError[] = [];
  for (const p of paths) {
    if (p === '-') {
      inputs.push({ file: STDIN_NAME, text: await readStdin() });
      continue;
    }
    try {
      const st = await stat(p);
      const files = st.isDirectory() ? await yamlFilesUnder(p) : [p];
      if (st.isDirectory() && files.length === 0)
        errors.push(ioError(p, 'directory contains no .yaml or .yml file'));
      for (const f of files) inputs.push({ file: f, text: await readFile(f, 'utf8') });
    } catch (e) {
      errors.push(ioError(p, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`));
    }
  }
  return { inputs, errors };
}

function ioError(file: string, detail: string): ConfigError {
  return new ConfigError('CONFIG_IO', { file, line: 0, col: 0, path: '' }, detail);
}

async function yamlFilesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await yamlFilesUnder(full)));
    else if (/\.ya?ml$/.test(e.name)) out.push(full);
  }
  return out;
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
