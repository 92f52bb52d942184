/**
 * A second opinion on the result of an apply: what a real VPP's own CLI (vppctl) shows, compared
 * with the documents, without vppstate's reader in between. Each check returns what differs, as
 * lines a person can act on (empty when VPP shows what the documents say).
 */
import type { BridgeDomain, Interface, Route, RoutePath, State } from '../../src/model/types.js';
import type { RealVpp } from './real-vpp.js';

interface ShownInterface {
  readonly state: string;
  readonly mtu: number;
}

/** `show interface`: name → admin state and L3 MTU. */
export function parseShowInterface(out: string): Map<string, ShownInterface> {
  const m = new Map<string, ShownInterface>();
  for (const line of out.split('\n')) {
    const r = /^(\S+)\s+\d+\s+(up|down)\s+(\d+)\/\d+\/\d+\/\d+/.exec(line);
    if (r) m.set(r[1] as string, { state: r[2] as string, mtu: Number(r[3]) });
  }
  return m;
}

interface ShownAddresses {
  /** "addr/len" → table id ("ip4 table-id N", 0 when not shown). */
  readonly l3: Map<string, number>;
  readonly l2: string[];
  /** "unnumbered, use loop0": the interface whose addresses it borrows (and shows). */
  unnumbered?: string;
}

/** `show interface address`: per interface its L3 addresses (with table) and L2 lines. */
export function parseShowIntAddr(out: string): Map<string, ShownAddresses> {
  const m = new Map<string, ShownAddresses>();
  let cur: ShownAddresses | undefined;
  for (const line of out.split('\n')) {
    const head = /^(\S+) \((up|dn)\):/.exec(line);
    if (head) {
      cur = { l3: new Map(), l2: [] };
      m.set(head[1] as string, cur);
      continue;
    }
    const un = /^\s+unnumbered, use (\S+)/.exec(line);
    if (un && cur) cur.unnumbered = un[1];
    const l3 = /^\s+L3 (\S+)(?: ip[46] table-id (\d+))?/.exec(line);
    if (l3 && cur) cur.l3.set(l3[1] as string, Number(l3[2] ?? 0));
    const l2 = /^\s+L2 (.*\S)\s*$/.exec(line);
    if (l2 && cur) cur.l2.push(l2[1] as string);
  }
  return m;
}

/** `show mode`: interface → its mode line ("l3", "l2 bridge bd_id 10 shg 0", "l2 xconnect memif2/0"…). */
export function parseShowMode(out: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of out.split('\n')) {
    const r = /^(l3|l2 \S+) (\S+)\s*(.*?)\s*$/.exec(line);
    if (r) m.set(r[2] as string, [r[1], r[3]].filter((x) => x).join(' '));
  }
  return m;
}

interface ShownBridgeDomain {
  readonly flags: Record<string, string>;
  readonly members: Map<string, { shg: number; bvi: boolean }>;
}

/** `show bridge-domain N detail`: its flag row (by column) and members with their SHG and BVI mark. */
export function parseShowBridgeDomain(out: string): ShownBridgeDomain | undefined {
  const lines = out.split('\n');
  const hi = lines.findIndex((l) => /^\s*BD-ID\s+Index/.test(l));
  if (hi < 0) return undefined;
  const cols = (lines[hi] as string).trim().split(/\s+/);
  const vals = (lines[hi + 1] ?? '').trim().split(/\s+/);
  const flags = Object.fromEntries(cols.map((c, i) => [c, vals[i] ?? '']));
  const members = new Map<string, { shg: number; bvi: boolean }>();
  const mi = lines.findIndex((l) => /^\s*Interface\s+If-idx\s+ISN\s+SHG\s+BVI/.test(l));
  if (mi >= 0)
    for (const l of lines.slice(mi + 1)) {
      const r = /^\s*(\S+)\s+\d+\s+\d+\s+(\d+)\s+(\S+)/.exec(l);
      if (!r) break;
      members.set(r[1] as string, { shg: Number(r[2]), bvi: r[3] === '*' });
    }
  return { flags, members };
}

/** The API-sourced block of `show ip[6] fib table N PREFIX` for exactly that prefix, or undefined. */
export function apiBlockOf(out: string, prefix: string): string | undefined {
  const lines = out.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`${prefix} fib:`));
  if (start < 0) return undefined;
  const block: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (/^\S/.test(l) || /^ forwarding:/.test(l)) break;
    block.push(l);
  }
  const api = block.findIndex((l) => /^ {2}API refs:/.test(l));
  if (api < 0) return undefined;
  const end = block.findIndex((l, i) => i > api && /^ {2}\S/.test(l));
  return block.slice(api, end < 0 ? undefined : end).join('\n');
}

/** What a path looks like in `show ip fib` (path line and the line after it). */
function pathShown(p: RoutePath, ip6: boolean): RegExp {
  const head = `${ip6 ? 'ip6' : 'ip4'} weight=${p.weight} pref=${p.preference}`;
  const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  switch (p.type) {
    case 'drop':
      return new RegExp(`${esc(head)} (special|deag|drop)`);
    case 'unreachable':
    case 'prohibit':
      return new RegExp(
        `${esc(head)} \\S+:[^\\n]*\\n[^\\n]*${p.type === 'unreachable' ? 'unreach' : 'prohibit'}`,
        'i',
      );
    case 'local':
      return new RegExp(`${esc(head)} receive`);
    case 'normal':
      if (p.interface && p.via)
        return new RegExp(`${esc(head)} attached-nexthop:.*\\n\\s+${esc(p.via)} ${esc(p.interface)}\\b`);
      if (p.interface) return new RegExp(`${esc(head)} attached:.*\\n\\s+${esc(p.interface)}\\b`);
      return new RegExp(`${esc(head)} recursive:.*\\n\\s+via ${esc(p.via ?? '')} in fib:`);
  }
}

function bdExpectations(bd: BridgeDomain, shown: ShownBridgeDomain | undefined): string[] {
  if (!shown) return [`bridge-domain ${bd.id}: not shown by "show bridge-domain ${bd.id} detail"`];
  const out: string[] = [];
  const f = shown.flags;
  const want: Record<string, string> = {
    Learning: bd.learn ? 'on' : 'off',
    'U-Forwrd': bd.forward ? 'on' : 'off',
    'UU-Flood': bd.unknownUnicastFlood ? 'flood' : 'drop',
    Flooding: bd.flood ? 'on' : 'off',
    'ARP-Term': bd.arpTermination ? 'on' : 'off',
    'arp-ufwd': bd.arpUnicastForward ? 'on' : 'off',
    'Age(min)': bd.macAge === 0 ? 'off' : String(bd.macAge),
    'BVI-Intf': bd.bvi ?? 'N/A',
  };
  for (const [k, v] of Object.entries(want))
    if (f[k] !== v) out.push(`bridge-domain ${bd.id}: ${k} is ${f[k] ?? '(missing)'}, documents say ${v}`);
  const members = new Map(Object.entries(bd.members).map(([n, m]) => [n, m.splitHorizonGroup]));
  if (bd.bvi) members.set(bd.bvi, 0);
  for (const [name, shg] of members) {
    const m = shown.members.get(name);
    if (!m) out.push(`bridge-domain ${bd.id}: member ${name} not shown`);
    else if (m.shg !== shg)
      out.push(`bridge-domain ${bd.id}: member ${name} has SHG ${m.shg}, documents say ${shg}`);
  }
  for (const name of shown.members.keys())
    if (!members.has(name))
      out.push(`bridge-domain ${bd.id}: ${name} is a member, the documents do not say so`);
  return out;
}

function interfaceExpectations(
  i: Interface,
  shown: ShownInterface | undefined,
  addrs: ShownAddresses | undefined,
): string[] {
  if (!shown) return [`${i.name}: not in "show interface"`];
  const out: string[] = [];
  if (shown.state !== i.adminState) out.push(`${i.name}: ${shown.state}, documents say ${i.adminState}`);
  if (i.mtu !== undefined && shown.mtu !== i.mtu)
    out.push(`${i.name}: L3 MTU ${shown.mtu}, documents say ${i.mtu}`);
  if ((addrs?.unnumbered ?? undefined) !== i.unnumbered)
    out.push(`${i.name}: unnumbered ${addrs?.unnumbered ?? '(no)'}, documents say ${i.unnumbered ?? '(no)'}`);
  // an unnumbered interface shows the addresses it borrows
  if (i.unnumbered) return out;
  const l3 = new Map([...(addrs?.l3 ?? new Map<string, number>())].filter(([a]) => !a.startsWith('fe80:')));
  for (const a of i.addresses) {
    const table = a.includes(':') ? i.vrf.ipv6 : i.vrf.ipv4;
    if (!l3.has(a)) out.push(`${i.name}: address ${a} not in "show interface address"`);
    else if (l3.get(a) !== table)
      out.push(`${i.name}: address ${a} in table ${l3.get(a)}, documents say ${table}`);
  }
  for (const a of l3.keys())
    if (!i.addresses.includes(a)) out.push(`${i.name}: has address ${a}, the documents do not say so`);
  return out;
}

/**
 * Everything the documents say that vppctl can show: interfaces (admin state, MTU, addresses and
 * their tables), L2 modes, bridge domains (flags, members, SHG, BVI), cross-connects and routes.
 */
export async function vppctlMismatches(vpp: RealVpp, s: State): Promise<string[]> {
  const out: string[] = [];
  const ifs = parseShowInterface(await vpp.ctl('show', 'interface'));
  const addrs = parseShowIntAddr(await vpp.ctl('show', 'interface', 'address'));
  const modes = parseShowMode(await vpp.ctl('show', 'mode'));
  for (const i of Object.values(s.interfaces))
    out.push(...interfaceExpectations(i, ifs.get(i.name), addrs.get(i.name)));
  const l2 = new Map<string, string>();
  for (const bd of Object.values(s.bridgeDomains)) {
    for (const [name, m] of Object.entries(bd.members))
      l2.set(name, `l2 bridge bd_id ${bd.id} shg ${m.splitHorizonGroup}`);
    if (bd.bvi) l2.set(bd.bvi, `l2 bridge bd_id ${bd.id} bvi shg 0`);
    out.push(
      ...bdExpectations(
        bd,
        parseShowBridgeDomain(await vpp.ctl('show', 'bridge-domain', String(bd.id), 'detail')),
      ),
    );
  }
  for (const x of Object.values(s.l2Xconnects)) l2.set(x.rx, `l2 xconnect ${x.tx}`);
  for (const i of Object.values(s.interfaces)) {
    const mode = modes.get(i.name);
    const want = l2.get(i.name) ?? 'l3';
    if (mode !== want) out.push(`${i.name}: "show mode" says ${mode ?? '(nothing)'}, documents say ${want}`);
  }
  for (const r of Object.values(s.routes)) out.push(...(await routeMismatches(vpp, r)));
  return out;
}

async function routeMismatches(vpp: RealVpp, r: Route): Promise<string[]> {
  const ip6 = r.prefix.includes(':');
  const shown = await vpp.ctl('show', ip6 ? 'ip6' : 'ip', 'fib', 'table', String(r.vrf), r.prefix);
  const block = apiBlockOf(shown, r.prefix);
  const name = `route ${r.vrf}:${r.prefix}`;
  if (block === undefined)
    return [`${name}: no API-sourced entry in "show ip${ip6 ? '6' : ''} fib table ${r.vrf} ${r.prefix}"`];
  const out: string[] = [];
  const n = (block.match(/^\s+path:\[/gm) ?? []).length;
  if (n !== r.paths.length) out.push(`${name}: ${n} paths shown, documents say ${r.paths.length}`);
  for (const p of r.paths)
    if (!pathShown(p, ip6).test(block))
      out.push(`${name}: path ${JSON.stringify(p)} not shown as expected:\n${block}`);
  return out;
}
