/** Member lookup for one enum / enumflags type, used by compiled codecs. */
export class EnumInfo {
  private readonly byValue = new Map<number, string>();
  private readonly byName = new Map<string, number>();
  private readonly bits: Array<[string, number]>;
  private readonly memo = new Map<number, string>();
  /** Names by value for small values: an array index beats a Map lookup on the decode path. */
  private readonly dense: Array<string | undefined> = [];

  constructor(
    readonly name: string,
    readonly flags: boolean,
    readonly members: ReadonlyArray<readonly [string, number]>,
  ) {
    for (const [n, v] of members) {
      if (!this.byValue.has(v)) this.byValue.set(v, n);
      this.byName.set(n, v);
      if (Number.isInteger(v) && v >= 0 && v < 256 && this.dense[v] === undefined) this.dense[v] = n;
    }
    // Single-bit members, in definition order, for naming combinations.
    this.bits = members.filter(([, v]) => v > 0 && (v & (v - 1)) === 0 && v <= 0x80000000) as Array<
      [string, number]
    >;
  }

  /**
   * The `__name` of a value: the exact member; else single-bit members joined with `|` in
   * definition order, unknown bits appended in hex; `""` for 0 without a member.
   */
  nameOf(v: number): string {
    if (v < this.dense.length) {
      const d = this.dense[v];
      if (d !== undefined) return d;
    }
    const exact = this.byValue.get(v);
    if (exact !== undefined) return exact;
    const m = this.memo.get(v);
    if (m !== undefined) return m;
    let s: string;
    if (v === 0) s = '';
    else {
      const parts: string[] = [];
      let rest = v >>> 0;
      for (const [n, bit] of this.bits) {
        if ((rest & bit) !== 0) {
          parts.push(n);
          rest = (rest & ~bit) >>> 0;
        }
      }
      if (rest !== 0) parts.push(`0x${rest.toString(16)}`);
      s = parts.join('|');
    }
    // Bounded so that hostile values cannot grow it without limit.
    if (this.memo.size < 4096) this.memo.set(v, s);
    return s;
  }

  /** A member name, `"A|B"` or a list of names → the number; undefined when a name is unknown. */
  valueOf(x: string | readonly unknown[]): number | undefined {
    if (typeof x === 'string') {
      const direct = this.byName.get(x);
      if (direct !== undefined) return direct;
    }
    const names = typeof x === 'string' ? x.split('|') : x;
    let v = 0;
    for (const raw of names) {
      if (typeof raw !== 'string') return undefined;
      const n = raw.trim();
      if (n === '' && names.length === 1) return 0;
      const mv = this.byName.get(n);
      if (mv !== undefined) v = names.length === 1 ? mv : (v | mv) >>> 0;
      else if (/^0x[0-9a-f]+$/i.test(n)) v = (v | Number.parseInt(n, 16)) >>> 0;
      else return undefined;
    }
    return v;
  }
}
