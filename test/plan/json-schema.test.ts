/**
 * The JSON outputs (`plan`/`drift --format json`, `validate --format json`) against their published
 * schemas (schemas/plan.schema.json, schemas/validate-result.schema.json): real outputs from the
 * simulator's behaviour model for every example, and proof that the schemas are strict, so a field
 * added to the output without its schema fails here.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { planOptionsFrom } from '../../src/apply/command-support.js';
import { applyDesired, planFor } from '../../src/apply/reconcile.js';
import { loadDocuments } from '../../src/apply/session.js';
import { run } from '../../src/cli/program.js';
import { schemaFiles } from '../../src/config/index.js';
import { emptyState } from '../../src/model/defaults.js';
import { stateToObjects } from '../../src/model/live.js';
import type { State } from '../../src/model/types.js';
import type { Plan, PlanOptions } from '../../src/plan/plan.js';
import { renderJson } from '../../src/plan/render/json.js';
import { modelCaller, type ModelCaller } from '../apply/model-caller.js';
import { REPO_ROOT } from '../helpers/shared.js';
import { bond, hw, loop, state, sub } from './fixtures.js';

type Json = Record<string, unknown>;
type Schema = Record<string, unknown>;

// ajv-formats is CommonJS: its default export arrives as the module object under NodeNext.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

const SCHEMA_FILES = ['plan.schema.json', 'validate-result.schema.json'];
const readSchema = (file: string): Schema =>
  JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', file), 'utf8')) as Schema;

function compile(): { plan: ValidateFunction; validate: ValidateFunction; ajv: Ajv2020 } {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  for (const f of SCHEMA_FILES) ajv.addSchema(readSchema(f));
  return {
    plan: ajv.getSchema('plan.schema.json') as ValidateFunction,
    validate: ajv.getSchema('validate-result.schema.json') as ValidateFunction,
    ajv,
  };
}
const { plan: planSchema, validate: validateSchema, ajv } = compile();

function expectValid(fn: ValidateFunction, doc: unknown): void {
  const ok = fn(doc);
  expect(ok, ajv.errorsText(fn.errors, { separator: '\n' })).toBe(true);
}

/** What the real outputs used, so a schema property no scenario produces is noticed. */
const seen = new Set<string>();

/** The JSON text the CLI prints, parsed, checked against the schema and the documented invariants. */
function checkPlan(plan: Plan, kind: 'plan' | 'drift'): Json {
  const doc = JSON.parse(renderJson(plan, kind)) as Json;
  expectValid(planSchema, doc);
  const changes = doc.changes as Json[];
  const ops = doc.ops as Json[];
  const summary = doc.summary as Record<string, number | boolean>;
  for (const a of ['create', 'update', 'replace', 'delete'])
    expect(summary[a], `summary.${a}`).toBe(changes.filter((c) => c.action === a).length);
  expect(summary.ops).toBe(ops.length);
  // in sync: no changes and nothing undeclared that counts as drift (drift's exit code 0)
  const unmanaged = doc.unmanaged as Json[];
  expect(summary.in_sync).toBe(
    changes.length === 0 && !unmanaged.some((u) => u.reason === 'not-owned' || u.reason === 'prune-none'),
  );
  ops.forEach((op, i) => {
    expect(op.index).toBe(i);
    for (const j of op.after as number[]) expect(j).toBeLessThan(i);
  });
  const deletes = changes.filter((c) => c.action === 'delete');
  expect(doc.outside_documents).toEqual(deletes.map((c) => ({ kind: c.kind, id: c.id })));
  for (const c of deletes) expect(c.source).toBeUndefined();
  // coverage of the schema by real outputs
  seen.add(`kind:${String(doc.kind)}`);
  if ((doc.outside_documents as unknown[]).length) seen.add('outside_documents');
  for (const c of changes) {
    seen.add(`action:${String(c.action)}`);
    for (const k of Object.keys(c)) seen.add(`change.${k}`);
    for (const f of c.fields as Json[]) for (const k of Object.keys(f)) seen.add(`field.${k}`);
  }
  for (const op of ops) {
    for (const k of Object.keys(op)) seen.add(`op.${k}`);
    if ((op.inverse as unknown[]).length) seen.add('op.inverse[]');
    if ((op.after as unknown[]).length) seen.add('op.after[]');
  }
  for (const u of doc.unmanaged as Json[]) seen.add(`unmanaged:${String(u.reason)}:${String(u.owned)}`);
  return doc;
}

const EXAMPLES = readdirSync(join(REPO_ROOT, 'examples')).filter((f) => f.endsWith('.yaml'));

function hardwareOf(s: State) {
  return Object.values(s.interfaces)
    .filter((i) => i.kind === 'hardware')
    .map((i) => ({ name: i.name }));
}

/** The documents with changes every kind can show: descriptions (update), bridge-domain
 * descriptions and VXLAN VNIs (immutable: replace). */
function edited(s: State): State {
  const out = structuredClone(s);
  for (const i of Object.values(out.interfaces)) {
    i.description = `${i.description ?? i.name} (edited)`;
    if (i.kind === 'vxlan') i.vxlan.vni += 1;
  }
  for (const b of Object.values(out.bridgeDomains)) b.description = `bd ${b.id} (edited)`;
  return out;
}

async function foreignLoopback(vpp: ModelCaller, instance: number): Promise<void> {
  await vpp.call('create_loopback_instance', {
    mac_address: '00:00:00:00:00:00',
    is_specified: true,
    user_instance: instance,
  });
}

describe('plan.schema.json: real outputs of every example', () => {
  it('has examples', () => expect(EXAMPLES.length).toBeGreaterThan(0));

  for (const file of EXAMPLES) {
    it(file, async () => {
      const { state: s, positions } = await loadDocuments([join(REPO_ROOT, 'examples', file)]);
      const opts: PlanOptions = planOptionsFrom(s, {});
      const desired = stateToObjects(s, positions);
      const vpp = modelCaller({ hardware: hardwareOf(s) });

      // from an empty VPP: creates (and updates of hardware interfaces), with source positions
      const { plan: first } = await planFor(vpp, desired, opts);
      const created = checkPlan(first, 'plan');
      expect((created.summary as Json).create).toBeGreaterThan(0);
      // derived kinds (memif sockets come from memif interfaces) have no position of their own
      const noSource = (created.changes as Json[]).filter((c) => !c.source).map((c) => c.kind);
      expect(noSource.filter((k) => k !== 'memif-socket')).toEqual([]);

      expect((await applyDesired(vpp, desired, opts)).verified).toBe(true);
      const inSync = checkPlan((await planFor(vpp, desired, opts)).plan, 'drift');
      expect(inSync.summary).toMatchObject({ ops: 0, in_sync: true });

      // drift: edited documents and an object someone else created
      await foreignLoopback(vpp, 4242);
      const changed = stateToObjects(edited(s), positions);
      const drift = checkPlan((await planFor(vpp, changed, opts)).plan, 'drift');
      expect((drift.summary as Json).update).toBeGreaterThan(0);
      expect(drift.unmanaged).toContainEqual({
        kind: 'interface',
        id: 'loop4242',
        owned: false,
        reason: 'not-owned',
      });

      // nothing declared: everything vppstate owns is deleted (prune owned), or kept (prune none)
      const none = stateToObjects(emptyState());
      const deletes = checkPlan((await planFor(vpp, none, { prune: 'owned' })).plan, 'plan');
      expect((deletes.outside_documents as unknown[]).length).toBe((deletes.summary as Json).delete);
      expect(
        (deletes.outside_documents as unknown[]).length + (deletes.unmanaged as unknown[]).length,
      ).toBeGreaterThan(0);
      const kept = checkPlan(
        (await planFor(vpp, none, { prune: 'none', ignore: { interface: ['loop4242'] } })).plan,
        'drift',
      );
      expect(kept.changes).toEqual([]);
      expect(kept.unmanaged).toContainEqual({
        kind: 'interface',
        id: 'loop4242',
        owned: false,
        reason: 'ignored',
      });
    });
  }
});

describe('plan.schema.json: targeted plans', () => {
  const HW = [{ name: 'GigabitEthernet0/8/0' }, { name: 'GigabitEthernet0/9/0' }];

  it('replace with a recreated parent: the child has reason "<kind> <id> is recreated"', async () => {
    const vpp = modelCaller({ hardware: HW });
    const parts = (mode: 'lacp' | 'xor') => {
      const b = bond(1, ['GigabitEthernet0/8/0']);
      b.bond.mode = mode;
      return state({ interfaces: [hw('GigabitEthernet0/8/0'), b, sub('BondEthernet1', 100)] });
    };
    expect((await applyDesired(vpp, stateToObjects(parts('lacp')))).verified).toBe(true);
    const doc = checkPlan((await planFor(vpp, stateToObjects(parts('xor')))).plan, 'plan');
    expect(doc.changes).toContainEqual(
      expect.objectContaining({
        id: 'BondEthernet1.100',
        action: 'replace',
        reason: 'interface BondEthernet1 is recreated',
      }),
    );
  });

  it('objects declared absent are deleted, listed outside the documents', async () => {
    const vpp = modelCaller({ hardware: HW });
    await applyDesired(vpp, stateToObjects(state({ interfaces: [loop(0), loop(1)] })));
    const { plan } = await planFor(vpp, stateToObjects(state({ interfaces: [loop(0)] })), {
      prune: 'none',
      absent: { interfaces: ['loop1'] },
    });
    const doc = checkPlan(plan, 'plan');
    expect(doc.outside_documents).toEqual([{ kind: 'interface', id: 'loop1' }]);
  });

  it('prune none keeps owned objects, marked owned', async () => {
    const vpp = modelCaller({ hardware: HW });
    await applyDesired(vpp, stateToObjects(state({ interfaces: [loop(0), loop(1)] })));
    const { plan } = await planFor(vpp, stateToObjects(state({ interfaces: [loop(0)] })), { prune: 'none' });
    expect(checkPlan(plan, 'drift').unmanaged).toEqual([
      { kind: 'interface', id: 'loop1', owned: true, reason: 'prune-none' },
    ]);
  });
});

describe('plan.schema.json is strict', () => {
  let sample: Json;
  it('a real output validates', async () => {
    const vpp = modelCaller();
    await applyDesired(vpp, stateToObjects(state({ interfaces: [loop(0, { mtu: 1500 })] })));
    const { plan } = await planFor(
      vpp,
      stateToObjects(
        state({ interfaces: [loop(0, { mtu: 9000 }), loop(1, { addresses: ['192.0.2.1/24'] })] }),
      ),
    );
    sample = checkPlan(plan, 'plan');
  });

  const mutations: Array<[string, (d: Json) => void]> = [
    ['an extra top-level property', (d) => (d.generated_at = '2026-01-01T00:00:00Z')],
    ['a missing top-level property', (d) => delete d.outside_documents],
    ['another format version', (d) => (d.format_version = 2)],
    ['an unknown kind', (d) => (d.kind = 'apply')],
    ['a wrong change action', (d) => ((d.changes as Json[])[0].action = 'modify')],
    ['a wrong op action', (d) => ((d.ops as Json[])[0].action = 'noop')],
    ['an extra property in a change', (d) => ((d.changes as Json[])[0].desired = {})],
    ['an extra property in an op', (d) => ((d.ops as Json[])[0].reply = {})],
    [
      'an extra property in a field change',
      (d) => (((d.changes as Json[])[0].fields as Json[])[0].path = 'x'),
    ],
    [
      'a field change with neither old nor new',
      (d) => ((d.changes as Json[])[0].fields = [{ field: 'mtu' }]),
    ],
    ['a reason on a non-replace change', (d) => ((d.changes as Json[])[0].reason = 'x')],
    ['a negative count', (d) => ((d.summary as Json).create = -1)],
    ['a fractional count', (d) => ((d.summary as Json).ops = 1.5)],
    ['an extra summary property', (d) => ((d.summary as Json).noop = 0)],
    ['a non-integer op index', (d) => ((d.ops as Json[])[0].index = '0')],
    ['args that are not an object', (d) => ((d.ops as Json[])[0].args = [])],
    [
      'an unknown unmanaged reason',
      (d) => (d.unmanaged = [{ kind: 'interface', id: 'x', owned: false, reason: 'x' }]),
    ],
    [
      'an outside_documents entry with extra fields',
      (d) => (d.outside_documents = [{ kind: 'vrf', id: '1', owned: true }]),
    ],
    [
      'a source position at line 0',
      (d) => ((d.changes as Json[])[0].source = { file: 'a.yaml', line: 0, col: 1 }),
    ],
  ];
  it.each(mutations)('rejects %s', (_name, mutate) => {
    expect(sample).toBeDefined();
    const doc = structuredClone(sample);
    mutate(doc);
    expect(planSchema(doc)).toBe(false);
  });

  it('leaves API values open: any args and field values validate', () => {
    const doc = structuredClone(sample);
    (doc.ops as Json[])[0].args = { anything: [1, { nested: 'x' }], sw_if_index: '$if:loop0', n: 2 ** 40 };
    ((doc.changes as Json[])[0].fields as Json[])[0] = { field: 'x', old: null, new: { a: [true] } };
    expectValid(planSchema, doc);
  });
});

/** `vppstate validate --format json <paths>`, in-process: [exit code, parsed stdout]. */
async function validateJson(paths: string[]): Promise<[number, Json]> {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  try {
    const code = await run(['node', 'vppstate', 'validate', '--format', 'json', ...paths]);
    return [code, JSON.parse(out.join('')) as Json];
  } finally {
    spy.mockRestore();
    process.exitCode = undefined;
  }
}

describe('validate-result.schema.json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vppstate-json-schema-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it.each(EXAMPLES)('a valid configuration: %s', async (file) => {
    const [code, doc] = await validateJson([join(REPO_ROOT, 'examples', file)]);
    expect(code).toBe(0);
    expectValid(validateSchema, doc);
    expect(doc).toMatchObject({ valid: true, errors: [], files: [join(REPO_ROOT, 'examples', file)] });
    expect((doc.objects as Json).interfaces).toBeGreaterThan(0);
  });

  it('an invalid configuration: schema, syntax, duplicate and unreadable-file errors', async () => {
    const schemaErr = write('schema.yaml', 'interfaces:\n  loop0:\n    mtu: 100000\n');
    const syntax = write('syntax.yaml', 'interfaces:\n  loop2: [\n');
    const dup = write('dup.yaml', 'interfaces:\n  loop3: {}\n  loop3: {}\n');
    const [code, doc] = await validateJson([schemaErr, syntax, dup, join(dir, 'missing.yaml')]);
    expect(code).toBe(1);
    expectValid(validateSchema, doc);
    expect(doc.valid).toBe(false);
    const codes = new Set((doc.errors as Json[]).map((e) => e.code));
    expect([...codes].sort()).toEqual(['CONFIG_DUPLICATE', 'CONFIG_IO', 'CONFIG_SCHEMA', 'CONFIG_SYNTAX']);
    expect((doc.errors as Json[]).find((e) => e.code === 'CONFIG_IO')).toMatchObject({ line: 0, col: 0 });
    expect(Object.values(doc.objects as Json).every((n) => n === 0)).toBe(true);
  });

  it('an invalid configuration: errors of meaning', async () => {
    // meaning is checked once every document is well-formed, so this file stands alone
    const semantic = write('semantic.yaml', 'interfaces:\n  loop1:\n    vrf: 7\n');
    const [code, doc] = await validateJson([semantic]);
    expect(code).toBe(1);
    expectValid(validateSchema, doc);
    expect((doc.errors as Json[]).map((e) => e.code)).toContain('CONFIG_SEMANTIC');
  });

  it('is strict', async () => {
    const [, doc] = await validateJson([join(REPO_ROOT, 'examples', EXAMPLES[0])]);
    const bad: Array<(d: Json) => void> = [
      (d) => (d.warnings = []),
      (d) => ((d.objects as Json).nat44 = 1),
      (d) => (d.errors = [{ file: 'a', line: 1, col: 1, path: '', message: 'x', code: 'CONFIG_OTHER' }]),
      (d) =>
        (d.errors = [{ file: 'a', line: 1, col: 1, path: '', message: 'x', code: 'CONFIG_SCHEMA', at: 1 }]),
      (d) => (d.documents = -1),
      // valid with errors, or invalid without any
      (d) => (d.errors = [{ file: 'a', line: 1, col: 1, path: '', message: 'x', code: 'CONFIG_SCHEMA' }]),
      (d) => (d.valid = false),
    ];
    for (const mutate of bad) {
      const d = structuredClone(doc);
      mutate(d);
      expect(validateSchema(d), JSON.stringify(d).slice(0, 200)).toBe(false);
    }
  });
});

/** Every property schema in a schema file, with its JSON pointer. */
function* propertySchemas(node: unknown, pointer: string): Generator<[string, Schema]> {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return;
  const s = node as Schema;
  for (const [k, v] of Object.entries((s.properties as Schema | undefined) ?? {})) {
    yield [`${pointer}/properties/${k}`, v as Schema];
    yield* propertySchemas(v, `${pointer}/properties/${k}`);
  }
  for (const [k, v] of Object.entries((s.$defs as Schema | undefined) ?? {}))
    yield* propertySchemas(v, `${pointer}/$defs/${k}`);
  for (const k of ['items', 'if', 'then', 'else']) yield* propertySchemas(s[k], `${pointer}/${k}`);
}

describe('the output schemas themselves', () => {
  it.each(SCHEMA_FILES)('%s: draft 2020-12, $id = file name, every property described', (file) => {
    const schema = readSchema(file);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(file);
    const defs = (schema.$defs ?? {}) as Record<string, Schema>;
    const undescribed: string[] = [];
    for (const [pointer, prop] of propertySchemas(schema, '')) {
      if (/\/(if|then|else)\//.test(pointer)) continue; // conditions, not properties
      const ref = typeof prop.$ref === 'string' ? defs[prop.$ref.replace('#/$defs/', '')] : undefined;
      if (typeof prop.description !== 'string' && typeof ref?.description !== 'string')
        undescribed.push(pointer);
    }
    expect(undescribed).toEqual([]);
  });

  it('the examples in docs/json-output.md validate', () => {
    const md = readFileSync(join(REPO_ROOT, 'docs/json-output.md'), 'utf8');
    const blocks = [...md.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]) as Json);
    expect(blocks.length).toBe(4);
    for (const b of blocks) expectValid('kind' in b ? planSchema : validateSchema, b);
  });

  it('are not generated from src/config/schema (the generator and its staleness test ignore them)', () => {
    const generated = schemaFiles().map(([f]) => f);
    for (const f of SCHEMA_FILES) expect(generated).not.toContain(f);
  });

  it('every optional property and enum value of plan.schema.json was produced by some real output', () => {
    // Runs last in this file: the scenarios above filled `seen`. A schema property nothing produces
    // is either dead or untested; `permanent` is reserved (the planner never emits it).
    const expected = [
      'kind:plan',
      'kind:drift',
      'action:create',
      'action:update',
      'action:replace',
      'action:delete',
      'change.reason',
      'change.source',
      'field.old',
      'field.new',
      'op.field',
      'op.inverse[]',
      'op.after[]',
      'outside_documents',
      'unmanaged:not-owned:false',
      'unmanaged:prune-none:true',
      'unmanaged:ignored:false',
    ];
    expect(expected.filter((k) => !seen.has(k))).toEqual([]);
  });
});
