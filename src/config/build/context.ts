/** State shared by the section builders: the state being built, its errors, where things came from. */
import { emptyState } from '../../model/defaults.js';
import type { KeyedSection, SourcePosition, State } from '../../model/types.js';
import { ConfigError } from '../errors.js';
import { entryPosition, where } from '../merge.js';
import type { Entry } from '../merge.js';
import { formatPath } from '../source.js';
import type { Path } from '../source.js';

/** A plain YAML mapping (validated by the schema before the builders see it). */
export type Raw = Record<string, unknown>;

export class BuildContext {
  readonly state: State = emptyState();
  readonly errors: ConfigError[] = [];
  /** Per section, key → the entry the object came from (a map per section: 100,000s of routes). */
  private readonly origins = new Map<KeyedSection, Map<string, Entry>>();
  /** The nat44 section's entry. */
  nat44Origin: Entry | undefined;
  /** Singleton sections' entries, by model section name (`nat44`, `linuxCp`, `settings`). */
  readonly singletonOrigins = new Map<string, Entry>();

  /** Route keys whose entry had an error while being built (checked again from the YAML). */
  readonly routesWithErrors = new Set<string>();
  /** How many errors were raised, repeats included (to tell whether a step raised one). */
  raised = 0;

  error(entry: Entry, sub: Path, message: string, opts: { key?: boolean } = {}): void {
    this.raised++;
    const pos = entryPosition(entry, sub, opts);
    const err = new ConfigError(
      'CONFIG_SEMANTIC',
      { ...pos, path: formatPath([...entry.path, ...sub]) },
      message,
    );
    // One fact can fail two checks the same way (e.g. `vrf: 10` for both families): say it once.
    if (!this.seen.has(err.message)) this.errors.push(err);
    this.seen.add(err.message);
  }
  private readonly seen = new Set<string>();

  duplicate(entry: Entry, sub: Path, message: string): void {
    this.raised++;
    const pos = entryPosition(entry, sub, { key: true });
    this.errors.push(
      new ConfigError('CONFIG_DUPLICATE', { ...pos, path: formatPath([...entry.path, ...sub]) }, message),
    );
  }

  setOrigin(section: KeyedSection, key: string, entry: Entry): void {
    let m = this.origins.get(section);
    if (!m) this.origins.set(section, (m = new Map()));
    m.set(key, entry);
  }

  origin(section: KeyedSection, key: string): Entry | undefined {
    return this.origins.get(section)?.get(key);
  }

  /** `file:line:col` of an object's key, for messages that name a second place. */
  at(section: KeyedSection, key: string): string {
    const e = this.origin(section, key);
    return e ? where(entryPosition(e, [], { key: true })) : '?';
  }

  isAbsent(section: KeyedSection, key: string): boolean {
    return this.state.absent[section].includes(key);
  }
}

export function raw(value: unknown): Raw {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {};
}

/** Position of an entry (for sorting and for the reconciler). */
export function positionOf(entry: Entry): SourcePosition {
  return entryPosition(entry, [], { key: true });
}

/** Parses `N` or `"first-last"` (schema-checked). */
export function parseRange(
  v: unknown,
  dflt: { first: number; last: number },
): { first: number; last: number } {
  if (v === undefined) return { ...dflt };
  if (typeof v === 'number') return { first: v, last: v };
  const [a, b] = String(v).split('-');
  return { first: Number(a), last: Number(b ?? a) };
}

export function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}
