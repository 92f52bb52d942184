import type { State } from '../types.js';
import type { ApiMessage, ApiValue, VppCaller } from '../../api/types.js';
import type { IdBinding, IdRef, IdTable } from './ids.js';

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
  /**
   * Desired only: the object must not exist. An interface declared without an ACL list, an MSS
   * clamp or a linux-cp pair wants none: what VPP has is deleted whatever the prune mode, and
   * nothing happens when VPP has none.
   */
  readonly absent?: boolean;
  /**
   * Live only: VPP made this object as part of another (the host tap of a linux-cp pair). It is
   * never deleted, exported or reported on its own: it comes and goes with that object.
   */
  readonly partOf?: { readonly kind: string; readonly id: string };
}

/** Every object of every kind, by kind then id. */
export type ObjectSet = Map<string, Map<string, Resource>>;

/** An interface reference (namespace `if`) resolved to its sw_if_index when the call is issued. */
export type IfRef = IdRef;

/** One API call, with references to VPP-assigned ids (IdRef) still symbolic. */
export interface ApiCall {
  readonly message: string;
  readonly args: ApiMessage;
  /** After success, remember the id VPP assigned (reply[field]) under this name. */
  readonly binds?: IdBinding;
  /** After success, forget these ids (their objects were deleted). */
  readonly unbinds?: readonly IdRef[];
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
  /** Replace only: why (the immutable fields that changed, or the `cause`). */
  readonly reason?: string;
  /** VPP offers no way to read this object back (ReadContext.unverifiable): why. */
  readonly unverifiable?: string;
  /**
   * The transition that forces this change, when it is not (only) the documents' doing:
   * `interface BondEthernet0 is recreated`, `the link mtu of GigabitEthernet0/8/0 resets it`.
   */
  readonly cause?: string;
  /**
   * Update only: the state VPP leaves the object in while the plan runs (references to objects
   * being recreated dropped, see Reference). The object goes live → via → desired: the kind's
   * `update` runs twice, and the first half runs before those objects are deleted.
   */
  readonly via?: Resource;
}

/**
 * One object refers to another (a bridge domain to its member interfaces, a route to the
 * interfaces of its paths, a sub-interface to its parent). The planner derives from these what a
 * delete or replace of the referred object takes with it, and puts it back.
 */
export interface Reference {
  readonly kind: string;
  readonly id: string;
  /**
   * What VPP does to the referring object when the referred one is deleted:
   * - `'object'`: the referrer cannot outlive it (VPP deletes it too, refuses the delete while it
   *   exists, or keeps it pointing at a dead index): it is deleted first and created again after;
   * - `'part'`: only a part of the referrer goes (a bridge membership, an unnumbered source, a VRF
   *   binding with its addresses): the kind's `detach` says what is left; the planner takes the
   *   referrer there first and back after, through the kind's own `update`.
   */
  readonly drop: 'object' | 'part';
}

/**
 * A setting VPP changes on an object as a side effect of another op (a port's link MTU resets
 * the L3 MTU of the port and of its sub-interfaces; a member leaving a bond gets back the MAC it
 * had before joining). Ops that set `field` on the object run after the op providing `after`;
 * where the plan has none and the documents manage the field, the planner sets it again.
 */
export interface Reset {
  readonly kind: string;
  readonly id: string;
  /** The field VPP resets, as FieldChange names it. */
  readonly field: string;
  /** The resource key provided by the op that causes the reset. */
  readonly after: string;
  /** The value VPP puts there, when known: a field the documents want at that value is left. */
  readonly to?: Json;
  /** For people: why it is set again (`the link MTU of GigabitEthernet0/8/0 resets it`). */
  readonly why: string;
}

/** What a kind module gets to read VPP. */
export interface ReadContext {
  readonly caller: VppCaller;
  /** Every VPP-assigned id read so far, by namespace: a kind numbering its objects fills its own. */
  readonly ids: IdTable;
  /** sw_if_index → name, filled by the interface kind. */
  readonly ifName: Map<number, string>;
  /** name → sw_if_index: the `if` namespace of `ids`. */
  readonly ifIndex: Map<string, number>;
  /** Objects of the kinds read so far: those this kind reads after (`readAfter`) are there. */
  readonly objects: ObjectSet;
  /** Every registered kind (a kind may consult the others' declarations, e.g. `features`). */
  readonly kinds: readonly KindModule[];
  /**
   * When reading for a plan, drift or verify: the desired objects. A kind whose objects VPP
   * cannot list (feature arcs) may read just those; undefined for export (read everything).
   */
  readonly wanted?: ObjectSet;
  /**
   * This kind cannot read its objects back from this VPP (no message for it): say why. Its
   * desired objects are then applied but reported as unverifiable, never as in sync.
   */
  unverifiable(reason: string): void;
  /** Marks a live object of another kind as made by VPP as part of one of this kind's (Resource.partOf). */
  partOf(target: { kind: string; id: string }, owner: { kind: string; id: string }): void;
}

/** Where in the documents a derived object was declared: a model section, key and field path. */
export interface DeclaredAt {
  readonly section: string;
  readonly key?: string;
  /** YAML names below the object, e.g. `['acls']`. */
  readonly field?: ReadonlyArray<string | number>;
}

/** A desired object a kind derives from the model (see KindModule.fromState). */
export interface Derived {
  readonly id: string;
  /** Undefined with `absent`. */
  readonly obj?: KindObject;
  /** The object must not exist (Resource.absent). */
  readonly absent?: boolean;
  readonly at?: DeclaredAt;
}

/**
 * A call whose reply was lost (timeout, dropped connection) may have been done by VPP. Kinds say
 * how to tell, so a retry neither does it twice nor loses the id VPP assigned.
 */
export interface RetryHooks {
  /**
   * Before a lost call is sent again: look in VPP whether it was done, and if so return the reply
   * it would have had (with the id VPP assigned). Undefined: send it again.
   */
  recover?(call: ApiCall, caller: VppCaller): Promise<ApiMessage | undefined>;
  /** A retry of a lost call failed with this retval: whether that means the first attempt was done. */
  alreadyDone?(call: ApiCall, retval: number): boolean;
}

/** What a kind module gets to make ops. */
export interface OpContext {
  readonly desired: ObjectSet;
  readonly live: ObjectSet;
}

/**
 * The VPP plugin a kind needs and the messages it sends, with the crcs the module was written for.
 * When the documents use the kind and the running VPP lacks one of them (plugin not loaded, or a
 * changed definition), plan, apply and validate --socket stop before any change, naming both.
 */
export interface PluginRequirement {
  /** The plugin as VPP names it (`acl`, `nat`, `linux_cp`, `mss_clamp`, `sample`). */
  readonly name: string;
  /** Message name → crc (`0x…`), requests and the replies and details they expect. */
  readonly messages: Readonly<Record<string, string>>;
}

/** The id of a singleton kind's one object (nat44, linux-cp globals). */
export const SINGLETON_ID = 'global';

/**
 * A resource kind. Adding one means writing a module of this shape and registering it
 * (registerKind); nothing else in the planner, executor or renderers changes.
 */
export interface KindModule {
  /** Stable name used in plans, JSON and the ignore list, e.g. "interface". */
  readonly kind: string;
  /** Heading for people, e.g. "interfaces". */
  readonly title: string;
  /**
   * The State section (src/model/types.ts) holding this kind: a record keyed by object id, or with
   * `singleton` one object (id SINGLETON_ID) or undefined. '' when derived (see fromState).
   */
  readonly section: string;
  /** The section holds one object, not a record of them (nat44, linux-cp). */
  readonly singleton?: boolean;
  /** Kinds whose objects and ids must be read before this one's (default: none). */
  readonly readAfter?: readonly string[];
  /** Fields that name the object (its id is made of them): plans show them in the heading only. */
  readonly identity?: readonly string[];
  /**
   * For kinds derived from other sections (memif sockets from memifs, ACL bindings from
   * interfaces): the desired objects, including those that must not exist.
   */
  fromState?(state: State): Derived[];
  /** For derived kinds: put live objects back into the model (export), the inverse of fromState. */
  intoState?(state: State, objects: readonly Resource[]): void;
  /** What to do when a call's reply was lost (default: send it again). */
  readonly retry?: RetryHooks;
  /** The plugin this kind needs (core kinds need none). */
  readonly plugin?: PluginRequirement;
  /**
   * Objects of other kinds whose deletion in VPP takes this one with it (an ACL binding goes
   * with its interface): the planner deletes it explicitly first, so rollback restores it.
   */
  goesWith?(live: Resource): ReadonlyArray<{ readonly kind: string; readonly id: string }>;
  /**
   * Feature-arc nodes this kind switches on interfaces itself (glob patterns such as
   * `acl-plugin-*`): the generic feature kind leaves them to it.
   */
  readonly features?: readonly string[];
  /**
   * Model object → comparable object (default: as is). Undefined: declared, and wanted gone
   * (`nat44: {enabled: false}`): a desired Resource with `absent`.
   */
  fromModel?(o: unknown): KindObject | undefined;
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
  /**
   * Ops that change `live` into `desired` for the given fields. A field listed with equal old and
   * new values is set anyway (VPP resets it as a side effect of another op: see Reset).
   */
  update(desired: Resource, live: Resource, fields: readonly FieldChange[], ctx: OpContext): Op[];
  /** Ops that delete `live`, including explicit removal of what depends on it, with inverses. */
  delete(live: Resource, ctx: OpContext): Op[];
  /**
   * Live objects VPP deletes together with this one (a parent linux-cp pair's sub-interface
   * pairs): the planner deletes them explicitly first, so rollback can restore them.
   */
  cascades?(live: Resource, liveSet: ObjectSet): Array<{ kind: string; id: string }>;
  // ---- transitions: what VPP does beyond the op itself (see src/plan/transitions.ts) ----------
  /**
   * The objects this one refers to, and what VPP does to it when one of them is deleted. From
   * these the planner removes (and puts back) whatever a delete or replace takes with it, so
   * rollback can restore it too.
   */
  refs?(obj: KindObject): readonly Reference[];
  /** For `part` references: the object without what refers to `target` (required with them). */
  detach?(obj: KindObject, target: { readonly kind: string; readonly id: string }): KindObject;
  /**
   * Keys under which VPP finds this object other than its name (a VXLAN tunnel by source,
   * destination, port, VNI and encap table; a sub-interface by parent and tags): VPP refuses to
   * create a second object with the same key, so the holder is deleted before another is
   * created. Strings, unique across kinds (prefix them with the kind).
   */
  vppKeys?(obj: KindObject): readonly string[];
  /** Settings of other objects (or its own) that VPP resets as a side effect of this change. */
  resets?(change: ObjectChange, ctx: OpContext): readonly Reset[];
  /** Whether live objects of this kind can carry vppstate's ownership mark (tag). */
  readonly taggable: boolean;
  /** For untaggable kinds: whether this live object belongs to vppstate (e.g. via its interfaces). */
  ownedBy?(live: Resource, liveSet: ObjectSet): boolean;
}

export type { ApiMessage, ApiValue, IdBinding, IdRef, IdTable };
