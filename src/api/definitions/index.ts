import { ApiDefinitionError } from '../errors.js';
import { findApiFiles, findApiDir, readApiFile } from './files.js';
import { indexPacked, packedCrc, packedLine, unpackFiles, type PackedIndex } from './packed.js';
import { CRC, crcOf, isRecord } from './raw.js';

export { BUNDLED_MEMCLNT } from './memclnt.js';
export { findApiFiles, findApiDir } from './files.js';
export { packDefinitions } from './packed.js';

/** The shape of one .api.json file (also one element of get_api_json's array). */
export interface ApiJsonFile {
  module?: string;
  types?: unknown[];
  messages?: unknown[];
  unions?: unknown[];
  enums?: unknown[];
  enumflags?: unknown[];
  aliases?: Record<string, { type: string; length?: number }>;
  services?: Record<string, { reply: string; stream?: boolean; stream_msg?: string; events?: string[] }>;
  options?: Record<string, unknown>;
  vl_api_version?: string;
  imports?: string[];
}

export interface FieldDefinition {
  /** As written in the .api.json: `u32`, `string`, `vl_api_address_t`, … */
  type: string;
  name: string;
  /** Fixed length (arrays, strings, u8 bytes); 0 for a variable-length array or string. */
  length?: number;
  /** Sibling field that holds the element count of a variable-length array. */
  countField?: string;
  /** Field options such as `default` (bool defaults appear as the string "true"). */
  options?: Record<string, unknown>;
}

export interface MessageDefinition {
  name: string;
  /** "0xf5aec1b8" */
  crc: string;
  /** "sw_interface_set_flags_f5aec1b8": the key of VPP's message table. */
  nameCrc: string;
  fields: FieldDefinition[];
  /** File the definition came from (relative path, or `<module>.api.json` for get_api_json). */
  file: string;
  deprecated: boolean;
  inProgress: boolean;
  /** Message options as written (deprecated, in_progress, status, replaced_by, vat_help…). */
  options?: Record<string, unknown>;
}

export interface ServiceDefinition {
  request: string;
  /** Reply message name (VPP writes "null" for requests that have none). */
  reply: string;
  stream: boolean;
  streamMsg?: string;
  events?: string[];
}

/** A named type, keyed by its short name (`address`, not `vl_api_address_t`). */
export type TypeDefinition =
  | { kind: 'type' | 'union'; name: string; fields: FieldDefinition[]; file: string }
  | {
      kind: 'enum' | 'enumflag';
      name: string;
      enumtype: string;
      members: Array<[string, number]>;
      file: string;
    }
  | { kind: 'alias'; name: string; type: string; length?: number; file: string };

/** Wire base types. */
export const BASE_TYPES: ReadonlySet<string> = new Set([
  'u8',
  'i8',
  'u16',
  'i16',
  'u32',
  'i32',
  'u64',
  'i64',
  'f64',
  'bool',
  'string',
]);

const INT_TYPES = ['u8', 'u16', 'u32', 'i8', 'i16', 'i32'];

/** `vl_api_address_t` → `address`; base types unchanged. */
export function shortTypeName(type: string): string {
  return type.startsWith('vl_api_') && type.endsWith('_t') ? type.slice(7, -2) : type;
}

interface LoadedFile {
  file: string;
  json: ApiJsonFile;
}

/** A top-level list of a file (missing = empty). */
function list(x: unknown, file: string, key: string): unknown[] {
  if (x === undefined || x === null) return [];
  if (!Array.isArray(x)) throw new ApiDefinitionError(`${file}: "${key}" is not a list`);
  return x;
}

/** A top-level object of a file (missing = empty). */
function record(x: unknown, file: string, key: string): Record<string, unknown> {
  if (x === undefined || x === null) return {};
  if (!isRecord(x)) throw new ApiDefinitionError(`${file}: "${key}" is not an object`);
  return x;
}

/** Parse `[type, name, length?, countField?, {options}?]`. */
function parseField(raw: unknown, where: string): FieldDefinition {
  if (!Array.isArray(raw) || typeof raw[0] !== 'string' || typeof raw[1] !== 'string') {
    throw new ApiDefinitionError(`${where}: malformed field ${JSON.stringify(raw)}`);
  }
  const f: FieldDefinition = { type: raw[0], name: raw[1] };
  for (let i = 2; i < raw.length; i++) {
    const x: unknown = raw[i];
    if (typeof x === 'number') f.length = x;
    else if (typeof x === 'string') f.countField = x;
    else if (isRecord(x)) f.options = x;
    else throw new ApiDefinitionError(`${where}: malformed field ${JSON.stringify(raw)}`);
  }
  return f;
}

function parseFieldList(
  raw: unknown[],
  where: string,
): { fields: FieldDefinition[]; meta: Record<string, unknown> } {
  const fields: FieldDefinition[] = [];
  let meta: Record<string, unknown> = {};
  for (let i = 1; i < raw.length; i++) {
    const x = raw[i];
    if (isRecord(x)) meta = x;
    else fields.push(parseField(x, `${where}`));
  }
  return { fields, meta };
}

/** When definitions are checked: every message at load, or each message when first used. */
export type DefinitionCheck = 'all' | 'on-use';

/**
 * A read-only map whose values are parsed from their raw .api.json form on first access, so that
 * loading VPP's ~2,100 messages costs an index by name, and only the messages a program uses are
 * ever parsed. Iterating values parses them all.
 */
class LazyMap<R, V> implements ReadonlyMap<string, V> {
  private readonly parsed = new Map<string, V>();
  constructor(
    private readonly raw: RawSource<R>,
    private readonly parse: (name: string, raw: R) => V,
  ) {}
  get size(): number {
    return this.raw.size;
  }
  has(name: string): boolean {
    return this.raw.has(name);
  }
  get(name: string): V | undefined {
    let v = this.parsed.get(name);
    if (v === undefined) {
      const r = this.raw.get(name);
      if (r === undefined) return undefined;
      v = this.parse(name, r);
      this.parsed.set(name, v);
    }
    return v;
  }
  /** The source's own answer to a message's crc (undefined: no such name), or null if it has none. */
  sourceCrc(name: string): string | undefined | null {
    return this.raw.crcOf === undefined ? null : this.raw.crcOf(name);
  }
  /** The raw entry (for cheap questions that need no parse, such as a message's crc). */
  rawOf(name: string): R | undefined {
    return this.raw.get(name);
  }
  keys(): MapIterator<string> {
    return this.raw.keys();
  }
  *values(): MapIterator<V> {
    for (const k of this.raw.keys()) yield this.get(k) as V;
  }
  *entries(): MapIterator<[string, V]> {
    for (const k of this.raw.keys()) yield [k, this.get(k) as V];
  }
  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
  forEach(fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }
}

/** A message before parsing; `crc` when known without parsing (packs), `raw` may parse on access. */
type RawEntry = { readonly raw: unknown[]; readonly file: string; readonly crc?: string };
type RawType =
  | { kind: 'enum' | 'enumflag' | 'type' | 'union'; readonly raw: unknown[]; file: string }
  | { kind: 'alias'; readonly raw: Record<string, unknown>; file: string };
type RawService = { readonly raw: unknown; file: string };

/** What LazyMap reads its raw entries from (a Map, or a pack's section). */
interface RawSource<R> {
  readonly size: number;
  has(name: string): boolean;
  get(name: string): R | undefined;
  keys(): MapIterator<string>;
  /** A message's crc without making its entry (a pack answers from the line). */
  crcOf?(name: string): string | undefined;
}

/** Every definition by name, unparsed. */
interface RawIndex {
  messages: RawSource<RawEntry>;
  types: RawSource<RawType>;
  services: RawSource<RawService>;
}

/** Index files by name; later files win on a name clash. Throws on a malformed top level. */
function indexFiles(files: LoadedFile[]): RawIndex {
  const index = {
    messages: new Map<string, RawEntry>(),
    types: new Map<string, RawType>(),
    services: new Map<string, RawService>(),
  };
  const named = (raw: unknown, file: string, what: string): raw is unknown[] => {
    if (!Array.isArray(raw) || typeof raw[0] !== 'string')
      throw new ApiDefinitionError(`${file}: malformed ${what} ${JSON.stringify(raw).slice(0, 80)}`);
    return true;
  };
  for (const { file, json: raw } of files) {
    if (!isRecord(raw)) throw new ApiDefinitionError(`${file}: not an .api.json object`);
    const json = raw as ApiJsonFile;
    for (const kind of ['enum', 'enumflag', 'union', 'type'] as const) {
      const key = kind === 'enumflag' ? 'enumflags' : `${kind}s`;
      for (const r of list(json[key as keyof ApiJsonFile], file, key))
        if (named(r, file, kind)) index.types.set(r[0] as string, { kind, raw: r, file });
    }
    for (const [name, a] of Object.entries(record(json.aliases, file, 'aliases'))) {
      if (!isRecord(a) || typeof a.type !== 'string')
        throw new ApiDefinitionError(`${file}: alias ${name} malformed`);
      index.types.set(name, { kind: 'alias', raw: a, file });
    }
    for (const r of list(json.messages, file, 'messages'))
      if (named(r, file, 'message')) index.messages.set(r[0] as string, { raw: r, file });
    for (const [request, r] of Object.entries(record(json.services, file, 'services')))
      index.services.set(request, { raw: r, file });
  }
  return index;
}

/** Raw entries made on demand from a pack's offsets (nothing is built for names never asked). */
class PackSection<R> implements RawSource<R> {
  constructor(
    private readonly offsets: ReadonlyMap<string, number>,
    private readonly make: (pos: number) => R,
    readonly crcOf?: (name: string) => string | undefined,
  ) {}
  get size(): number {
    return this.offsets.size;
  }
  has(name: string): boolean {
    return this.offsets.has(name);
  }
  get(name: string): R | undefined {
    const pos = this.offsets.get(name);
    return pos === undefined ? undefined : this.make(pos);
  }
  keys(): MapIterator<string> {
    return this.offsets.keys();
  }
}

/** A pack's definitions as raw entries; each line is parsed when its `raw` is read. */
function indexOfPack(pack: PackedIndex): RawIndex {
  return {
    messages: new PackSection(
      pack.messages,
      (pos): RawEntry => {
        const line = packedLine(pack, pos);
        return {
          file: line.file,
          crc: line.tag,
          get raw() {
            return line.json() as unknown[];
          },
        };
      },
      // VPP's message table is checked name by name against the crcs: read them off the line.
      (name) => packedCrc(pack, name),
    ),
    types: new PackSection(pack.types, (pos): RawType => {
      const line = packedLine(pack, pos);
      return {
        kind: line.tag,
        file: line.file,
        get raw() {
          return line.json();
        },
      } as RawType;
    }),
    services: new PackSection(pack.services, (pos): RawService => {
      const line = packedLine(pack, pos);
      return {
        file: line.file,
        get raw() {
          return line.json();
        },
      };
    }),
  };
}

/**
 * Every message, type and service of a set of .api.json files. Types may be defined in any order
 * and any file. Loading indexes definitions by name; each is parsed when first asked for. With
 * check 'all' (fromFiles' default) construction also resolves every message's types and throws
 * one ApiDefinitionError naming each unresolvable type with the file and message that needs it;
 * with 'on-use' (fromDirectory and fromApiJson, what a client connecting to VPP uses) a message
 * is checked the same way when `message()` first returns it, and messages never used cost nothing.
 */
export class ApiDefinitions {
  readonly messages: ReadonlyMap<string, MessageDefinition>;
  readonly services: ReadonlyMap<string, ServiceDefinition>;
  /** Named types by short name. */
  readonly types: ReadonlyMap<string, TypeDefinition>;
  private readonly lazyMessages: LazyMap<RawEntry, MessageDefinition>;
  private readonly okTypes = new Set<string>();
  private readonly checked = new Set<string>();
  private loadedFiles: LoadedFile[] | (() => LoadedFile[]);

  private constructor(
    private readonly index: RawIndex,
    files: LoadedFile[] | (() => LoadedFile[]),
    check: DefinitionCheck,
  ) {
    this.lazyMessages = new LazyMap(index.messages, parseMessage);
    this.messages = this.lazyMessages;
    this.services = new LazyMap(index.services, parseService);
    this.types = new LazyMap(index.types, parseType);
    this.loadedFiles = files;
    if (check === 'all') this.checkAll();
  }

  /** The loaded files, in load order (later ones win on a name clash); a pack's are rebuilt on first use. */
  get files(): ReadonlyArray<{ file: string; json: ApiJsonFile }> {
    if (typeof this.loadedFiles === 'function') this.loadedFiles = this.loadedFiles();
    return this.loadedFiles;
  }

  /**
   * A definitions pack (see ./packed.ts), as vppstate ships VPP's: loading indexes the lines;
   * each definition is parsed, and each message checked, when first used.
   */
  static fromPacked(text: string): ApiDefinitions {
    const pack = indexPacked(text);
    return new ApiDefinitions(indexOfPack(pack), () => unpackFiles(pack), 'on-use');
  }

  /** Build from already-parsed files; every message is checked now unless `check` is 'on-use'. */
  static fromFiles(
    files: Array<{ file: string; json: ApiJsonFile }>,
    opts: { check?: DefinitionCheck } = {},
  ): ApiDefinitions {
    const loaded = files.map((f) => ({ file: f.file, json: f.json }));
    return new ApiDefinitions(indexFiles(loaded), loaded, opts.check ?? 'all');
  }

  /**
   * Load every `.api.json` under the given directories (recursively). Without directories: the
   * first that exists of $VPP_API_DIR and /usr/share/vpp/api. `patterns` are vpp_papi-style
   * filename globs without the `.api.json` suffix (e.g. `["interface", "ip*"]`); default all.
   * Messages are checked when first used unless `check` is 'all'.
   */
  static fromDirectory(
    dirs?: string | string[],
    opts?: { patterns?: string[]; check?: DefinitionCheck },
  ): ApiDefinitions {
    let list: string[];
    if (dirs === undefined) {
      const dir = findApiDir();
      if (dir === undefined) {
        throw new ApiDefinitionError(
          'no VPP API directory found: set VPP_API_DIR or install VPP (/usr/share/vpp/api)',
        );
      }
      list = [dir];
    } else {
      list = Array.isArray(dirs) ? dirs : [dirs];
    }
    const files: LoadedFile[] = [];
    for (const dir of list) {
      const found = findApiFiles(dir, opts?.patterns);
      for (const f of found) files.push(readApiFile(dir, f));
    }
    if (files.length === 0) {
      throw new ApiDefinitionError(`no .api.json files found in ${list.join(', ')}`);
    }
    return new ApiDefinitions(indexFiles(files), files, opts?.check ?? 'on-use');
  }

  /**
   * The JSON array string VPP's get_api_json returns (one element per .api.json file). Messages
   * are checked when first used unless `check` is 'all'.
   */
  static fromApiJson(text: string, opts: { check?: DefinitionCheck } = {}): ApiDefinitions {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new ApiDefinitionError(`get_api_json: not JSON (${(e as Error).message})`, { cause: e });
    }
    if (!Array.isArray(parsed))
      throw new ApiDefinitionError('get_api_json: expected a JSON array of API files');
    const files = parsed.map((json: unknown, i) => {
      const mod = isRecord(json) && typeof json.module === 'string' ? json.module : `api-${i}`;
      return { file: `${mod}.api.json`, json: json as ApiJsonFile };
    });
    return new ApiDefinitions(indexFiles(files), files, opts.check ?? 'on-use');
  }

  /**
   * The same definitions with only the messages named (types and services stay): what a VPP whose
   * message table has just those would answer to get_api_json. The files are not filtered.
   */
  only(names: ReadonlySet<string>): ApiDefinitions {
    const all = this.index.messages;
    let size = 0;
    for (const n of names) if (all.has(n)) size++;
    const messages: RawSource<RawEntry> = {
      size,
      has: (n) => names.has(n) && all.has(n),
      get: (n) => (names.has(n) ? all.get(n) : undefined),
      keys: function* () {
        for (const n of all.keys()) if (names.has(n)) yield n;
      } as () => MapIterator<string>,
    };
    const crcOf = all.crcOf?.bind(all);
    if (crcOf !== undefined) messages.crcOf = (n) => (names.has(n) ? crcOf(n) : undefined);
    return new ApiDefinitions({ ...this.index, messages }, () => this.files as LoadedFile[], 'on-use');
  }

  /** Both sets; `other` wins where a name is defined twice. Messages are checked when first used. */
  merge(other: ApiDefinitions): ApiDefinitions {
    const files = [...this.files, ...other.files];
    return new ApiDefinitions(indexFiles(files), files, 'on-use');
  }

  /** A message by name (without crc), its types checked. */
  message(name: string): MessageDefinition {
    const m = this.messages.get(name);
    if (m === undefined) throw new ApiDefinitionError(`unknown message ${name}`);
    if (!this.checked.has(name)) {
      this.throwProblems(this.problemsOf(m));
      this.checked.add(name);
    }
    return m;
  }

  /** `name_crc` of a message (VPP's message table key) without parsing it; undefined if unknown. */
  nameCrcOf(name: string): string | undefined {
    const fast = this.lazyMessages.sourceCrc(name);
    if (fast !== null) return fast === undefined ? undefined : `${name}_${fast.slice(2)}`;
    const entry = this.lazyMessages.rawOf(name);
    if (entry === undefined) return undefined;
    const crc = entry.crc ?? crcOf(entry.raw);
    return crc === undefined ? undefined : `${name}_${crc.slice(2)}`;
  }

  /** A named type by short (`address`) or C (`vl_api_address_t`) name. */
  type(name: string): TypeDefinition {
    const t = this.types.get(shortTypeName(name));
    if (t === undefined) throw new ApiDefinitionError(`unknown type ${name}`);
    return t;
  }

  /** What a server answers to get_api_json: the JSON array of every loaded file. */
  toApiJson(): string {
    return JSON.stringify(this.files.map((f) => f.json));
  }

  /** Parse every definition and resolve every message's types; one error names every problem. */
  checkAll(): void {
    for (const t of this.types.values()) void t; // malformed types are errors even when unused
    for (const s of this.services.values()) void s;
    const problems: string[] = [];
    for (const m of this.messages.values()) {
      if (this.checked.has(m.name)) continue;
      const p = this.problemsOf(m);
      if (p.length === 0) this.checked.add(m.name);
      problems.push(...p);
    }
    this.throwProblems(problems);
  }

  private throwProblems(problems: string[]): void {
    if (problems.length === 0) return;
    const shown = problems.slice(0, 50).join('\n  ');
    const more = problems.length > 50 ? `\n  … and ${problems.length - 50} more` : '';
    throw new ApiDefinitionError(`${problems.length} unresolved type reference(s):\n  ${shown}${more}`);
  }

  /** Every type a message needs, resolved; the problems found. */
  private problemsOf(m: MessageDefinition): string[] {
    const problems: string[] = [];
    const okTypes = this.okTypes;
    const seen = new Set<string>();
    const checkType = (type: string, where: string, depth: number): void => {
      if (BASE_TYPES.has(type) || okTypes.has(type)) return;
      const key = `${type}\u0000${where}`;
      if (seen.has(key)) return;
      seen.add(key);
      const t = this.types.get(shortTypeName(type));
      if (t === undefined) {
        problems.push(`${where}: unknown type ${type}`);
        return;
      }
      if (depth > 32) {
        problems.push(`${where}: type ${type} nests too deep (recursive definition?)`);
        return;
      }
      const before = problems.length;
      if (t.kind === 'alias') checkType(t.type, `${where} (alias ${t.name} in ${t.file})`, depth + 1);
      else if (t.kind === 'type' || t.kind === 'union') {
        checkFields(t.fields, `${where} (${t.kind} ${t.name} in ${t.file})`, depth + 1);
      } else if ((t.kind === 'enum' || t.kind === 'enumflag') && !INT_TYPES.includes(t.enumtype)) {
        problems.push(`${where}: ${t.kind} ${t.name} in ${t.file} has unsupported enumtype ${t.enumtype}`);
      }
      if (problems.length === before) okTypes.add(type);
    };
    const checkFields = (fields: FieldDefinition[], where: string, depth: number): void => {
      const names = new Set<string>();
      for (const f of fields) {
        const w = `${where} field ${f.name}`;
        if (f.countField !== undefined && !names.has(f.countField)) {
          problems.push(`${w}: count field ${f.countField} is not an earlier field`);
        }
        checkType(f.type, w, depth);
        names.add(f.name);
      }
    };
    checkFields(m.fields, `${m.file}: message ${m.name}`, 0);
    return problems;
  }
}

function parseMessage(name: string, { raw, file }: RawEntry): MessageDefinition {
  const { fields, meta } = parseFieldList(raw, `${file}: message ${name}`);
  const crc = typeof meta.crc === 'string' ? meta.crc.toLowerCase() : '';
  if (!CRC.test(crc)) throw new ApiDefinitionError(`${file}: message ${name} has no valid crc`);
  const options = isRecord(meta.options) ? meta.options : {};
  return {
    name,
    crc,
    nameCrc: `${name}_${crc.slice(2)}`,
    fields,
    file,
    deprecated: 'deprecated' in options,
    inProgress: 'in_progress' in options || options.status === 'in_progress',
    options,
  };
}

function parseService(request: string, { raw: s, file }: RawService): ServiceDefinition {
  if (!isRecord(s) || typeof s.reply !== 'string') {
    throw new ApiDefinitionError(`${file}: service ${request} malformed`);
  }
  const def: ServiceDefinition = { request, reply: s.reply, stream: s.stream === true };
  if (typeof s.stream_msg === 'string') def.streamMsg = s.stream_msg;
  if (Array.isArray(s.events)) def.events = s.events.filter((e): e is string => typeof e === 'string');
  return def;
}

function parseType(name: string, t: RawType): TypeDefinition {
  switch (t.kind) {
    case 'alias': {
      const def: TypeDefinition = { kind: 'alias', name, type: t.raw.type as string, file: t.file };
      if (typeof t.raw.length === 'number') def.length = t.raw.length;
      return def;
    }
    case 'enum':
    case 'enumflag':
      return parseEnum(name, t.raw, t.kind, t.file);
    default: {
      const { fields } = parseFieldList(t.raw, `${t.file}: ${t.kind} ${name}`);
      return { kind: t.kind, name, fields, file: t.file };
    }
  }
}

function parseEnum(name: string, raw: unknown[], kind: 'enum' | 'enumflag', file: string): TypeDefinition {
  const members: Array<[string, number]> = [];
  let enumtype = 'u32';
  for (let i = 1; i < raw.length; i++) {
    const x: unknown = raw[i];
    if (Array.isArray(x) && typeof x[0] === 'string' && typeof x[1] === 'number') members.push([x[0], x[1]]);
    else if (isRecord(x)) {
      if (typeof x.enumtype === 'string') enumtype = x.enumtype;
    } else throw new ApiDefinitionError(`${file}: ${kind} ${name}: malformed member ${JSON.stringify(x)}`);
  }
  return { kind, name, enumtype, members, file };
}
