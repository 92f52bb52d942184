/**
 * Nothing the configuration language accepts is left unmanaged: every section, every key of a
 * section and every interface field of a document that uses them all (the kitchen-sink fixture)
 * reaches the desired objects the planner diffs. Taking any one out changes what would be planned;
 * an accepted field no kind reads would leave them the same and fail here.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseConfig } from '../../src/config/index.js';
import { SECTION_SCHEMAS, type JsonSchema } from '../../src/config/schema/index.js';
import { interfaceSchema } from '../../src/config/schema/interfaces.js';
import { planFor } from '../../src/apply/reconcile.js';
import { stateToObjects } from '../../src/model/live.js';
import { modelCaller } from '../apply/model-caller.js';

type Doc = Record<string, unknown>;
const FIXTURE = new URL('../fixtures/config/kitchen-sink.yaml', import.meta.url);
const base = parse(readFileSync(FIXTURE, 'utf8')) as Doc;

/**
 * What the planner makes of a document against an empty VPP (the simulator's model): the desired
 * objects it diffs, the calls it plans (creation-only parameters such as a VXLAN's decap show
 * there) and the objects declared absent. Undefined when the document does not validate.
 */
async function planned(d: Doc): Promise<string | undefined> {
  const loaded = parseConfig(stringify(d), 'kitchen-sink.yaml');
  if (loaded.errors.length > 0) return undefined;
  const desired = stateToObjects(loaded.state);
  const { plan } = await planFor(modelCaller({ hardware: PORTS }), desired, { prune: 'none' });
  return JSON.stringify([
    [...desired].map(([kind, m]) => [kind, [...m.values()].map((r) => [r.id, r.obj, r.absent === true])]),
    plan.ops.map((o) => [o.call.message, o.call.args]),
    loaded.state.absent,
  ]);
}

/** Takes `key` out of a mapping or a list. */
function without(parent: Record<string, unknown> | unknown[], key: string): void {
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete parent[key];
}

/** The schema default of a field: taking out a field set to it changes nothing, rightly. */
function isDefault(schema: JsonSchema, key: string, value: unknown): boolean {
  const props = (schema as { properties?: Record<string, JsonSchema> }).properties;
  const d = props?.[key]?.default;
  return d !== undefined && JSON.stringify(d) === JSON.stringify(value);
}

const PORTS = ['8', '9', 'a', 'b'].map((n) => ({ name: `GigabitEthernet0/${n}/0` }));
let all: string | undefined;
beforeAll(async () => {
  all = await planned(base);
});
const sections = (d: Doc) => d as Record<string, Record<string, unknown>>;

describe('every part of the configuration language is planned', () => {
  it('the fixture is valid and uses every section and every interface field', () => {
    expect(all).toBeDefined();
    for (const [section] of SECTION_SCHEMAS) expect(Object.keys(base), section).toContain(section);
    const used = new Set(Object.values(sections(base).interfaces).flatMap((i) => Object.keys(i ?? {})));
    const fields = Object.keys((interfaceSchema as { properties: Doc }).properties);
    // `type` only repeats what the name says
    expect(fields.filter((f) => f !== 'type' && !used.has(f))).toEqual([]);
  });

  // `settings` holds pruning and ignore rules: how to plan, not what
  const objectSections = SECTION_SCHEMAS.map(([s]) => s).filter((s) => s !== 'settings');

  it.each(objectSections)('each key of section %s changes the plan when taken out', async (section) => {
    const schema = SECTION_SCHEMAS.find(([s]) => s === section)![2];
    const keys = Object.keys(sections(base)[section]);
    const checked: string[] = [];
    for (const key of keys) {
      if (isDefault(schema, key, sections(base)[section][key])) continue;
      const d = structuredClone(base);
      without(sections(d)[section], key);
      const out = await planned(d);
      if (out === undefined) continue; // others refer to it: taken out with the section below
      expect(out, `${section}.${key}`).not.toBe(all);
      checked.push(key);
    }
    expect(checked.length, `${section}: no key could be taken out alone`).toBeGreaterThan(0);
  });

  it.each(objectSections)(
    'section %s, taken out with what refers to it, changes the plan',
    async (section) => {
      const d = structuredClone(base);
      delete d[section];
      // interface fields naming the section's objects (acls, nat44 roles, vrf)
      const refs: Record<string, string> = { acls: 'acls', nat44: 'nat44', vrfs: 'vrf' };
      if (refs[section] && d.interfaces)
        for (const i of Object.values(sections(d).interfaces) as Array<Doc | null>) delete i?.[refs[section]];
      if (section === 'vrfs') {
        const vrfOf = (o: unknown) => typeof o === 'object' && o !== null && ('vrf' in o || 'via-vrf' in o);
        d.routes = (base.routes as unknown[]).filter((r) => !vrfOf(r));
        delete sections(d).nat44['inside-vrf'];
        sections(d).nat44.pool = (sections(base).nat44.pool as unknown[]).filter((p) => !vrfOf(p));
        for (const i of Object.values(sections(d).interfaces) as Array<Doc | null>)
          delete (i?.vxlan as Doc | undefined)?.['encap-vrf'];
      }
      if (section === 'interfaces') for (const s of ['routes', 'bridge-domains', 'l2-xconnects']) delete d[s];
      const out = await planned(d);
      expect(out, `the document without ${section} does not validate`).toBeDefined();
      expect(out).not.toBe(all);
    },
  );

  const fields = Object.keys((interfaceSchema as { properties: Doc }).properties).filter((f) => f !== 'type');
  it.each(fields)('interface field %s changes the plan when taken out', async (field) => {
    let checked = 0;
    for (const [name, itf] of Object.entries(sections(base).interfaces) as Array<[string, Doc | null]>) {
      if (!itf || !(field in itf) || isDefault(interfaceSchema, field, itf[field])) continue;
      const d = structuredClone(base);
      delete (sections(d).interfaces[name] as Doc)[field];
      const out = await planned(d);
      if (out !== undefined) {
        expect(out, `interfaces.${name}.${field}`).not.toBe(all);
        checked++;
        continue;
      }
      // required where it is (a VXLAN tunnel's endpoints): each of its own keys instead
      const value = itf[field];
      if (typeof value !== 'object' || value === null) continue;
      const subSchema = (interfaceSchema as { properties: Record<string, JsonSchema> }).properties[field];
      for (const sub of Object.keys(value)) {
        if (isDefault(subSchema, sub, (value as Doc)[sub])) continue;
        const e = structuredClone(base);
        delete ((sections(e).interfaces[name] as Doc)[field] as Doc)[sub];
        const o = await planned(e);
        if (o === undefined) continue;
        expect(o, `interfaces.${name}.${field}.${sub}`).not.toBe(all);
        checked++;
      }
    }
    expect(checked, `interfaces.*.${field}: none could be taken out alone`).toBeGreaterThan(0);
  });
});
