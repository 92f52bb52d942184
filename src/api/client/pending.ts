/**
 * Requests in flight by context. Contexts are handed out in sequence, so a direct-mapped array
 * indexed by the low bits finds almost every entry without hashing; the rare collision (more than
 * 65,536 in flight, or a long-kept late-reply entry) goes to a Map. Same results as a Map, with
 * far less churn when tens of thousands of calls per second come and go.
 */
export class PendingTable<T extends { readonly context: number }> {
  private static readonly SIZE = 1 << 16;
  private readonly slots: Array<T | undefined> = new Array<T | undefined>(PendingTable.SIZE);
  private readonly overflow = new Map<number, T>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(context: number): T | undefined {
    const s = this.slots[context & (PendingTable.SIZE - 1)];
    if (s !== undefined && s.context === context) return s;
    return this.overflow.size === 0 ? undefined : this.overflow.get(context);
  }

  has(context: number): boolean {
    return this.get(context) !== undefined;
  }

  /** Adds or replaces the entry for `context` (= value.context). */
  set(context: number, value: T): void {
    const i = context & (PendingTable.SIZE - 1);
    const s = this.slots[i];
    if (s !== undefined && s.context === context) {
      this.slots[i] = value;
    } else if (this.overflow.size > 0 && this.overflow.has(context)) {
      this.overflow.set(context, value); // it went there while the slot was taken
    } else if (s === undefined) {
      this.slots[i] = value;
      this.count++;
    } else {
      this.overflow.set(context, value);
      this.count++;
    }
  }

  delete(context: number): boolean {
    const i = context & (PendingTable.SIZE - 1);
    const s = this.slots[i];
    if (s !== undefined && s.context === context) {
      this.slots[i] = undefined;
      this.count--;
      return true;
    }
    if (this.overflow.delete(context)) {
      this.count--;
      return true;
    }
    return false;
  }

  /** Every entry (a snapshot; safe to modify the table while going through it). */
  values(): T[] {
    const out: T[] = [];
    if (this.count === 0) return out;
    for (const s of this.slots) if (s !== undefined) out.push(s);
    for (const v of this.overflow.values()) out.push(v);
    return out;
  }

  clear(): void {
    this.slots.fill(undefined);
    this.overflow.clear();
    this.count = 0;
  }
}
