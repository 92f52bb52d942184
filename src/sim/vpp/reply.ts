import type { ApiMessage } from '../../api/types.js';
import { DetailsList, type WireCache, detailsOf } from '../protocol/details.js';
import type { SimOutMessage, SimResponse } from '../types.js';

/** A reply with retval (0 unless given) and extra fields. */
export function ok(fields: ApiMessage = {}): SimResponse {
  return { reply: { fields: { retval: 0, ...fields } } };
}

export function fail(retval: number, fields: ApiMessage = {}): SimResponse {
  return { reply: { fields: { retval, ...fields } } };
}

/** Details of a classic dump (the client's control_ping ends it). */
export function details(name: string, items: Iterable<ApiMessage>): SimResponse {
  if (Array.isArray(items)) return { details: detailsOf(name, items as ApiMessage[]) };
  return { details: mapIter(items, (fields) => ({ name, fields })) };
}

/** Details built from `items` one at a time, as they are sent (see DetailsList). */
export function detailsMap<T>(
  name: string,
  items: readonly T[],
  fieldsOf: (item: T) => ApiMessage,
  wire?: WireCache<T>,
): SimResponse {
  return { details: new DetailsList(name, items, fieldsOf, wire) };
}

export function* mapIter<A, B>(it: Iterable<A>, f: (a: A) => B): Generator<B> {
  for (const a of it) yield f(a);
}

export function detailsList(name: string, items: ApiMessage[]): SimOutMessage[] {
  return items.map((fields) => ({ name, fields }));
}
