/**
 * Ids VPP assigns (sw_if_index, acl_index, …). Plans never hold them: a call's arguments hold a
 * reference by name, `{ $ref: 'if', name: 'loop0' }`, resolved when the call is sent, from the
 * ids read with the live state and those that replies assign as the plan runs (ApiCall.binds).
 * Each kind whose objects VPP numbers owns a namespace of these (the interface kind `if`, the
 * ACL kind `acl`); the executor treats every namespace alike.
 */

/** A reference to an id VPP assigns, resolved when the call is issued. */
export type IdRef = {
  /** The namespace, e.g. `if` (sw_if_index), `acl` (acl_index). */
  readonly $ref: string;
  /** The object's name in that namespace (an interface name, an ACL name). */
  readonly name: string;
};

/** After a call succeeds, remember `reply[field]` as the id of `ref` (a create). */
export interface IdBinding {
  readonly ref: IdRef;
  readonly field: string;
}

export function idRef(ns: string, name: string): IdRef {
  return { $ref: ns, name };
}

export function isIdRef(v: unknown): v is IdRef {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { $ref?: unknown }).$ref === 'string' &&
    typeof (v as { name?: unknown }).name === 'string'
  );
}

/** `$if:loop0`: how plans show a reference to people and in JSON. */
export function refText(r: IdRef): string {
  return `$${r.$ref}:${r.name}`;
}

const nouns = new Map<string, { noun: string; field: string }>();

/**
 * Names a namespace for messages ("interface loop0 does not exist in VPP (no sw_if_index)").
 * Kinds call it once, when their module loads.
 */
export function describeIdNamespace(ns: string, noun: string, field: string): void {
  nouns.set(ns, { noun, field });
}

/** `interface loop0`, `ACL uplink-in`. */
export function describeRef(r: IdRef): string {
  return `${nouns.get(r.$ref)?.noun ?? r.$ref} ${r.name}`;
}

/** The id field a namespace stands for (`sw_if_index`), for messages. */
export function idFieldOf(ns: string): string {
  return nouns.get(ns)?.field ?? 'id';
}

/** Every VPP-assigned id known: namespace → name → id. */
export class IdTable {
  private readonly maps = new Map<string, Map<string, number>>();

  /** The map of one namespace (created empty on first use; shared, not copied). */
  of(ns: string): Map<string, number> {
    let m = this.maps.get(ns);
    if (!m) this.maps.set(ns, (m = new Map()));
    return m;
  }

  get(r: IdRef): number | undefined {
    return this.maps.get(r.$ref)?.get(r.name);
  }

  set(r: IdRef, id: number): void {
    this.of(r.$ref).set(r.name, id);
  }

  delete(r: IdRef): void {
    this.maps.get(r.$ref)?.delete(r.name);
  }

  /** A copy the executor can change without touching the live state's. */
  clone(): IdTable {
    const t = new IdTable();
    for (const [ns, m] of this.maps) t.maps.set(ns, new Map(m));
    return t;
  }
}
