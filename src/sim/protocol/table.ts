import type { ApiDefinitions } from '../../api/definitions/index.js';

/** The handshake messages keep these ids whatever the table says (VPP's socksvr does the same). */
export const PINNED_IDS: Readonly<Record<string, number>> = {
  sockclnt_create: 15,
  sockclnt_create_reply: 16,
};

/**
 * The server's message table: every message of its definitions gets an id, keyed by name_crc as
 * VPP's is. `generation` shifts every unpinned id, as a restarted VPP with other plugins would.
 */
export class SimMessageTable {
  private readonly byId: string[] = [];
  private readonly ids = new Map<string, number>();
  readonly entries: ReadonlyArray<{ index: number; name: string }>;

  constructor(defs: ApiDefinitions, generation = 0) {
    const names = [...defs.messages.keys()].filter((n) => !(n in PINNED_IDS));
    const free: number[] = [];
    for (let id = 1; free.length < names.length; id++)
      if (!Object.values(PINNED_IDS).includes(id)) free.push(id);
    const shift = names.length > 1 ? (generation * 7) % names.length || 1 : 0;
    const rotate = generation === 0 ? 0 : shift;
    names.forEach((name, i) => this.assign(name, free[(i + rotate) % free.length]));
    for (const [name, id] of Object.entries(PINNED_IDS)) if (defs.messages.has(name)) this.assign(name, id);
    this.entries = [...this.ids].map(([name, index]) => ({ index, name: defs.message(name).nameCrc }));
  }

  /** Message id of a name (without crc), or undefined. */
  idOf(name: string): number | undefined {
    return this.ids.get(name);
  }

  /** Message name (without crc) of an id, or undefined. */
  nameOf(id: number): string | undefined {
    return this.byId[id];
  }

  private assign(name: string, id: number): void {
    this.ids.set(name, id);
    this.byId[id] = name;
  }
}
