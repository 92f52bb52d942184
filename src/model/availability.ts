/**
 * Plugin availability: the documents use a kind whose plugin the running VPP lacks (its messages
 * are not in the message table, or have other crcs). Found before anything is read or changed.
 */
import type { VppCaller } from '../api/types.js';
import { VppstateError } from '../errors.js';
import { registeredKinds } from './kinds/registry.js';
import type { ObjectSet, Resource, SourcePos } from './kinds/types.js';

/** One plugin the documents need and the running VPP cannot serve. */
export interface MissingPlugin {
  readonly plugin: string;
  /** The kinds of the documents that need it. */
  readonly kinds: readonly string[];
  /** Where the documents first use it. */
  readonly usedBy: { readonly kind: string; readonly id: string; readonly source?: SourcePos };
  /** Each message VPP lacks (`vpp` undefined) or has with another crc. */
  readonly messages: ReadonlyArray<{
    readonly name: string;
    readonly expected: string;
    readonly vpp?: string;
  }>;
}

export class PluginUnavailableError extends VppstateError {
  readonly missing: readonly MissingPlugin[];
  constructor(missing: readonly MissingPlugin[]) {
    super('vpp.plugin-unavailable', missing.map(describeMissing).join('\n'));
    this.missing = missing;
  }
}

function describeMissing(m: MissingPlugin): string {
  const at = m.usedBy.source
    ? ` (${m.usedBy.source.file}:${m.usedBy.source.line}:${m.usedBy.source.col})`
    : '';
  const absent = m.messages.filter((x) => x.vpp === undefined).map((x) => x.name);
  const other = m.messages.filter((x) => x.vpp !== undefined);
  const parts: string[] = [];
  if (absent.length) parts.push(`it lacks ${absent.join(', ')}`);
  if (other.length)
    parts.push(
      `it has ${other.map((x) => `${x.name} with crc ${x.vpp} (vppstate knows ${x.expected})`).join(', ')}`,
    );
  const fix =
    absent.length === m.messages.length
      ? `load the ${m.plugin} plugin in VPP (startup.conf: plugins { plugin ${m.plugin}_plugin.so { enable } })`
      : 'this VPP version changed these messages: use a vppstate that supports it';
  return `the documents use ${m.kinds.join(', ')} (first: ${m.usedBy.kind} ${m.usedBy.id}${at}), but the running VPP cannot do it: plugin ${m.plugin}: ${parts.join('; ')}. Nothing was changed; ${fix}, or take these out of the documents`;
}

/** The first object of a kind the documents want to exist (absent ones need no plugin). */
function firstUse(objects: ReadonlyMap<string, Resource> | undefined): Resource | undefined {
  for (const r of objects?.values() ?? []) if (!r.absent) return r;
  return undefined;
}

/** The plugins `desired` needs that the VPP behind `caller` lacks; [] when it cannot tell. */
export function missingPlugins(caller: VppCaller, desired: ObjectSet): MissingPlugin[] {
  if (!caller.messageCrc) return [];
  const byPlugin = new Map<
    string,
    { kinds: string[]; usedBy: Resource; messages: Map<string, MissingPlugin['messages'][number]> }
  >();
  for (const k of registeredKinds()) {
    if (!k.plugin) continue;
    const use = firstUse(desired.get(k.kind));
    if (!use) continue;
    const bad: Array<MissingPlugin['messages'][number]> = [];
    for (const [name, expected] of Object.entries(k.plugin.messages)) {
      const vpp = caller.messageCrc(name);
      if (vpp !== expected) bad.push(vpp === undefined ? { name, expected } : { name, expected, vpp });
    }
    if (bad.length === 0) continue;
    let p = byPlugin.get(k.plugin.name);
    if (!p) byPlugin.set(k.plugin.name, (p = { kinds: [], usedBy: use, messages: new Map() }));
    p.kinds.push(k.kind);
    for (const b of bad) p.messages.set(b.name, b);
  }
  return [...byPlugin].map(([plugin, p]) => ({
    plugin,
    kinds: p.kinds,
    usedBy: { kind: p.usedBy.kind, id: p.usedBy.id, ...(p.usedBy.source ? { source: p.usedBy.source } : {}) },
    messages: [...p.messages.values()],
  }));
}

/** Throws PluginUnavailableError when the documents need a plugin the running VPP lacks. */
export function checkPlugins(caller: VppCaller, desired: ObjectSet): void {
  const missing = missingPlugins(caller, desired);
  if (missing.length > 0) throw new PluginUnavailableError(missing);
}
