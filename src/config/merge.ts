/**
 * Merging documents: sections from every document and file come together; an object (map key,
 * route identity, singleton section) defined twice is an error naming both places.
 */
import type { SourcePosition } from '../model/types.js';
import { ConfigError } from './errors.js';
import { API_VERSION, KIND } from './schema/resource.js';
import { formatPath } from './source.js';
import type { Path, SourceDocument } from './source.js';

/** A value and where it came from (its path inside its document). */
export interface Entry {
  value: unknown;
  doc: SourceDocument;
  readonly path: Path;
}

/** An item of a document's `routes`: its path is made when first asked (100,000s, rarely asked). */
class ListEntry implements Entry {
  #path: Path | undefined;
  constructor(
    readonly value: unknown,
    readonly doc: SourceDocument,
    private readonly base: Path,
    private readonly index: number,
  ) {}
  get path(): Path {
    return (this.#path ??= [...this.base, 'routes', this.index]);
  }
}

/** Sections keyed by name or id (YAML names). */
export const MAP_SECTIONS = ['interfaces', 'vrfs', 'bridge-domains', 'l2-xconnects', 'acls'] as const;
export type MapSection = (typeof MAP_SECTIONS)[number];
/** Sections that appear at most once over all documents. */
export const SINGLETON_SECTIONS = ['nat44', 'linux-cp', 'settings'] as const;
export type SingletonSection = (typeof SINGLETON_SECTIONS)[number];

export interface Merged {
  maps: Record<MapSection, Map<string, Entry>>;
  routes: Entry[];
  singletons: Partial<Record<SingletonSection, Entry>>;
}

export function entryPosition(e: Entry, sub: Path = [], opts: { key?: boolean } = {}): SourcePosition {
  return e.doc.position([...e.path, ...sub], opts);
}

export function where(p: SourcePosition): string {
  return `${p.file}:${p.line}:${p.col}`;
}

/** The sections of a document: its `spec` when wrapped, else the document itself. */
export function documentContent(doc: SourceDocument): { content: Record<string, unknown>; base: Path } {
  const data = (doc.data ?? {}) as Record<string, unknown>;
  const wrapped = data.apiVersion === API_VERSION && data.kind === KIND && 'spec' in data;
  return wrapped
    ? { content: (data.spec ?? {}) as Record<string, unknown>, base: ['spec'] }
    : { content: data, base: [] };
}

export function mergeDocuments(docs: readonly SourceDocument[]): { merged: Merged; errors: ConfigError[] } {
  const merged: Merged = {
    maps: {
      interfaces: new Map(),
      vrfs: new Map(),
      'bridge-domains': new Map(),
      'l2-xconnects': new Map(),
      acls: new Map(),
    },
    routes: [],
    singletons: {},
  };
  const errors: ConfigError[] = [];
  const duplicate = (doc: SourceDocument, path: Path, what: string, first: Entry) => {
    const p = doc.position(path, { key: true });
    errors.push(
      new ConfigError(
        'CONFIG_DUPLICATE',
        { ...p, path: formatPath(path) },
        `${what} is already defined at ${where(entryPosition(first, [], { key: true }))}`,
      ),
    );
  };
  for (const doc of docs) {
    const { content, base } = documentContent(doc);
    for (const section of MAP_SECTIONS) {
      const m = content[section];
      if (!m || typeof m !== 'object') continue;
      for (const [key, value] of Object.entries(m as Record<string, unknown>)) {
        const path = [...base, section, key];
        const first = merged.maps[section].get(key);
        if (first) duplicate(doc, path, `${section}: ${key}`, first);
        else merged.maps[section].set(key, { value, doc, path });
      }
    }
    if (Array.isArray(content.routes))
      content.routes.forEach((value, i) => merged.routes.push(new ListEntry(value, doc, base, i)));
    for (const section of SINGLETON_SECTIONS) {
      if (content[section] === undefined || content[section] === null) continue;
      const path = [...base, section];
      const first = merged.singletons[section];
      if (first) duplicate(doc, path, `section ${section}`, first);
      else merged.singletons[section] = { value: content[section], doc, path };
    }
  }
  return { merged, errors };
}
