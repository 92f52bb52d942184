import type { MemifInterface, State } from '../types.js';
import { asInterface, INTERFACE_KIND } from './interface.js';
import { MEMIF_SOCKET_KIND, memifSocketKey } from './interface-types.js';
import { opBuilder } from './ops.js';
import type { ApiCall, KindModule, KindObject, ObjectSet, ReadContext, Resource } from './types.js';
import { dumpOrNothing, num, str } from './util.js';

/**
 * memif socket files (memif_socket_filename_add_del_v2). Not a section of the documents: each
 * memif names its socket id and file, and the sockets are derived from them. Socket 0 is VPP's
 * own (/run/vpp/memif.sock) and is never created or deleted.
 */
export { MEMIF_SOCKET_KIND };

interface MemifSocket {
  id: number;
  filename: string;
}
const asSocket = (r: Resource): MemifSocket => r.obj as unknown as MemifSocket;

function call(s: MemifSocket, add: boolean): ApiCall {
  return {
    message: 'memif_socket_filename_add_del_v2',
    args: { is_add: add, socket_id: s.id, socket_filename: add ? s.filename : '' },
    cli: add ? `create memif socket id ${s.id} filename ${s.filename}` : `delete memif socket id ${s.id}`,
  };
}

async function read(ctx: ReadContext): Promise<Resource[]> {
  return (await dumpOrNothing(ctx, 'memif_socket_filename_dump'))
    .filter((d) => num(d, 'socket_id') !== 0)
    .map((d) => ({
      kind: MEMIF_SOCKET_KIND,
      id: String(num(d, 'socket_id')),
      obj: { id: num(d, 'socket_id'), filename: str(d, 'socket_filename') } as KindObject,
    }));
}

const memifsOn = (live: ObjectSet, id: number): Resource[] =>
  [...(live.get(INTERFACE_KIND)?.values() ?? [])].filter((r) => {
    const i = asInterface(r);
    return i.kind === 'memif' && (i as MemifInterface).memif?.socketId === id;
  });

export const memifSocketKind: KindModule = {
  kind: MEMIF_SOCKET_KIND,
  title: 'memif sockets',
  section: '',
  identity: ['id'],
  fromState(state: State) {
    const out = new Map<string, KindObject>();
    for (const i of Object.values(state.interfaces))
      if (i.kind === 'memif' && i.memif.socketId !== 0)
        out.set(String(i.memif.socketId), { id: i.memif.socketId, filename: i.memif.socketFilename });
    return [...out].map(([id, obj]) => ({ id, obj }));
  },
  immutable: ['id', 'filename'],
  // VPP accepts two socket ids on one file, but a second listener on it fails (-14): one at a time.
  vppKeys: (o) => [`memif-socket file ${String(o.filename)}`],
  taggable: false,
  read,
  create(d) {
    const s = asSocket(d);
    return [
      opBuilder(
        d,
        'create',
      )({
        summary: `create memif socket ${s.id} ${s.filename}`,
        call: call(s, true),
        inverse: [call(s, false)],
        provides: [memifSocketKey(s.id)],
      }),
    ];
  },
  update() {
    return [];
  },
  delete(l) {
    const s = asSocket(l);
    return [
      opBuilder(
        l,
        'delete',
      )({
        summary: `delete memif socket ${s.id}`,
        call: call(s, false),
        inverse: [call(s, true)],
        removes: [memifSocketKey(s.id)],
      }),
    ];
  },
  ownedBy(l, live) {
    return memifsOn(live, asSocket(l).id).some((r) => r.owned === true);
  },
};
