/** The loading pipeline: read → parse (positions) → schema → merge → meaning → model. */
import { normalizeState, emptyState } from '../model/defaults.js';
import type { KeyedSection, SourcePosition, State } from '../model/types.js';
import {
  buildAcls,
  buildBridgeDomains,
  buildRoutes,
  buildSingletons,
  buildVrfs,
  buildXconnects,
} from './build/sections.js';
import { BuildContext } from './build/context.js';
import { buildInterfaces } from './build/interfaces.js';
import { crossCheck } from './build/checks.js';
import { ConfigValidationError, sortConfigErrors } from './errors.js';
import type { ConfigError } from './errors.js';
import { documentContent, entryPosition, mergeDocuments } from './merge.js';
import type { Entry } from './merge.js';
import { validateDocumentSchema } from './schema-validate.js';
import { parseYamlStream, readInputs } from './source.js';
import type { ConfigInput, SourceDocument } from './source.js';

/** Where each object of the loaded state was declared (for plan/apply messages). */
export class ConfigPositions {
  constructor(private readonly ctx: BuildContext) {}
  private entry(section: KeyedSection | 'nat44', key?: string): Entry | undefined {
    if (section === 'nat44') return key === undefined ? this.ctx.nat44Origin : undefined;
    return key === undefined ? undefined : this.ctx.origin(section, key);
  }
  /** Position of an object's key, e.g. `of('interfaces', 'loop0')`, `of('routes', '0:0.0.0.0/0')`, `of('nat44')`. */
  of(section: KeyedSection | 'nat44', key?: string): SourcePosition | undefined {
    const e = this.entry(section, key);
    return e && entryPosition(e, [], { key: true });
  }
  /**
   * Position of an object, or of a field below it (YAML names), in any section by its model name:
   * `at('interfaces', 'loop0', ['acls'])`, `at('nat44')` (singleton sections have no key).
   */
  at(section: string, key?: string, field: ReadonlyArray<string | number> = []): SourcePosition | undefined {
    const e =
      key === undefined
        ? this.ctx.singletonOrigins.get(section)
        : this.ctx.origin(section as KeyedSection, key);
    if (!e) return undefined;
    return entryPosition(e, field, { key: true });
  }
  /** Position of a field below an object, in YAML names: `field('interfaces', 'loop0', ['mtu'])`. */
  field(
    section: KeyedSection | 'nat44',
    key: string | undefined,
    path: ReadonlyArray<string | number>,
  ): SourcePosition | undefined {
    const e = this.entry(section, key);
    return e && entryPosition(e, path);
  }
}

export interface LoadedConfig {
  /** The desired state; empty when there are errors. */
  state: State;
  /** Every error, sorted by file (in load order), line and column. */
  errors: ConfigError[];
  valid: boolean;
  /** Files read, in order (`<stdin>` for `-`). */
  files: string[];
  /** Number of non-empty YAML documents. */
  documents: number;
  positions: ConfigPositions;
}

/** Reads and validates files, directories and `-` (stdin). Never throws for bad input. */
export async function loadConfig(
  paths: readonly string[],
  opts: { readStdin?: () => Promise<string> } = {},
): Promise<LoadedConfig> {
  const { inputs, errors } = await readInputs(paths, opts.readStdin);
  const loaded = loadConfigFromInputs(inputs);
  const all = sortConfigErrors([...errors, ...loaded.errors], [...paths, ...loaded.files]);
  return { ...loaded, errors: all, valid: all.length === 0, state: all.length ? emptyState() : loaded.state };
}

/** Like `loadConfig`, but throws a `ConfigValidationError` listing every error. */
export async function loadConfigOrThrow(
  paths: readonly string[],
): Promise<{ state: State; positions: ConfigPositions }> {
  const loaded = await loadConfig(paths);
  if (!loaded.valid) throw new ConfigValidationError(loaded.errors);
  return loaded;
}

/** Validates YAML text (one file's worth, possibly several documents). */
export function parseConfig(text: string, file = '<string>'): LoadedConfig {
  return loadConfigFromInputs([{ file, text }]);
}

/** Milliseconds spent in each phase of a load (for `npm run bench:config`). */
export interface LoadTimings {
  parse: number;
  schema: number;
  semantic: number;
}

export function loadConfigFromInputs(inputs: readonly ConfigInput[], timings?: LoadTimings): LoadedConfig {
  const errors: ConfigError[] = [];
  const docs: SourceDocument[] = [];
  let t = performance.now();
  const lap = (phase: keyof LoadTimings) => {
    const now = performance.now();
    if (timings) timings[phase] += now - t;
    t = now;
  };
  for (const input of inputs) {
    const parsed = parseYamlStream(input);
    errors.push(...parsed.errors);
    docs.push(...parsed.documents);
  }
  lap('parse');
  let schemaOk = errors.length === 0;
  const wellFormed: SourceDocument[] = [];
  for (const doc of docs) {
    dropEmptySections(doc);
    const e = validateDocumentSchema(doc);
    if (e.length) {
      errors.push(...e);
      schemaOk = false;
    } else wellFormed.push(doc);
  }
  lap('schema');
  const { merged, errors: dupErrors } = mergeDocuments(wellFormed);
  errors.push(...dupErrors);
  const ctx = new BuildContext();
  // Meaning is checked once every document is well-formed: checks assume the schema's shapes.
  if (schemaOk) {
    buildSingletons(ctx, merged);
    buildVrfs(ctx, merged.maps.vrfs);
    buildInterfaces(ctx, merged.maps.interfaces);
    buildRoutes(ctx, merged.routes);
    buildBridgeDomains(ctx, merged.maps['bridge-domains']);
    buildXconnects(ctx, merged.maps['l2-xconnects']);
    buildAcls(ctx, merged.maps.acls);
    crossCheck(ctx);
    errors.push(...ctx.errors);
  }
  const files = inputs.map((i) => i.file);
  const sorted = sortConfigErrors(errors, files);
  const state = sorted.length ? emptyState() : normalizeState(ctx.state);
  lap('semantic');
  return {
    state,
    errors: sorted,
    valid: sorted.length === 0,
    files,
    documents: docs.length,
    positions: new ConfigPositions(ctx),
  };
}

/** `interfaces:` with everything commented out is an empty section, not an error. */
function dropEmptySections(doc: SourceDocument): void {
  const { content } = documentContent(doc);
  if (!content || typeof content !== 'object' || Array.isArray(content)) return;
  for (const [k, v] of Object.entries(content)) if (v === null) delete content[k];
}
