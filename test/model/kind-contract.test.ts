/**
 * The kind contract, exercised by kinds defined here and nowhere else ("widgets", served by a
 * fake VPP in front of the simulator model): ids VPP assigns in a namespace of their own, read
 * dependencies instead of registration order, objects declared gone, objects that are part of
 * another, singleton sections, retry hooks and identity fields. The planner, executor and
 * renderers run unchanged: none of them knows these kinds.
 */
import { describe, expect, it } from 'vitest';
import type { ApiMessage, VppCaller } from '../../src/api/types.js';
import { VppApiError, VppTimeoutError } from '../../src/api/client/errors.js';
import { ApplyError } from '../../src/apply/executor.js';
import { applyDesired, planFor } from '../../src/apply/reconcile.js';
import { describeIdNamespace, idRef } from '../../src/model/kinds/ids.js';
import { key, opBuilder } from '../../src/model/kinds/ops.js';
import { readOrder, registerKind } from '../../src/model/kinds/registry.js';
import { INTERFACE_KIND } from '../../src/model/kinds/interface.js';
import { SINGLETON_ID, type KindModule, type Resource } from '../../src/model/kinds/types.js';
import { ifRefOf } from '../../src/model/kinds/util.js';
import { objectsToState, readLive, stateToObjects } from '../../src/model/live.js';
import type { State } from '../../src/model/types.js';
import { renderText } from '../../src/plan/render/text.js';
import { loop, state } from '../plan/fixtures.js';
import { modelCaller } from '../apply/model-caller.js';

// ---- a fake plugin: widgets numbered by VPP, bound to interfaces, and one global setting ----

const NONE = 0xffffffff;

interface WidgetVpp extends VppCaller {
  readonly widgets: Map<number, { tag: string; colour: string }>;
  readonly bound: Map<number, number>;
  settings: { colour: string };
  writes: string[];
  loseNext?: string;
  failNext?: { name: string; retval: number };
}

function widgetVpp(): WidgetVpp {
  const inner = modelCaller();
  const widgets = new Map<number, { tag: string; colour: string }>();
  const bound = new Map<number, number>();
  let next = 7; // VPP numbers them; never the same as anything in the documents
  const v: WidgetVpp = {
    widgets,
    bound,
    settings: { colour: 'grey' },
    writes: [],
    async call(name, args = {}) {
      if (!name.startsWith('widget_')) return inner.call(name, args);
      if (name !== 'widget_settings_get') v.writes.push(name);
      if (v.failNext?.name === name) {
        const r = v.failNext.retval;
        v.failNext = undefined;
        throw new VppApiError(name, r);
      }
      const reply = ((): ApiMessage => {
        switch (name) {
          case 'widget_add': {
            let idx = Number(args.widget_index);
            if (idx === NONE) idx = next++;
            else if (!widgets.has(idx)) throw new VppApiError(name, -6);
            widgets.set(idx, { tag: String(args.tag), colour: String(args.colour) });
            return { retval: 0, widget_index: idx };
          }
          case 'widget_del': {
            const idx = Number(args.widget_index);
            if (!widgets.has(idx)) throw new VppApiError(name, -6);
            if ([...bound.values()].includes(idx)) throw new VppApiError(name, -142);
            widgets.delete(idx);
            return { retval: 0 };
          }
          case 'widget_bind': {
            const sw = Number(args.sw_if_index);
            const idx = Number(args.widget_index);
            if (idx === NONE) bound.delete(sw);
            else if (!widgets.has(idx)) throw new VppApiError(name, -6);
            else bound.set(sw, idx);
            return { retval: 0 };
          }
          case 'widget_settings_set':
            v.settings = { colour: String(args.colour) };
            return { retval: 0 };
          case 'widget_settings_get':
            return { retval: 0, ...v.settings };
          default:
            throw new VppApiError(name, -1);
        }
      })();
      if (v.loseNext === name) {
        v.loseNext = undefined;
        throw new VppTimeoutError(name, 1);
      }
      return reply;
    },
    async dump(name, args = {}) {
      if (name === 'widget_dump')
        return [...widgets].map(([i, w]) => ({ widget_index: i, tag: w.tag, colour: w.colour }));
      if (name === 'widget_binding_dump')
        return [...bound].map(([sw, i]) => ({ sw_if_index: sw, widget_index: i }));
      return inner.dump(name, args);
    },
    detailsIter: (name, args) => inner.detailsIter(name, args),
  };
  return v;
}

// ---- the kinds ------------------------------------------------------------------------------

interface WidgetState extends State {
  widgets?: Record<string, { name: string; colour: string }>;
  /** interface → widget name, or null: "this interface has no widget". */
  widgetOn?: Record<string, string | null>;
  widgetSettings?: { colour: string };
}

const WIDGET_NS = 'widget';
describeIdNamespace(WIDGET_NS, 'widget', 'widget_index');
const widgetRef = (name: string) => idRef(WIDGET_NS, name);
const widgetKey = (name: string) => `widget:${name}`;

const addCall = (name: string, colour: string, inPlace: boolean) => ({
  message: 'widget_add',
  args: { widget_index: inPlace ? widgetRef(name) : NONE, tag: name, colour },
  ...(inPlace ? {} : { binds: { ref: widgetRef(name), field: 'widget_index' } }),
  cli: `widget add ${name} ${colour}`,
});
const delCall = (name: string) => ({
  message: 'widget_del',
  args: { widget_index: widgetRef(name) },
  unbinds: [widgetRef(name)],
  cli: `widget del ${name}`,
});

const widgetKind: KindModule = {
  kind: 'widget',
  title: 'widgets',
  section: 'widgets',
  identity: ['name'],
  immutable: ['name'],
  taggable: false,
  // every widget is vppstate's (a real kind would read a tag)
  ownedBy: () => true,
  retry: {
    // widget_add of a new widget is not idempotent: look for it by its tag before sending again
    async recover(call, caller) {
      if (call.binds === undefined) return undefined;
      const w = (await caller.dump('widget_dump')).find((d) => d.tag === call.args.tag);
      return w ? { retval: 0, widget_index: w.widget_index } : undefined;
    },
  },
  async read(ctx) {
    return (await ctx.caller.dump('widget_dump')).map((d) => {
      ctx.ids.set(widgetRef(String(d.tag)), Number(d.widget_index));
      return {
        kind: 'widget',
        id: String(d.tag),
        obj: { name: String(d.tag), colour: String(d.colour) },
      };
    });
  },
  create(d) {
    const w = d.obj as { name: string; colour: string };
    return [
      opBuilder(
        d,
        'create',
      )({
        summary: `add ${w.colour} widget`,
        call: addCall(w.name, w.colour, false),
        inverse: [delCall(w.name)],
        provides: [widgetKey(w.name)],
      }),
    ];
  },
  update(d, l) {
    const w = d.obj as { name: string; colour: string };
    const o = l.obj as { name: string; colour: string };
    return [
      opBuilder(
        d,
        'update',
      )({
        field: 'colour',
        summary: `colour ${o.colour} → ${w.colour}`,
        call: addCall(w.name, w.colour, true),
        inverse: [addCall(o.name, o.colour, true)],
        needs: [widgetKey(w.name)],
      }),
    ];
  },
  delete(l) {
    const o = l.obj as { name: string; colour: string };
    return [
      opBuilder(
        l,
        'delete',
      )({
        summary: 'delete widget',
        call: delCall(o.name),
        inverse: [addCall(o.name, o.colour, false)],
        removes: [widgetKey(o.name)],
      }),
    ];
  },
};

const bindCall = (itf: string, widget: string | null) => ({
  message: 'widget_bind',
  args: { sw_if_index: ifRefOf(itf), widget_index: widget === null ? NONE : widgetRef(widget) },
  cli: `widget bind ${itf} ${widget ?? 'none'}`,
});

const bindingKind: KindModule = {
  kind: 'widget-binding',
  title: 'widget bindings',
  section: '',
  identity: ['interface'],
  immutable: [],
  taggable: false,
  // registered before 'widget', read after it: the order comes from here, not the registry
  readAfter: [INTERFACE_KIND, 'widget'],
  fromState(s) {
    return Object.entries((s as WidgetState).widgetOn ?? {}).map(([itf, w]) =>
      w === null
        ? { id: itf, absent: true }
        : { id: itf, obj: { interface: itf, widget: w }, at: { section: 'interfaces', key: itf } },
    );
  },
  intoState(s, objects) {
    const on: Record<string, string | null> = {};
    for (const r of objects) on[r.id] = String(r.obj.widget);
    (s as WidgetState).widgetOn = on;
  },
  async read(ctx) {
    const byIndex = new Map([...ctx.ids.of(WIDGET_NS)].map(([n, i]) => [i, n]));
    const out: Resource[] = [];
    for (const d of await ctx.caller.dump('widget_binding_dump')) {
      const itf = ctx.ifName.get(Number(d.sw_if_index)) ?? '?';
      const widget = byIndex.get(Number(d.widget_index)) ?? '?';
      out.push({ kind: 'widget-binding', id: itf, obj: { interface: itf, widget } });
      // a "host-" widget makes its interface part of the binding (like a linux-cp host tap)
      if (widget.startsWith('host-'))
        ctx.partOf({ kind: INTERFACE_KIND, id: itf }, { kind: 'widget-binding', id: itf });
    }
    return out;
  },
  ownedBy: (l, live) => live.get(INTERFACE_KIND)?.get(l.id)?.owned === true,
  create(d) {
    const b = d.obj as { interface: string; widget: string };
    return [
      opBuilder(
        d,
        'create',
      )({
        summary: `bind ${b.widget}`,
        call: bindCall(b.interface, b.widget),
        inverse: [bindCall(b.interface, null)],
        needs: [key.iface(b.interface), widgetKey(b.widget)],
      }),
    ];
  },
  update(d, l) {
    const b = d.obj as { interface: string; widget: string };
    const o = l.obj as { interface: string; widget: string };
    return [
      opBuilder(
        d,
        'update',
      )({
        field: 'widget',
        summary: `bind ${b.widget} (was ${o.widget})`,
        call: bindCall(b.interface, b.widget),
        inverse: [bindCall(o.interface, o.widget)],
        needs: [key.iface(b.interface), widgetKey(b.widget)],
        releases: [widgetKey(o.widget)],
      }),
    ];
  },
  delete(l) {
    const o = l.obj as { interface: string; widget: string };
    return [
      opBuilder(
        l,
        'delete',
      )({
        summary: `unbind ${o.widget}`,
        call: bindCall(o.interface, null),
        inverse: [bindCall(o.interface, o.widget)],
        releases: [key.iface(o.interface), widgetKey(o.widget)],
      }),
    ];
  },
};

const settingsCall = (colour: string) => ({
  message: 'widget_settings_set',
  args: { colour },
  cli: `widget default colour ${colour}`,
});

const settingsKind: KindModule = {
  kind: 'widget-settings',
  title: 'widget settings',
  section: 'widgetSettings',
  singleton: true,
  immutable: [],
  taggable: false,
  async read(ctx) {
    const r = await ctx.caller.call('widget_settings_get');
    // VPP's default is no object at all: nothing to manage
    return r.colour === 'grey'
      ? []
      : [{ kind: 'widget-settings', id: SINGLETON_ID, obj: { colour: String(r.colour) } }];
  },
  create: (d) => [
    opBuilder(
      d,
      'create',
    )({ summary: 'set', call: settingsCall(String(d.obj.colour)), inverse: [settingsCall('grey')] }),
  ],
  update: (d, l) => [
    opBuilder(
      d,
      'update',
    )({
      field: 'colour',
      summary: 'set',
      call: settingsCall(String(d.obj.colour)),
      inverse: [settingsCall(String(l.obj.colour))],
    }),
  ],
  delete: (l) => [
    opBuilder(
      l,
      'delete',
    )({ summary: 'reset', call: settingsCall('grey'), inverse: [settingsCall(String(l.obj.colour))] }),
  ],
};

registerKind(bindingKind);
registerKind(widgetKind);
registerKind(settingsKind);

// ---- the tests ------------------------------------------------------------------------------

function doc(parts: {
  widgets?: Record<string, string>;
  on?: Record<string, string | null>;
  colour?: string;
  loops?: number[];
}): WidgetState {
  const s = state({ interfaces: (parts.loops ?? [1, 2]).map((i) => loop(i)) }) as WidgetState;
  s.widgets = Object.fromEntries(
    Object.entries(parts.widgets ?? {}).map(([name, colour]) => [name, { name, colour }]),
  );
  if (parts.on) s.widgetOn = parts.on;
  if (parts.colour) s.widgetSettings = { colour: parts.colour };
  return s;
}

async function converge(vpp: WidgetVpp, s: State): Promise<void> {
  const out = await applyDesired(vpp, stateToObjects(s));
  expect(out.verified).toBe(true);
  expect((await planFor(vpp, stateToObjects(s))).plan.changes).toEqual([]);
}

const exported = async (vpp: VppCaller) => objectsToState((await readLive(vpp)).objects) as WidgetState;

describe('the kind contract', () => {
  it('reads kinds after those they name in readAfter, whatever the registration order', () => {
    const names = readOrder().map((k) => k.kind);
    expect(names.indexOf('widget')).toBeLessThan(names.indexOf('widget-binding'));
    expect(names.indexOf(INTERFACE_KIND)).toBeLessThan(names.indexOf('widget-binding'));
  });

  it('refuses a kind that would be read after itself', () => {
    expect(() => registerKind({ ...widgetKind, kind: 'loopy', readAfter: ['loopy'] })).toThrow(
      /circle: loopy → loopy/,
    );
    expect(readOrder().some((k) => k.kind === 'loopy')).toBe(false);
  });

  it('references ids VPP assigns in any namespace: created, used, replaced in place and deleted', async () => {
    const vpp = widgetVpp();
    await converge(vpp, doc({ widgets: { red: 'red' }, on: { loop1: 'red' } }));
    const idx = [...vpp.widgets.keys()][0];
    expect(vpp.bound.get(1)).toBe(idx);
    // a change of colour keeps the widget (and its index) and leaves the binding alone
    vpp.writes = [];
    await converge(vpp, doc({ widgets: { red: 'crimson' }, on: { loop1: 'red' } }));
    expect(vpp.writes).toEqual(['widget_add']);
    expect([...vpp.widgets.keys()]).toEqual([idx]);
    // rebinding to a new widget; the old one cannot go before the binding has left it
    await converge(vpp, doc({ widgets: { blue: 'blue' }, on: { loop1: 'blue' } }));
    expect([...vpp.widgets.values()].map((w) => w.tag)).toEqual(['blue']);
    // the export carries the binding back into the model
    expect((await exported(vpp)).widgetOn).toEqual({ loop1: 'blue' });
  });

  it('rolls back with inverses whose references resolve to the ids VPP assigns during rollback', async () => {
    const vpp = widgetVpp();
    await converge(vpp, doc({ widgets: { red: 'red' }, on: { loop1: 'red' } }));
    const before = await exported(vpp);
    const redBefore = [...vpp.widgets.keys()][0];
    // add green, bind loop1 to it, delete red, then the settings call fails: red comes back under
    // a new index and loop1's binding is restored to that index
    vpp.failNext = { name: 'widget_settings_set', retval: -1 };
    const err = await applyDesired(
      vpp,
      stateToObjects(doc({ widgets: { green: 'green' }, on: { loop1: 'green' }, colour: 'pink' })),
      { concurrency: 1 },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplyError);
    expect((err as ApplyError).result.done).toBe(3);
    expect(await exported(vpp)).toEqual(before);
    const [redAfter] = [...vpp.widgets.entries()].filter(([, w]) => w.tag === 'red').map(([i]) => i);
    expect(redAfter).not.toBe(redBefore);
    expect(vpp.bound.get(1)).toBe(redAfter);
  });

  it('deletes, in every prune mode, an object declared gone; nothing happens when VPP has none', async () => {
    const vpp = widgetVpp();
    await converge(vpp, doc({ widgets: { red: 'red' }, on: { loop1: 'red', loop2: 'red' } }));
    const gone = doc({ widgets: { red: 'red' }, on: { loop1: 'red', loop2: null } });
    const { plan } = await planFor(vpp, stateToObjects(gone), { prune: 'none' });
    expect(plan.changes.map((c) => [c.kind, c.id, c.action])).toEqual([
      ['widget-binding', 'loop2', 'delete'],
    ]);
    await applyDesired(vpp, stateToObjects(gone), { prune: 'none' });
    expect((await planFor(vpp, stateToObjects(gone), { prune: 'none' })).plan.changes).toEqual([]);
  });

  it('never deletes on its own an object that is part of another', async () => {
    const vpp = widgetVpp();
    await converge(vpp, doc({ widgets: { 'host-a': 'red' }, on: { loop2: 'host-a' }, loops: [2] }));
    // loop2 is not declared: under --prune all it would go, but it belongs to the binding
    const s = doc({ widgets: { 'host-a': 'red' }, on: { loop2: 'host-a' }, loops: [] });
    const { plan } = await planFor(vpp, stateToObjects(s), { prune: 'all' });
    expect(plan.changes).toEqual([]);
    expect(plan.unmanaged.filter((u) => u.id === 'loop2')).toEqual([]);
    expect(Object.keys((await exported(vpp)).interfaces)).toEqual([]);
  });

  it('manages a singleton section: one object, set, changed and reset', async () => {
    const vpp = widgetVpp();
    await converge(vpp, doc({ colour: 'pink' }));
    expect(vpp.settings.colour).toBe('pink');
    expect((await exported(vpp)).widgetSettings).toEqual({ colour: 'pink' });
    await converge(vpp, doc({ colour: 'teal' }));
    const { plan } = await planFor(vpp, stateToObjects(doc({})), { prune: 'all' });
    expect(plan.changes.map((c) => [c.kind, c.id, c.action])).toEqual([
      ['widget-settings', SINGLETON_ID, 'delete'],
    ]);
  });

  it('a create whose reply was lost is found again by the kind, not made twice', async () => {
    const vpp = widgetVpp();
    vpp.loseNext = 'widget_add';
    const out = await applyDesired(
      vpp,
      stateToObjects(doc({ widgets: { red: 'red' }, on: { loop1: 'red' } })),
      {
        sleep: async () => undefined,
      },
    );
    expect(out.verified).toBe(true);
    expect(vpp.writes.filter((w) => w === 'widget_add')).toHaveLength(1);
    expect(vpp.widgets.size).toBe(1);
  });

  it('plans show references by namespace and a kind’s identity fields only in the heading', async () => {
    const vpp = widgetVpp();
    const { plan } = await planFor(
      vpp,
      stateToObjects(doc({ widgets: { red: 'red' }, on: { loop1: 'red' } })),
    );
    const bind = plan.ops.find((o) => o.call.message === 'widget_bind');
    expect(bind?.call.args).toMatchObject({ widget_index: { $ref: 'widget', name: 'red' } });
    const text = renderText(plan);
    expect(text).toContain('+ widget red\n      colour: red\n');
    expect(text).toContain('+ widget-binding loop1\n      widget: red\n');
    expect(text).not.toMatch(/^\s+name: red$/m);
  });

  it('an op referring to an object VPP does not have names it and its id field', async () => {
    const vpp = widgetVpp();
    const s = doc({ widgets: {}, on: { loop1: 'ghost' } });
    const err = (await applyDesired(vpp, stateToObjects(s)).catch((e: unknown) => e)) as ApplyError;
    expect(err).toBeInstanceOf(ApplyError);
    expect(err.message).toContain('widget ghost does not exist in VPP (no widget_index to use)');
  });
});
