import { ApiDefinitionError } from '../errors.js';
import type { ApiJsonFile } from './index.js';
import { CRC, crcOf, isRecord } from './raw.js';

/**
 * Packed definitions: the messages, types and services of a set of .api.json files as one text,
 * one definition per line, so that loading one costs a scan for line ends and each definition is
 * JSON-parsed only when first used. vppstate ships VPP v26.10's this way (src/api/generated) and
 * a client uses them instead of get_api_json when VPP's message table has exactly their crcs.
 *
 *   #vppstate-api-pack 1 <source>
 *   f <file>                          the files, first, in load order (numbered from 0)
 *   m <name> <file#> <crc> <json>     a message: its .api.json array without the comment
 *   t <name> <file#> <kind> <json>    a type (enum, enumflag, union, type or alias), no comment
 *   s <name> <file#> <json>           a service
 *
 * A name defined in several files (types are, in every file that imports them) is written once,
 * as the last file has it: what ApiDefinitions does with a name defined twice.
 */

const MAGIC = '#vppstate-api-pack 1';

export type PackedTypeKind = 'enum' | 'enumflag' | 'union' | 'type' | 'alias';

const TYPE_KEYS: ReadonlyArray<
  readonly [Exclude<PackedTypeKind, 'alias'>, 'enums' | 'enumflags' | 'unions' | 'types']
> = [
  ['enum', 'enums'],
  ['enumflag', 'enumflags'],
  ['union', 'unions'],
  ['type', 'types'],
];

/** A definition's array without the `comment` of its trailing options object (not used, and large). */
function withoutComment(raw: unknown[]): unknown[] {
  const last = raw[raw.length - 1];
  if (!isRecord(last) || !('comment' in last)) return raw;
  const { comment: _, ...rest } = last;
  return [...raw.slice(0, -1), rest];
}

/** A message's crc; a message without a valid one cannot be packed. */
function validCrc(raw: unknown[]): string {
  const crc = crcOf(raw);
  if (crc === undefined || !CRC.test(crc))
    throw new ApiDefinitionError(`message ${String(raw[0])} has no valid crc: cannot pack it`);
  return crc;
}

const NO_SPACE = /^\S+$/;

/** The pack of `files` (in load order); `source` says where they came from. */
export function packDefinitions(
  files: ReadonlyArray<{ file: string; json: ApiJsonFile }>,
  source: string,
): string {
  // The last definition of a name wins, as in ApiDefinitions.
  const messages = new Map<string, string>();
  const types = new Map<string, string>();
  const services = new Map<string, string>();
  files.forEach(({ file, json }, f) => {
    if (!NO_SPACE.test(file))
      throw new ApiDefinitionError(`${file}: a file name with spaces cannot be packed`);
    const named = (name: string, what: string): string => {
      if (!NO_SPACE.test(name)) throw new ApiDefinitionError(`${file}: ${what} "${name}" cannot be packed`);
      return name;
    };
    for (const raw of (json.messages ?? []) as unknown[][]) {
      const name = named(String(raw[0]), 'message');
      messages.set(name, `m ${name} ${f} ${validCrc(raw)} ${JSON.stringify(withoutComment(raw))}`);
    }
    for (const [kind, key] of TYPE_KEYS)
      for (const raw of (json[key] ?? []) as unknown[][]) {
        const name = named(String(raw[0]), kind);
        types.set(name, `t ${name} ${f} ${kind} ${JSON.stringify(withoutComment(raw))}`);
      }
    for (const [name, a] of Object.entries(json.aliases ?? {}))
      types.set(name, `t ${named(name, 'alias')} ${f} alias ${JSON.stringify(a)}`);
    for (const [name, svc] of Object.entries(json.services ?? {}))
      services.set(name, `s ${named(name, 'service')} ${f} ${JSON.stringify(svc)}`);
  });
  const out = [`${MAGIC} ${source.replace(/\s+/g, ' ')}`, ...files.map((f) => `f ${f.file}`)];
  out.push(...types.values(), ...messages.values(), ...services.values());
  return `${out.join('\n')}\n`;
}

/** A pack indexed by name: where each definition's line starts; nothing parsed. */
export interface PackedIndex {
  readonly text: string;
  readonly source: string;
  readonly files: readonly string[];
  readonly messages: ReadonlyMap<string, number>;
  readonly types: ReadonlyMap<string, number>;
  readonly services: ReadonlyMap<string, number>;
}

/** One definition line, split. */
export interface PackedLine {
  readonly name: string;
  readonly file: string;
  /** crc for a message, kind for a type, '' for a service. */
  readonly tag: string;
  /** Parses the definition's JSON (each call parses again). */
  json(): unknown;
}

/** Indexes a pack: one pass over its lines, a map entry per definition, nothing parsed. */
export function indexPacked(text: string): PackedIndex {
  let end = text.indexOf('\n');
  if (end < 0 || !text.startsWith(`${MAGIC} `))
    throw new ApiDefinitionError(
      'not a vppstate definitions pack (it must start with "#vppstate-api-pack 1")',
    );
  const files: string[] = [];
  const messages = new Map<string, number>();
  const types = new Map<string, number>();
  const services = new Map<string, number>();
  const index: PackedIndex = {
    text,
    source: text.slice(MAGIC.length + 1, end),
    files,
    messages,
    types,
    services,
  };
  let pos = end + 1;
  while (pos < text.length) {
    end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const tag = text.charCodeAt(pos);
    if (tag === 0x66 /* f */) files.push(text.slice(pos + 2, end));
    else {
      const nameEnd = text.indexOf(' ', pos + 2);
      if (nameEnd < 0 || nameEnd > end) throw malformed(text, pos);
      const name = text.slice(pos + 2, nameEnd);
      if (tag === 0x6d /* m */) messages.set(name, pos);
      else if (tag === 0x74 /* t */) types.set(name, pos);
      else if (tag === 0x73 /* s */) services.set(name, pos);
      else throw malformed(text, pos);
    }
    pos = end + 1;
  }
  return index;
}

function malformed(text: string, pos: number): ApiDefinitionError {
  return new ApiDefinitionError(`definitions pack: malformed line "${text.slice(pos, pos + 60)}…"`);
}

/** A message's crc (`0x…`) straight from its line; undefined if the pack has no such message. */
export function packedCrc(index: PackedIndex, name: string): string | undefined {
  const pos = index.messages.get(name);
  if (pos === undefined) return undefined;
  const b = index.text.indexOf(' ', pos + 3 + name.length);
  return index.text.slice(b + 1, b + 11);
}

/** The definition line at `pos` (an offset from the index). */
export function packedLine(index: PackedIndex, pos: number): PackedLine {
  const { text } = index;
  let end = text.indexOf('\n', pos);
  if (end < 0) end = text.length;
  const a = text.indexOf(' ', pos + 2);
  const b = text.indexOf(' ', a + 1);
  const name = text.slice(pos + 2, a);
  const file = index.files[Number(text.slice(a + 1, b))];
  if (file === undefined || b < 0 || b > end) throw malformed(text, pos);
  let jsonStart = b + 1;
  let tag = '';
  if (text.charCodeAt(pos) !== 0x73 /* s */) {
    jsonStart = text.indexOf(' ', b + 1) + 1;
    if (jsonStart <= 0 || jsonStart > end) throw malformed(text, pos);
    tag = text.slice(b + 1, jsonStart - 1);
  }
  return {
    name,
    file,
    tag,
    json: () => {
      try {
        return JSON.parse(text.slice(jsonStart, end));
      } catch (e) {
        throw new ApiDefinitionError(
          `definitions pack: ${name} is not valid JSON (${(e as Error).message})`,
          {
            cause: e,
          },
        );
      }
    },
  };
}

/** The pack's definitions as .api.json files again (for get_api_json's answer, or a merge). */
export function unpackFiles(index: PackedIndex): Array<{ file: string; json: ApiJsonFile }> {
  const files = index.files.map((file) => ({
    file,
    json: { module: (file.split('/').pop() as string).replace(/\.api\.json$/, '') } as ApiJsonFile,
  }));
  const byName = new Map(files.map((f) => [f.file, f.json]));
  const jsonOf = (name: string): ApiJsonFile => byName.get(name) as ApiJsonFile;
  for (const pos of index.types.values()) {
    const line = packedLine(index, pos);
    const json = jsonOf(line.file);
    if (line.tag === 'alias') {
      json.aliases ??= {};
      json.aliases[line.name] = line.json() as { type: string; length?: number };
    } else {
      const key = (TYPE_KEYS.find(([k]) => k === line.tag) ?? TYPE_KEYS[3])[1];
      (json[key] ??= []).push(line.json());
    }
  }
  for (const pos of index.messages.values()) {
    const line = packedLine(index, pos);
    (jsonOf(line.file).messages ??= []).push(line.json());
  }
  for (const pos of index.services.values()) {
    const line = packedLine(index, pos);
    const json = jsonOf(line.file);
    json.services ??= {};
    json.services[line.name] = line.json() as NonNullable<ApiJsonFile['services']>[string];
  }
  return files;
}
