import type { State } from '../types.js';
import type { ApiMessage, ApiValue, VppCaller } from '../../api/types.js';

/**
 * The reconciler's view of one resource: a plain JSON-like record, normalised so that the
 * desired form (from YAML) and the live form (from VPP dumps) compare field by field.
 * A field that is `undefined` in a desired object is not managed (left as VPP has it).
 */
export type Json = string | number | boolean | null | readonly Json[] | { readonly [k: string]: Json };
export type KindObject = { readonly [field: string]: Json | undefined };

/** Where in the YAML an object (or one of its fields) came from. */
export interface SourcePos {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/** One object of one kind, with its identity and bookkeeping. */
export interface Resource {
  readonly kind: string;
  readonly id: string;
  readonly obj: KindObject;
  /** Live only: vppstate's ownership mark was found (interface/bridge-domain tag, …). */
  readonly owned?: boolean;
  /** Live only: may never be deleted (hardware interfaces, local0, table 0). */
  readonly permanent?: boolean;
  /** Desired only: position of the object in the YAML. */
  readonly source?: SourcePos;
  /** Live only: raw values kept for exact inverses (never compared), e.g. the 4 MTUs. */
  readonly raw?: { readonly [k: string]: Json };
}

/** Every object of every kind, by kind then id. */
export type ObjectSet = Map<string, Map<string, Resource>>;

/** An interface reference resolved to its sw_if_index when the call is issued. */
export type IfRef = { readonly $if: string };

/** One API call, with interface references still symbolic. */
export interface ApiCall {
  readonly message: string;
  readonly args: ApiMessage;
  /** After success, remember reply.sw_if_index as the index of this interface name. */
  readonly binds?: string;
  /** After success, forget this interface name (it was deleted). */
  readonly unbinds?: string | readonly string[];
  /** The equivalent vppctl command. */
  readonly cli: string;
}

export type Action = 'create' | 'update' | 'delete' | 'replace';

/**
 * One step of a plan. Ordering comes from resource keys, not from the order ops were made:
 * - `provides` K: after this op K exists; every op that `needs` K runs after it.
 * - `removes` K: this op makes K disappear; every op that `releases` K runs before it,
 *   and it runs before any op that `provides` K again (replace).
 */
export interface Op {
  readonly kind: string;
  readonly id: string;
  readonly action: Action;
  /** The field this op changes, or undefined for the object as a whole. */
  readonly field?: string;
  /** Short human description, e.g. "set mtu 1500". */
  readonly summary: string;
  readonly call: ApiCall;
  /** Calls that undo this op, computed from the live state it replaces (run in order). */
  readonly inverse: readonly ApiCall[];
  readonly provides?: readonly string[];
  readonly removes?: readonly string[];
  readonly needs?: readonly string[];
  readonly releases?: readonly string[];
  readonly source?: SourcePos;
}

/** A field that differs: `old` undefined for a create, `new` undefined for a delete. */
export interface FieldChange {
  readonly field: string;
  readonly old?: Json;
  readonly new?: Json;
}

/** What to do with one object. */
export interface ObjectChange {
  readonly kind: string;
  readonly id: string;
  readonly action: Action;
  readonly fields: readonly FieldChange[];
  readonly desired?: Resource;
  readonly live?: Resource;
  /** Why a replace is needed (the immutable fields that changed). */
  readonly reason?: string;
}

/** What a kind module gets to read VPP. */
export interface ReadContext {
  readonly caller: VppCaller;
  /** sw_if_index → name, filled by the interface kind (read first). */
  readonly ifName: Map<number, string>;
  /** name → sw_if_index. */
  readonly ifIndex: Map<string, number>;
  /** Objects read so far (kinds are read in registry order). */
  readonly objects: ObjectSet;
}

/** What a kind module gets to make ops. */
export interface OpContext {
  readonly desired: ObjectSet;
  readonly live: ObjectSet;
}

/**
 * A resource kind. Adding one means writing a module of this shape and listing it in the
 * registry; nothing else in the planner or executor changes.
 */
export interface KindModule {
  /** Stable name used in plans, JSON and the ignore list, e.g. "interface". */
  readonly kind: string;
  /** Heading for people, e.g. "interfaces". */
  readonly title: string;
  /** The State section (src/model/types.ts) holding this kind, keyed by object id ('' if derived). */
  readonly section: string;
  /** For kinds derived from other sections (memif sockets from memifs): the desired objects. */
  fromState?(state: State): Array<{ id: string; obj: KindObject }>;
  /** Model object → comparable object (default: as is). */
  fromModel?(o: unknown): KindObject;
  /** Comparable object → model object, filling what this kind does not compare (default: as is). */
  toModel?(o: KindObject): unknown;
  /** Read every object of this kind from VPP and normalise it. */
  read(ctx: ReadContext): Promise<Resource[]>;
  /** Fields (or field prefixes) whose change cannot be made in place: delete + create. */
  readonly immutable: readonly string[];
  /** Optional fields for which a desired `undefined` means "not managed" (skip in diff). */
  readonly unmanagedWhenUndefined?: ReadonlySet<string>;
  /** Top-level fields never compared (they belong to another kind). */
  readonly notCompared?: ReadonlySet<string>;
  /**
   * Compare one field; defaults to deep equality. Sets (addresses, members) are normalised
   * (sorted) by read and by the model adapter, so deep equality suffices for most kinds.
   * It may only relax deep equality: the planner treats deep-equal values as equal without
   * asking.
   */
  equal?(field: string, desired: Json, live: Json): boolean;
  /** Ops that create `desired` from nothing. */
  create(desired: Resource, ctx: OpContext): Op[];
  /** Ops that change `live` into `desired` for the given fields. */
  update(desired: Resource, live: Resource, fields: readonly FieldChange[], ctx: OpContext): Op[];
  /** Ops that delete `live`, including explicit removal of what depends on it, with inverses. */
  delete(live: Resource, ctx: OpContext): Op[];
  /**
   * Live objects VPP deletes together with this one (a table's routes, a parent's
   * sub-interfaces): the planner deletes them explicitly first, so rollback can restore them.
   */
  cascades?(live: Resource, liveSet: ObjectSet): Array<{ kind: string; id: string }>;
  /** Whether live objects of this kind can carry vppstate's ownership mark (tag). */
  readonly taggable: boolean;
  /** For untaggable kinds: whether this live object belongs to vppstate (e.g. via its interfaces). */
  ownedBy?(live: Resource, liveSet: ObjectSet): boolean;
}

export type { ApiMessage, ApiValue };
