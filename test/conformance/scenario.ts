/**
 * Scenarios of the differential harness: a sequence of API requests, written once and run
 * against a fresh real VPP and a fresh simulator. Objects a step creates are bound by name
 * (`bind`), and later steps refer to them (`ref`), so each target uses its own indexes.
 */
import { createHash } from 'node:crypto';

/** A reference to a value an earlier step bound (a sw_if_index, an acl_index…). */
export interface Ref {
  readonly $ref: string;
}

export type Arg = number | bigint | boolean | string | Ref | readonly Arg[] | { readonly [k: string]: Arg };
export type Args = { readonly [field: string]: Arg };

export interface Step {
  /** The request: a call, a classic dump or a cursor service (its rounds are followed). */
  readonly call: string;
  readonly args: Args;
  /** Names bound from the reply: `{ loop0: 'sw_if_index' }`. */
  readonly bind?: Readonly<Record<string, string>>;
  /** Why the step is there, when its name does not say. */
  readonly note?: string;
}

export interface Scenario {
  /** Unique, file-name safe: `loopback-reuse`. */
  readonly name: string;
  readonly title: string;
  /** Hardware ports, in index order after local0. */
  readonly hardware: readonly string[];
  readonly steps: readonly Step[];
}

export class ScenarioError extends Error {}

export const ref = (name: string): Ref => ({ $ref: name });
export const isRef = (v: unknown): v is Ref =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as Ref).$ref === 'string';

/** Builds a scenario's steps: `b.call(name, args, bind)` returns the refs it binds. */
export class ScenarioBuilder {
  readonly steps: Step[] = [];
  /** `b.call('create_loopback_instance', {...}, 'loop0')` binds `loop0` to reply.sw_if_index. */
  call(name: string, args: Args = {}, bind?: string | Record<string, string>, note?: string): Ref {
    const b = typeof bind === 'string' ? { [bind]: 'sw_if_index' } : bind;
    this.steps.push({ call: name, args, ...(b ? { bind: b } : {}), ...(note ? { note } : {}) });
    const first = b ? Object.keys(b)[0] : undefined;
    return ref(first ?? `step${this.steps.length}`);
  }
}

export function scenario(
  name: string,
  title: string,
  build: (b: ScenarioBuilder) => void,
  opts: { hardware?: readonly string[] } = {},
): Scenario {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name))
    throw new ScenarioError(`scenario name ${name}: use a-z, 0-9 and -`);
  const b = new ScenarioBuilder();
  build(b);
  return { name, title, hardware: opts.hardware ?? [], steps: b.steps };
}

/** A digest of the steps: a recording of other steps is stale. */
export function stepsDigest(s: Scenario): string {
  const h = createHash('sha256');
  h.update(
    JSON.stringify({ hardware: s.hardware, steps: s.steps }, (_k, v: unknown) =>
      typeof v === 'bigint' ? `${v}n` : v,
    ),
  );
  return h.digest('hex').slice(0, 16);
}

/** The args with every ref replaced by its bound value; an unbound ref is the scenario's mistake. */
export function resolveArgs(
  args: Args,
  bound: ReadonlyMap<string, unknown>,
  where: string,
): Record<string, unknown> {
  const walk = (v: Arg): unknown => {
    if (isRef(v)) {
      if (!bound.has(v.$ref)) throw new ScenarioError(`${where}: ${v.$ref} is not bound by an earlier step`);
      return bound.get(v.$ref);
    }
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null && !(v instanceof Uint8Array))
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x as Arg)]));
    return v;
  };
  return walk(args) as Record<string, unknown>;
}
