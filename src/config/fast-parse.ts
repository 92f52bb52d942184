/**
 * The fast path of YAML loading: js-yaml's flat event stream (offsets into the text) turned into
 * plain values in one pass, ~4× faster than building `yaml`'s document tree. Positions are not
 * recorded: a lookup walks the events along the path when a message or a plan asks (indexing
 * each map and list it passes through once), and offsets become line/column through a table of
 * line starts. It reproduces exactly what the `yaml`-based path (source.ts) produces — YAML 1.2
 * core schema values, the same positions, the same duplicate-key errors — for the documents it
 * handles; anything unusual (syntax errors, explicit tags, complex keys, block scalars in lists,
 * empty list items, unknown anchors) returns `undefined`, and the caller takes the `yaml` path,
 * whose messages are the reference.
 */
import { EVENT_ID, parseEvents, SCALAR_STYLE, getScalarValue } from 'js-yaml';
import type { Event, ScalarEvent } from 'js-yaml';
import { ConfigError } from './errors.js';
import { LineIndex } from './lines.js';
import { formatPath, RecordedPositions, SourceDocument } from './source.js';
import type { ConfigInput, Path, PositionLookup } from './source.js';

/** Thrown inside the builder when the `yaml` path must decide. */
class Unsupported extends Error {}

/** An alias inside the node it names: infinite data (the `yaml` path overflows the stack on it). */
class RecursiveAlias extends Error {
  constructor(readonly offset: number) {
    super('recursive alias');
  }
}

/** The `yaml` path's `maxAliasCount`. */
const MAX_ALIASES = 10_000;

export function parseYamlStreamFast(
  input: ConfigInput,
): { documents: SourceDocument[]; errors: ConfigError[] } | undefined {
  let events: Event[];
  try {
    events = parseEvents(input.text, { maxDepth: 1000 });
  } catch {
    return undefined; // syntax error: the `yaml` path words it
  }
  try {
    return new Builder(new Stream(input.text, events), input.file).run();
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    if (e instanceof RecursiveAlias) {
      const { line, col } = new LineIndex(input.text).linePos(e.offset);
      const message = 'an alias cannot refer to a node that contains it';
      return {
        documents: [],
        errors: [new ConfigError('CONFIG_SYNTAX', { file: input.file, line, col, path: '' }, message)],
      };
    }
    throw e;
  }
}

/** The events of one text and what both the builder and the position lookups need of them. */
class Stream {
  /** For each collection start event, the index of its closing POP; for other events, itself. */
  readonly end: Int32Array;
  readonly lines: LineIndex;
  /** Alias event → the anchored node it named when the builder met it. */
  readonly aliasTarget = new Map<number, number>();

  constructor(
    readonly src: string,
    readonly events: Event[],
  ) {
    this.end = matchEnds(events);
    this.lines = new LineIndex(src);
  }

  /** The event after the node at i (and all it contains). */
  next(i: number): number {
    return this.end[i] + 1;
  }

  isMergeKey(ev: Event): boolean {
    return (
      ev.type === EVENT_ID.SCALAR &&
      ev.valueEnd - ev.valueStart === 2 &&
      this.src.startsWith('<<', ev.valueStart) &&
      ev.style === SCALAR_STYLE.PLAIN &&
      ev.tagStart === -1
    );
  }

  keyText(ev: ScalarEvent): string {
    const v = this.scalarValue(ev);
    const s = v === null ? '' : String(v);
    if (s === '__proto__') throw new Unsupported();
    return s;
  }

  scalarValue(ev: ScalarEvent): unknown {
    if (ev.valueStart === -1) return null;
    const text = getScalarValue(this.src, ev);
    return ev.style === SCALAR_STYLE.PLAIN ? resolvePlain(text) : text;
  }

  /** Where `yaml` puts a scalar node: at the opening quote of a quoted one. */
  scalarStart(ev: ScalarEvent): number {
    switch (ev.style) {
      case SCALAR_STYLE.PLAIN:
        return ev.valueStart;
      case SCALAR_STYLE.SINGLE_QUOTED:
      case SCALAR_STYLE.DOUBLE_QUOTED:
        return ev.valueStart - 1;
      default:
        throw new Unsupported();
    }
  }

  /** Whether a map value has no start offset in its event: empty (`key:`) or a block scalar. */
  isSpecialValue(ev: Event): boolean {
    return (
      ev.type === EVENT_ID.SCALAR &&
      (ev.valueStart === -1 ||
        ev.style === SCALAR_STYLE.LITERAL_BLOCK ||
        ev.style === SCALAR_STYLE.FOLDED_BLOCK)
    );
  }

  /**
   * Where `yaml` puts an empty map value or a block scalar (`|`, `>`): after the `:` (or the
   * anchor) and the blanks that follow, which is the block scalar's indicator.
   */
  specialValueStart(ev: ScalarEvent, kev: ScalarEvent): number {
    const { src } = this;
    let at: number;
    if (ev.anchorStart !== -1) at = ev.anchorEnd;
    else {
      at = kev.style === SCALAR_STYLE.PLAIN ? kev.valueEnd : kev.valueEnd + 1;
      while (at < src.length && isSpace(src.charCodeAt(at))) at++;
      if (src.charCodeAt(at) !== 0x3a) throw new Unsupported();
      at++;
    }
    while (at < src.length && isBlank(src.charCodeAt(at))) at++;
    if (ev.valueStart !== -1 || ev.style !== SCALAR_STYLE.PLAIN) {
      const c = src[at];
      if (c !== '|' && c !== '>') throw new Unsupported();
    }
    return at;
  }

  /** The node an alias names (the node itself otherwise). */
  deref(i: number): number {
    return this.events[i].type === EVENT_ID.ALIAS ? (this.aliasTarget.get(i) ?? -1) : i;
  }
}

class Builder {
  private readonly anchors = new Map<string, number>();
  /** Anchored node → its value, and how many aliases used it. */
  private readonly anchorValues = new Map<number, unknown>();
  private readonly aliasUses = new Map<number, number>();
  private readonly hasAlias = new Map<number, boolean>();
  private readonly errors: ConfigError[] = [];
  /** The current path (for messages). */
  private readonly path: Array<string | number> = [];

  constructor(
    private readonly s: Stream,
    private readonly file: string,
  ) {}

  run(): { documents: SourceDocument[]; errors: ConfigError[] } {
    const documents: SourceDocument[] = [];
    const { events, src } = this.s;
    let index = 0;
    let searchFrom = 0; // where the next document's `---` can be (past the previous one's text)
    for (let i = 0; i < events.length; i = this.s.next(i)) {
      const doc = events[i];
      // Directives (`%YAML 1.1` changes what `on` means) are left to the `yaml` path.
      if (doc.type !== EVENT_ID.DOCUMENT || doc.directives.length) throw new Unsupported();
      const content = i + 1;
      const ev = events[content];
      this.anchors.clear();
      this.anchorValues.clear();
      this.aliasUses.clear();
      const docIndex = index++;
      // A document with nothing in it (only comments) is skipped, as `yaml`'s null contents.
      if (ev.type === EVENT_ID.POP) continue;
      if (ev.type === EVENT_ID.SCALAR && ev.valueStart === -1) {
        if (ev.anchorStart !== -1 || ev.tagStart !== -1) throw new Unsupported();
        if (!doc.explicitStart) continue;
        // `---` with nothing after it is a null document in `yaml`, positioned after the marker.
        const marker = /^---(?=[ \t\r\n]|$)/gm;
        marker.lastIndex = searchFrom;
        const m = marker.exec(src);
        if (!m) throw new Unsupported();
        let at = m.index + 3;
        while (at < src.length && isBlank(src.charCodeAt(at))) at++;
        searchFrom = m.index + 3;
        const offsets = new RecordedPositions(new Map([['', at]]));
        documents.push(new SourceDocument(this.file, docIndex, null, this.s.lines, offsets));
        continue;
      }
      searchFrom = Math.max(searchFrom, lastOffset(events, this.s.end[i]));
      const data = this.node(content);
      const offsets = new EventPositions(this.s, content);
      documents.push(new SourceDocument(this.file, docIndex, data, this.s.lines, offsets));
    }
    return { documents, errors: this.errors };
  }

  /** Builds the value of the node at event i. */
  private node(i: number): unknown {
    const value = this.build(i);
    const ev = this.s.events[i];
    if (
      (ev.type === EVENT_ID.SCALAR || ev.type === EVENT_ID.SEQUENCE || ev.type === EVENT_ID.MAPPING) &&
      ev.anchorStart !== -1
    )
      this.anchorValues.set(i, value);
    return value;
  }

  private containsAlias(i: number): boolean {
    let found = this.hasAlias.get(i);
    if (found === undefined) {
      found = false;
      for (let k = i + 1; k < this.s.end[i] && !found; k++) found = this.s.events[k].type === EVENT_ID.ALIAS;
      this.hasAlias.set(i, found);
    }
    return found;
  }

  private build(i: number): unknown {
    const ev = this.s.events[i];
    switch (ev.type) {
      case EVENT_ID.SCALAR: {
        if (ev.tagStart !== -1 || ev.valueStart === -1) throw new Unsupported();
        this.s.scalarStart(ev); // a block scalar outside a map: the `yaml` path positions it
        this.anchor(ev.anchorStart, ev.anchorEnd, i);
        return this.s.scalarValue(ev);
      }
      case EVENT_ID.ALIAS: {
        const target = this.anchors.get(this.s.src.slice(ev.anchorStart, ev.anchorEnd));
        if (target === undefined) throw new Unsupported(); // `yaml` words the error
        if (this.s.end[target] > i) throw new RecursiveAlias(ev.anchorStart - 1);
        // An empty or block scalar: the `yaml` path positions it. Nested aliases: `yaml` counts them.
        const tev = this.s.events[target];
        if (this.s.isSpecialValue(tev) || this.containsAlias(target)) throw new Unsupported();
        // `yaml`'s resource-exhaustion rule: uses of an anchor × its weight (0 when empty) ≤ 10,000.
        const uses = (this.aliasUses.get(target) ?? 0) + 1;
        this.aliasUses.set(target, uses);
        const weight = tev.type === EVENT_ID.SCALAR || this.s.end[target] > target + 1 ? 1 : 0;
        if (uses * weight > MAX_ALIASES || !this.anchorValues.has(target)) throw new Unsupported();
        this.s.aliasTarget.set(i, target);
        // The anchored value itself, not a copy, as `yaml` does.
        return this.anchorValues.get(target);
      }
      case EVENT_ID.SEQUENCE: {
        if (ev.tagStart !== -1) throw new Unsupported();
        this.anchor(ev.anchorStart, ev.anchorEnd, i);
        const out: unknown[] = [];
        const end = this.s.end[i];
        for (let k = i + 1; k < end; k = this.s.next(k)) {
          this.path.push(out.length);
          out.push(this.node(k));
          this.path.pop();
        }
        return out;
      }
      case EVENT_ID.MAPPING: {
        if (ev.tagStart !== -1) throw new Unsupported();
        this.anchor(ev.anchorStart, ev.anchorEnd, i);
        return this.mapping(i);
      }
      default:
        throw new Unsupported();
    }
  }

  private anchor(start: number, end: number, i: number): void {
    if (start !== -1) this.anchors.set(this.s.src.slice(start, end), i);
  }

  private mapping(i: number): Record<string, unknown> {
    const { events } = this.s;
    const end = this.s.end[i];
    const out: Record<string, unknown> = {};
    // Own keys seen so far, by where they start: `out` answers as long as no merge key has
    // brought keys of its own, so the map is made only then (most mappings have none).
    let seen: Map<string, number> | undefined;
    for (let k = i + 1; k < end; k = this.s.next(k + 1)) {
      const kev = events[k];
      if (kev.type !== EVENT_ID.SCALAR || kev.tagStart !== -1 || kev.valueStart === -1)
        throw new Unsupported();
      const v = k + 1;
      if (this.s.isMergeKey(kev)) {
        // `yaml` merges the values (own keys win, earlier sources win); the `yaml` path records
        // no position below a merge key, so merged fields point at the map that merges them.
        if (seen !== undefined) throw new Unsupported();
        seen = this.ownKeys(i, k);
        for (const src of this.mergeSources(v))
          for (const [mk, mv] of Object.entries(src))
            if (!Object.prototype.hasOwnProperty.call(out, mk)) out[mk] = mv;
        continue;
      }
      const name = this.s.keyText(kev);
      const first =
        seen !== undefined
          ? seen.get(name)
          : Object.prototype.hasOwnProperty.call(out, name)
            ? this.ownKeys(i, k).get(name)
            : undefined;
      this.path.push(name);
      if (first !== undefined) {
        const p = this.s.lines.linePos(this.s.scalarStart(kev));
        this.errors.push(
          new ConfigError(
            'CONFIG_DUPLICATE',
            { file: this.file, line: p.line, col: p.col, path: formatPath(this.path) },
            `duplicate key ${JSON.stringify(name)} (first defined at line ${this.s.lines.linePos(first).line})`,
          ),
        );
      } else seen?.set(name, this.s.scalarStart(kev));
      // A duplicate's value still counts (last one wins, as in `yaml`); positions are the first's.
      out[name] = this.value(v, kev);
      this.path.pop();
    }
    return out;
  }

  /** The own keys of the mapping at i before its key event `before`, each where it first starts. */
  private ownKeys(i: number, before: number): Map<string, number> {
    const keys = new Map<string, number>();
    for (let k = i + 1; k < before; k = this.s.next(k + 1)) {
      const kev = this.s.events[k] as ScalarEvent;
      if (this.s.isMergeKey(kev)) continue;
      const name = this.s.keyText(kev);
      if (!keys.has(name)) keys.set(name, this.s.scalarStart(kev));
    }
    return keys;
  }

  /** A map value; empty (`key:`) is null. */
  private value(v: number, kev: ScalarEvent): unknown {
    if (!this.s.isSpecialValue(this.s.events[v])) return this.node(v);
    const ev = this.s.events[v] as ScalarEvent;
    if (ev.tagStart !== -1) throw new Unsupported();
    this.s.specialValueStart(ev, kev); // throws where the `yaml` path must position it
    this.anchor(ev.anchorStart, ev.anchorEnd, v);
    if (ev.style === SCALAR_STYLE.PLAIN) return null;
    return ev.valueStart === -1 ? '' : getScalarValue(this.s.src, ev);
  }

  /** The maps a `<<` value names: a map, an alias of one, or a list of those. */
  private mergeSources(v: number): Array<Record<string, unknown>> {
    const ev = this.s.events[v];
    const items: number[] = [];
    if (ev.type === EVENT_ID.SEQUENCE) {
      if (ev.tagStart !== -1 || ev.anchorStart !== -1) throw new Unsupported();
      for (let k = v + 1; k < this.s.end[v]; k = this.s.next(k)) items.push(k);
    } else items.push(v);
    const out: Array<Record<string, unknown>> = [];
    for (const k of items) {
      const value = this.node(k);
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Unsupported();
      out.push(value as Record<string, unknown>);
    }
    return out;
  }
}

/**
 * Positions found by walking the events along a path, as the `yaml` path would have recorded
 * them: through aliases to the anchored node, to the first of duplicate keys, never below a merge
 * key. Each map and list is indexed the first time a lookup passes through it.
 */
class EventPositions implements PositionLookup {
  private readonly maps = new Map<number, Map<string, { key: ScalarEvent; value: number }>>();
  private readonly lists = new Map<number, number[]>();

  constructor(
    private readonly s: Stream,
    private readonly root: number,
  ) {}

  value(path: Path): number | undefined {
    try {
      return this.valueAt(path);
    } catch {
      return undefined; // not reached: the builder met every node first
    }
  }

  key(path: Path): number | undefined {
    try {
      return this.keyAt(path);
    } catch {
      return undefined;
    }
  }

  private valueAt(path: Path): number | undefined {
    // The `yaml` path keys positions by joined segments: a top-level key `~:` ('') is the root's.
    if (path.length === 0) return this.child(this.root, '') ? this.valueAt(['']) : this.start(this.root);
    const parent = this.find(path, path.length - 1);
    if (parent === undefined) return undefined;
    const entry = this.child(parent, path[path.length - 1]);
    if (!entry) return undefined;
    const ev = this.s.events[entry.value];
    if (entry.key && this.s.isSpecialValue(ev)) return this.s.specialValueStart(ev as ScalarEvent, entry.key);
    return this.start(entry.value);
  }

  private keyAt(path: Path): number | undefined {
    if (path.length === 0) return this.child(this.root, '') ? this.keyAt(['']) : undefined;
    const parent = this.find(path, path.length - 1);
    if (parent === undefined) return undefined;
    const entry = this.child(parent, path[path.length - 1]);
    return entry?.key ? this.s.scalarStart(entry.key) : undefined;
  }

  /** The event of the node at path[0, n), or undefined. */
  private find(path: Path, n: number): number | undefined {
    let i = this.root;
    for (let d = 0; d < n; d++) {
      const entry = this.child(i, path[d]);
      if (!entry) return undefined;
      i = entry.value;
    }
    return i;
  }

  private child(i: number, seg: string | number): { key?: ScalarEvent; value: number } | undefined {
    const at = this.s.deref(i);
    if (at < 0) return undefined;
    const ev = this.s.events[at];
    if (ev.type === EVENT_ID.MAPPING) return this.mapIndex(at).get(String(seg));
    if (ev.type === EVENT_ID.SEQUENCE) {
      const n = typeof seg === 'number' ? seg : /^(?:0|[1-9][0-9]*)$/.test(seg) ? Number(seg) : -1;
      const items = this.listIndex(at);
      return n >= 0 && n < items.length ? { value: items[n] } : undefined;
    }
    return undefined;
  }

  private mapIndex(i: number): Map<string, { key: ScalarEvent; value: number }> {
    let index = this.maps.get(i);
    if (index) return index;
    index = new Map();
    const { events } = this.s;
    for (let k = i + 1; k < this.s.end[i]; k = this.s.next(k + 1)) {
      const kev = events[k] as ScalarEvent;
      if (this.s.isMergeKey(kev)) continue;
      const name = this.s.keyText(kev);
      if (!index.has(name)) index.set(name, { key: kev, value: k + 1 });
    }
    this.maps.set(i, index);
    return index;
  }

  private listIndex(i: number): number[] {
    let items = this.lists.get(i);
    if (items) return items;
    items = [];
    for (let k = i + 1; k < this.s.end[i]; k = this.s.next(k)) items.push(k);
    this.lists.set(i, items);
    return items;
  }

  private start(i: number): number | undefined {
    const at = this.s.deref(i);
    if (at < 0) return undefined;
    const ev = this.s.events[at];
    if (ev.type === EVENT_ID.SCALAR) return this.s.scalarStart(ev);
    if (ev.type === EVENT_ID.MAPPING || ev.type === EVENT_ID.SEQUENCE) return ev.start;
    return undefined;
  }
}

/** Index of each collection's (and document's) closing POP; scalars and aliases end at themselves. */
function matchEnds(events: Event[]): Int32Array {
  const end = new Int32Array(events.length);
  const stack: number[] = [];
  for (let i = 0; i < events.length; i++) {
    const t = events[i].type;
    if (t === EVENT_ID.POP) {
      const open = stack.pop();
      if (open === undefined) throw new Unsupported();
      end[open] = i;
      end[i] = i;
    } else if (t === EVENT_ID.SCALAR || t === EVENT_ID.ALIAS) end[i] = i;
    else stack.push(i);
  }
  if (stack.length) throw new Unsupported();
  return end;
}

/** A plain scalar by the YAML 1.2 core schema, exactly as `yaml` resolves it (`on`/`yes` stay strings). */
export function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  // Most plain scalars are names and addresses: a letter other than those that start null/true/false.
  if (s === '' || s === '~') return null;
  if (c === 0x6e || c === 0x4e) return /^(?:[Nn]ull|NULL)$/.test(s) ? null : s;
  if (c === 0x74 || c === 0x54 || c === 0x66 || c === 0x46)
    return /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s) ? c === 0x74 || c === 0x54 : s;
  if (!(c === 0x2b || c === 0x2d || c === 0x2e || (c >= 0x30 && c <= 0x39))) return s;
  // Addresses, prefixes and names starting with a digit: no number has a `/`, a `:` or two dots.
  const dot = s.indexOf('.');
  if (s.includes('/') || s.includes(':') || (dot >= 0 && s.indexOf('.', dot + 1) >= 0)) return s;
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s))
    return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s)) return parseFloat(s);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}

/** The furthest text offset the events before `before` mention. */
function lastOffset(events: Event[], before: number): number {
  for (let k = before; k >= 0; k--) {
    const ev = events[k];
    if (ev.type === EVENT_ID.SCALAR && ev.valueEnd !== -1) return ev.valueEnd;
    if (ev.type === EVENT_ID.ALIAS) return ev.anchorEnd;
    if ((ev.type === EVENT_ID.MAPPING || ev.type === EVENT_ID.SEQUENCE) && ev.start !== -1) return ev.start;
  }
  return 0;
}

/** Space, tab, CR, LF. */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}
