/**
 * Reading feature arcs back. VPP has no dump of the features enabled on an interface; it has
 * `feature_is_enabled`, whose answer is VPP's internal error code cast to bool, and the CLI's
 * `show interface features <if>` (through cli_inband), which is exact but costs a call per
 * interface and its text.
 *
 * feature_is_enabled, measured on the real VPP: an unknown arc or feature reads true; so does an
 * interface index past the arc's per-interface config vector, which only grows when a feature of
 * that arc is switched on or off at that index or above. A `false` is therefore always right, and
 * a `true` is right for every index up to the highest index that read false. Above it, an index
 * is inside the vector exactly when its feature really is on, so the boundary is found by asking
 * the CLI about O(log n) interfaces.
 */
import type { VppCaller } from '../../api/types.js';
import { mapLimit, READ_CONCURRENCY } from './concurrency.js';
import { isUnsupported } from './util.js';

/**
 * `show interface features <name>` parsed: arc → enabled features, in order, repeats kept (VPP
 * lists a feature enabled twice twice). The L2 feature bitmaps printed after the arcs are not arcs.
 */
export function parseInterfaceFeatures(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let arc: string | undefined;
  for (const line of text.split('\n')) {
    const head = /^([A-Za-z0-9][\w.-]*):$/.exec(line);
    if (head) {
      arc = head[1] === 'l2-input' || head[1] === 'l2-output' ? undefined : head[1];
      if (arc) out.set(arc, []);
      continue;
    }
    const item = /^ {2}(\S+)$/.exec(line);
    if (arc && item && item[1] !== 'none') out.get(arc)?.push(item[1]);
  }
  return out;
}

/** The features on one interface's arcs, from the CLI; undefined when VPP has no cli_inband. */
export async function showFeatures(
  caller: VppCaller,
  itf: string,
): Promise<Map<string, string[]> | undefined> {
  try {
    const r = await caller.call('cli_inband', { cmd: `show interface features ${itf}` });
    return parseInterfaceFeatures(String(r.reply ?? ''));
  } catch (err) {
    if (isUnsupported(err)) return undefined;
    throw err;
  }
}

/** Which of these interfaces have `feature` on `arc`; undefined when VPP offers no way to tell. */
export async function featureOn(
  caller: VppCaller,
  arc: string,
  feature: string,
  ifs: ReadonlyArray<{ readonly name: string; readonly index: number }>,
): Promise<Set<string> | undefined> {
  const viaCli = async (name: string): Promise<boolean | undefined> =>
    (await showFeatures(caller, name))?.get(arc)?.includes(feature);
  let answers: boolean[];
  try {
    answers = await mapLimit(ifs, READ_CONCURRENCY, async (i) =>
      Boolean(
        (
          await caller.call('feature_is_enabled', {
            sw_if_index: i.index,
            arc_name: arc,
            feature_name: feature,
          })
        ).is_enabled,
      ),
    );
  } catch (err) {
    if (!isUnsupported(err)) throw err;
    // an older VPP: the CLI for every interface
    const on = new Set<string>();
    for (const i of ifs) {
      const v = await viaCli(i.name);
      if (v === undefined) return undefined;
      if (v) on.add(i.name);
    }
    return on;
  }
  const on = new Set<string>();
  let highestFalse = -1;
  ifs.forEach((i, k) => {
    if (!answers[k]) highestFalse = Math.max(highestFalse, i.index);
  });
  const unsure: Array<{ name: string; index: number }> = [];
  ifs.forEach((i, k) => {
    if (!answers[k]) return;
    if (i.index <= highestFalse) on.add(i.name);
    else unsure.push(i);
  });
  // on for the lower indexes, off from the vector's end up: find the boundary with the CLI
  unsure.sort((a, b) => a.index - b.index);
  let lo = 0;
  let hi = unsure.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const v = await viaCli(unsure[mid].name);
    if (v === undefined) return undefined;
    if (v) lo = mid + 1;
    else hi = mid;
  }
  for (let k = 0; k < lo; k++) on.add(unsure[k].name);
  return on;
}
