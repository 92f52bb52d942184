/**
 * decode(encode(v)) == v for EVERY message of the VPP API corpus, with values generated from
 * the definitions read independently of the codec's own layout code.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { ApiCodec } from '../../src/api/codec/index.js';
import type { FieldDefinition, TypeDefinition } from '../../src/api/definitions/index.js';
import { ApiDefinitions, BASE_TYPES, shortTypeName } from '../../src/api/definitions/index.js';
import { ApiDecodeError } from '../../src/api/errors.js';
import type { ApiMessage, FieldSelection } from '../../src/api/types.js';
import { HAVE_VPP_API, VPP_API_DIR, describeWithVppApi } from '../helpers/shared.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 20);

type Arb = fc.Arbitrary<unknown>;

const INT_RANGE: Record<string, [number, number]> = {
  u8: [0, 0xff],
  i8: [-0x80, 0x7f],
  u16: [0, 0xffff],
  i16: [-0x8000, 0x7fff],
  u32: [0, 0xffffffff],
  i32: [-0x80000000, 0x7fffffff],
};

const byte = fc.integer({ min: 0, max: 255 });
const ip4 = fc.tuple(byte, byte, byte, byte).map((b) => b.join('.'));
// Zero-heavy groups so that `::` compression gets exercised; canonical text from WHATWG URL
// (RFC 5952, as Python's ipaddress), not from the codec under test.
const group = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
const ip6 = fc
  .array(group, { minLength: 8, maxLength: 8 })
  .map((g) => new URL(`http://[${g.map((x) => x.toString(16)).join(':')}]/`).hostname.slice(1, -1));
const mac = fc
  .array(byte, { minLength: 6, maxLength: 6 })
  .map((b) => b.map((x) => x.toString(16).padStart(2, '0')).join(':'));
const withLen = (a: fc.Arbitrary<string>, max: number): fc.Arbitrary<string> =>
  fc.tuple(a, fc.integer({ min: 0, max })).map(([x, l]) => `${x}/${l}`);

const FRIENDLY: Record<string, Arb> = {
  ip4_address: ip4,
  ip6_address: ip6,
  address: fc.oneof(ip4, ip6),
  prefix: fc.oneof(withLen(ip4, 32), withLen(ip6, 128)),
  address_with_prefix: fc.oneof(withLen(ip4, 32), withLen(ip6, 128)),
  ip4_prefix: withLen(ip4, 32),
  ip4_address_with_prefix: withLen(ip4, 32),
  ip6_prefix: withLen(ip6, 128),
  ip6_address_with_prefix: withLen(ip6, 128),
  mac_address: mac,
};

/** A string of at most `max` UTF-8 bytes without NUL. */
function text(max: number): fc.Arbitrary<string> {
  return fc
    .string({
      unit: fc.oneof(
        fc.constantFrom('a', 'Z', '0', '-', ' ', '/'),
        fc.string({ unit: 'grapheme', maxLength: 1 }),
      ),
      maxLength: Math.min(max, 24),
    })
    .map((s) => {
      let out = s.replaceAll('\u0000', '');
      while (Buffer.byteLength(out) > max) out = [...out].slice(0, -1).join('');
      return out;
    });
}

class Generator {
  private readonly memo = new Map<string, Arb>();
  constructor(private readonly defs: ApiDefinitions) {}

  /** Value of one element of type `type` (no array wrapper). */
  element(type: string): Arb {
    const hit = this.memo.get(type);
    if (hit) return hit;
    const arb = this.build(type);
    this.memo.set(type, arb);
    return arb;
  }

  private build(type: string): Arb {
    if (type in INT_RANGE) {
      const [min, max] = INT_RANGE[type];
      return fc.integer({ min, max });
    }
    if (type === 'u64') return fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
    if (type === 'i64') return fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n });
    if (type === 'f64') return fc.double();
    if (type === 'bool') return fc.boolean();
    const short = shortTypeName(type);
    if (short in FRIENDLY) return FRIENDLY[short];
    const t = this.defs.type(type);
    switch (t.kind) {
      case 'alias':
        return t.length !== undefined
          ? this.field({ type: t.type, name: t.name, length: t.length })
          : this.element(t.type);
      case 'enum':
      case 'enumflag': {
        const [min, max] = INT_RANGE[t.enumtype];
        return fc.oneof(fc.constantFrom(...t.members.map(([, v]) => v)), fc.integer({ min, max }));
      }
      case 'type':
        return this.struct(t.fields);
      case 'union':
        return fc.oneof(...t.fields.map((m) => this.field(m).map((v) => ({ [m.name]: v }))));
    }
  }

  /** A field with its array/string wrapper. */
  field(f: FieldDefinition): Arb {
    if (f.type === 'string') return text(f.length ? f.length - 1 : 40);
    if (f.length === undefined) return this.element(f.type);
    const variable = f.countField !== undefined || f.length === 0;
    const n = variable ? { minLength: 0, maxLength: 3 } : { minLength: f.length, maxLength: f.length };
    if (f.type === 'u8') return fc.uint8Array(n);
    return fc.array(this.element(f.type), n);
  }

  struct(fields: FieldDefinition[]): fc.Arbitrary<Record<string, unknown>> {
    const counts = new Set(fields.map((f) => f.countField).filter((c) => c !== undefined));
    const rec: Record<string, Arb> = {};
    const tagged: Array<fc.Arbitrary<Record<string, unknown>>> = [];
    for (const f of fields) {
      // The codec fills count fields in; the header is the caller's.
      if (counts.has(f.name) || f.name === '_vl_msg_id') continue;
      rec[f.name] = this.field(f);
    }
    // A union with a discriminator gets a member and the discriminator value that names it,
    // as VPP would send them (the codec writes only the member the discriminator names).
    for (const f of fields) {
      const d = f.options?.discriminator;
      if (typeof d !== 'string' || !(d in rec)) continue;
      const en = this.resolve(fields.find((x) => x.name === d)!.type);
      const un = this.resolve(f.type);
      if (en?.kind !== 'enum' && en?.kind !== 'enumflag') continue;
      if (un?.kind !== 'union') continue;
      const values = new Map(en.members);
      tagged.push(
        fc.oneof(
          ...un.fields.map((m) => {
            const c = m.options?.case;
            const dv = typeof c === 'string' ? values.get(c) : undefined;
            return fc
              .tuple(dv === undefined ? rec[d] : fc.constant(dv), this.field(m))
              .map(([x, v]) => ({ [d]: x, [f.name]: { [m.name]: v } }));
          }),
        ),
      );
      delete rec[f.name];
    }
    const base = fc.record(rec);
    if (tagged.length === 0) return base;
    return fc
      .tuple(base, ...tagged)
      .map(([b, ...t]) => Object.assign({}, b, ...t) as Record<string, unknown>);
  }

  /** A named type with aliases followed; undefined for base types. */
  private resolve(type: string): TypeDefinition | undefined {
    let t = BASE_TYPES.has(type) ? undefined : this.defs.type(type);
    while (t?.kind === 'alias' && t.length === undefined)
      t = BASE_TYPES.has(t.type) ? undefined : this.defs.type(t.type);
    return t;
  }
}

/** Every value given appears, equal, in what was decoded (unions decode every member). */
function expectContains(given: unknown, got: unknown, path: string): void {
  if (given instanceof Uint8Array) {
    expect(got, path).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(got as Uint8Array).equals(Buffer.from(given)), path).toBe(true);
  } else if (Array.isArray(given)) {
    expect(Array.isArray(got), path).toBe(true);
    expect((got as unknown[]).length, path).toBe(given.length);
    given.forEach((x, i) => expectContains(x, (got as unknown[])[i], `${path}[${i}]`));
  } else if (typeof given === 'object' && given !== null) {
    for (const [k, v] of Object.entries(given))
      expectContains(v, (got as Record<string, unknown>)[k], `${path}.${k}`);
  } else {
    expect(
      Object.is(given, got) || (Number.isNaN(given) && Number.isNaN(got)),
      `${path}: ${String(given)} vs ${String(got)}`,
    ).toBe(true);
  }
}

const defs = HAVE_VPP_API ? ApiDefinitions.fromDirectory(VPP_API_DIR) : undefined;

describeWithVppApi('codec property: decode(encode(v)) == v for every message of the corpus', () => {
  const codec = new ApiCodec(defs!);
  const gen = new Generator(defs!);
  const names = [...defs!.messages.keys()].sort();

  it('covers all 2,113 messages', () => {
    expect(names.length).toBe(2113);
  });

  it.each(names)('%s', (name) => {
    const def = defs!.message(name);
    const c = codec.message(name);
    const enumFields = new Set(
      def.fields
        .filter((f) => {
          const t = f.type.startsWith('vl_api_') ? defs!.types.get(shortTypeName(f.type)) : undefined;
          return t !== undefined && (t.kind === 'enum' || t.kind === 'enumflag');
        })
        .map((f) => f.name),
    );
    const expectedKeys = def.fields.flatMap((f) =>
      enumFields.has(f.name) ? [f.name, `${f.name}__name`] : [f.name],
    );
    fc.assert(
      fc.property(
        gen.struct(def.fields),
        fc.integer({ min: 1, max: 0xffff }),
        fc.nat(),
        byte,
        (v, id, at, x) => {
          const bytes = c.encode(v as ApiMessage, id);
          // A cut message never decodes; a damaged one decodes or fails cleanly, never overreads.
          expect(() => c.decode(bytes.subarray(0, at % bytes.length))).toThrow(ApiDecodeError);
          const damaged = Buffer.from(bytes);
          damaged[at % bytes.length] ^= x;
          try {
            c.decode(damaged);
          } catch (e) {
            expect(e).toBeInstanceOf(ApiDecodeError);
          }
          const d = c.decode(bytes);
          expect(Object.keys(d)).toEqual(expectedKeys);
          expect(d._vl_msg_id).toBe(id);
          expectContains(v, d, name);
          // What was decoded (every union member, filled-in counts) encodes to the same bytes.
          expect(c.encode(d, id).equals(bytes)).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

/** A selection of some fields of a decoded value (picked by `rnd`), nested where it can be. */
function randomSelection(v: Record<string, unknown>, rnd: () => number): FieldSelection {
  const sel: Record<string, true | FieldSelection> = {};
  for (const [k, x] of Object.entries(v)) {
    if (rnd() < 0.5) continue;
    const inner = Array.isArray(x) ? x[0] : x;
    const nested =
      typeof inner === 'object' && inner !== null && !(inner instanceof Uint8Array) && !k.endsWith('__name');
    sel[k] = nested && rnd() < 0.6 ? randomSelection(inner as Record<string, unknown>, rnd) : true;
  }
  return sel;
}

/** What a selected decode must give: the full decode cut down to the selection. */
function project(v: unknown, sel: FieldSelection): unknown {
  if (Array.isArray(v)) return v.map((x) => project(x, sel));
  const out: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(sel)) {
    const x = (v as Record<string, unknown>)[k];
    out[k] = s === true ? x : project(x, s);
  }
  return out;
}

describeWithVppApi('codec property: a selected decode equals the full decode cut down', () => {
  const codec = new ApiCodec(defs!);
  const gen = new Generator(defs!);
  const names = [...defs!.messages.keys()].sort();

  it.each(names)('%s', (name) => {
    const def = defs!.message(name);
    const c = codec.message(name);
    fc.assert(
      fc.property(gen.struct(def.fields), fc.integer(), (v, seed) => {
        const bytes = c.encode(v as ApiMessage, 1);
        const full = c.decode(bytes);
        let s = seed >>> 0 || 1;
        const rnd = (): number => ((s = (s * 1103515245 + 12345) >>> 0) % 1000) / 1000;
        const sel = randomSelection(full, rnd);
        const d = c.decoder(sel)(bytes);
        expect(d).toStrictEqual(project(full, sel));
        // Cut anywhere, it still fails cleanly: skipped fields are bounds-checked too.
        expect(() => c.decoder(sel)(bytes.subarray(0, bytes.length - 1))).toThrow(ApiDecodeError);
      }),
      { numRuns: Math.max(2, RUNS >> 2) },
    );
  });
});
