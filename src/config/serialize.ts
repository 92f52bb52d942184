/**
 * Model → YAML document (what `export` writes). Defaults are left out, so the output is what a
 * person would write; loading it gives back the same state (tested on every example).
 */
import { stringify } from 'yaml';
import { DEFAULTS, defaultVrfTableName, IP_PROTOCOLS, parseIp, parseRouteKey } from '../model/defaults.js';
import type {
  AclRule,
  BridgeDomain,
  Interface,
  Nat44,
  PortRange,
  Route,
  RoutePath,
  State,
  Vrf,
} from '../model/types.js';

type Doc = Record<string, unknown>;

/** The state as a plain YAML-shaped document (kebab-case fields, defaults omitted). */
export function stateToDocument(state: State): Doc {
  const doc: Doc = {};
  const interfaces: Doc = {};
  for (const itf of Object.values(state.interfaces)) interfaces[itf.name] = interfaceDoc(itf, state);
  for (const name of state.absent.interfaces) interfaces[name] = { state: 'absent' };
  if (Object.keys(interfaces).length) doc.interfaces = interfaces;

  const vrfs: Doc = {};
  for (const v of Object.values(state.vrfs)) vrfs[String(v.id)] = vrfDoc(v);
  for (const id of state.absent.vrfs) vrfs[id] = { state: 'absent' };
  if (Object.keys(vrfs).length) doc.vrfs = vrfs;

  const routes: Doc[] = Object.values(state.routes).map(routeDoc);
  for (const key of state.absent.routes) {
    const { vrf, prefix } = parseRouteKey(key);
    routes.push({ prefix, ...(vrf ? { vrf } : {}), state: 'absent' });
  }
  if (routes.length) doc.routes = routes;

  const bds: Doc = {};
  for (const bd of Object.values(state.bridgeDomains)) bds[String(bd.id)] = bridgeDomainDoc(bd);
  for (const id of state.absent.bridgeDomains) bds[id] = { state: 'absent' };
  if (Object.keys(bds).length) doc['bridge-domains'] = bds;

  const xcs: Doc = {};
  for (const xc of Object.values(state.l2Xconnects)) xcs[xc.rx] = xc.tx;
  for (const rx of state.absent.l2Xconnects) xcs[rx] = { state: 'absent' };
  if (Object.keys(xcs).length) doc['l2-xconnects'] = xcs;

  const acls: Doc = {};
  for (const acl of Object.values(state.acls))
    acls[acl.name] = acl.rules.length ? { rules: acl.rules.map(ruleDoc) } : {};
  for (const name of state.absent.acls) acls[name] = { state: 'absent' };
  if (Object.keys(acls).length) doc.acls = acls;

  if (state.nat44) doc.nat44 = nat44Doc(state.nat44);
  if (state.linuxCp)
    doc['linux-cp'] = state.linuxCp.defaultNamespace
      ? { 'default-namespace': state.linuxCp.defaultNamespace }
      : {};
  const settings: Doc = {};
  if (state.settings.prune !== DEFAULTS.prune) settings.prune = state.settings.prune;
  const ignore: Doc = {};
  const yamlNames: Record<string, string> = { bridgeDomains: 'bridge-domains', l2Xconnects: 'l2-xconnects' };
  for (const [k, v] of Object.entries(state.settings.ignore))
    if (v.length) ignore[yamlNames[k] ?? k] = [...v];
  if (Object.keys(ignore).length) settings.ignore = ignore;
  if (Object.keys(settings).length) doc.settings = settings;
  return doc;
}

/** The state as YAML text, optionally with a comment header and an editor schema modeline. */
export function stateToYaml(state: State, opts: { header?: string; schemaUrl?: string } = {}): string {
  const lines: string[] = [];
  if (opts.schemaUrl) lines.push(`# yaml-language-server: $schema=${opts.schemaUrl}`);
  if (opts.header) lines.push(...opts.header.split('\n').map((l) => (l ? `# ${l}` : '#')));
  const body = stringify(stateToDocument(state), { lineWidth: 0, flowCollectionPadding: false });
  return (lines.length ? lines.join('\n') + '\n' : '') + (body === '{}\n' ? '' : body);
}

function interfaceDoc(itf: Interface, state: State): Doc {
  const d: Doc = {};
  if (itf.adminState !== DEFAULTS.adminState) d['admin-state'] = itf.adminState;
  if (itf.mtu !== undefined) d.mtu = itf.mtu;
  if (itf.mac !== undefined) d.mac = itf.mac;
  if (itf.description !== undefined) d.description = itf.description;
  if (itf.vrf.ipv4 === itf.vrf.ipv6) {
    if (itf.vrf.ipv4 !== 0) d.vrf = itf.vrf.ipv4;
  } else d.vrf = { ...itf.vrf };
  if (itf.addresses.length) d.addresses = [...itf.addresses];
  if (itf.unnumbered !== undefined) d.unnumbered = itf.unnumbered;
  if (itf.acls.input.length || itf.acls.output.length) {
    const a: Doc = {};
    if (itf.acls.input.length) a.input = [...itf.acls.input];
    if (itf.acls.output.length) a.output = [...itf.acls.output];
    d.acls = a;
  }
  if (itf.linuxCp) {
    const l: Doc = { 'host-name': itf.linuxCp.hostName };
    if (itf.linuxCp.hostType !== DEFAULTS.linuxCpHostType) l['host-type'] = itf.linuxCp.hostType;
    if (itf.linuxCp.namespace !== (state.linuxCp?.defaultNamespace ?? ''))
      l.namespace = itf.linuxCp.namespace;
    d['linux-cp'] = l;
  }
  if (itf.mssClamp) {
    const m: Doc = {};
    for (const fam of ['ipv4', 'ipv6'] as const) {
      const f = itf.mssClamp[fam];
      if (f) m[fam] = f.direction === DEFAULTS.mssClampDirection ? f.mss : { ...f };
    }
    d['mss-clamp'] = m;
  }
  const roles = (['inside', 'outside', 'output'] as const).filter((r) => itf.nat44[r]);
  if (roles.length) d.nat44 = roles.length === 1 ? roles[0] : roles;
  if (itf.macswap) d.macswap = true;
  if (itf.features)
    d.features = Object.fromEntries(Object.entries(itf.features).map(([a, l]) => [a, [...l]]));
  switch (itf.kind) {
    case 'tap': {
      const t = itf.tap;
      const o: Doc = {};
      if (t.hostName !== undefined) o['host-name'] = t.hostName;
      if (t.hostNamespace) o['host-namespace'] = t.hostNamespace;
      if (t.hostBridge) o['host-bridge'] = t.hostBridge;
      if (t.hostMtu !== undefined) o['host-mtu'] = t.hostMtu;
      if (t.hostMac !== undefined) o['host-mac'] = t.hostMac;
      if (t.hostIpv4Address !== undefined) o['host-ipv4-address'] = t.hostIpv4Address;
      if (t.hostIpv6Address !== undefined) o['host-ipv6-address'] = t.hostIpv6Address;
      if (t.rxRingSize !== DEFAULTS.tapRingSize) o['rx-ring-size'] = t.rxRingSize;
      if (t.txRingSize !== DEFAULTS.tapRingSize) o['tx-ring-size'] = t.txRingSize;
      for (const [k, v] of [
        ['tun', t.tun],
        ['gso', t.gso],
        ['checksum-offload', t.checksumOffload],
        ['persist', t.persist],
      ] as const)
        if (v) o[k] = true;
      if (Object.keys(o).length) d.tap = o;
      break;
    }
    case 'memif': {
      const m = itf.memif;
      const o: Doc = {};
      if (m.socketId !== 0) o.socket = m.socketFilename;
      if (m.role !== DEFAULTS.memifRole) o.role = m.role;
      if (m.mode !== DEFAULTS.memifMode) o.mode = m.mode;
      if (m.rxQueues !== undefined) o['rx-queues'] = m.rxQueues;
      if (m.txQueues !== undefined) o['tx-queues'] = m.txQueues;
      if (m.ringSize !== undefined) o['ring-size'] = m.ringSize;
      if (m.bufferSize !== undefined) o['buffer-size'] = m.bufferSize;
      if (m.secret !== undefined) o.secret = m.secret;
      if (m.zeroCopy !== DEFAULTS.memifZeroCopy) o['zero-copy'] = m.zeroCopy;
      if (Object.keys(o).length) d.memif = o;
      break;
    }
    case 'vxlan': {
      const v = itf.vxlan;
      const o: Doc = { source: v.source, destination: v.destination, vni: v.vni };
      if (v.encapVrf !== 0) o['encap-vrf'] = v.encapVrf;
      if (v.port !== DEFAULTS.vxlanPort) o.port = v.port;
      if (v.decap !== DEFAULTS.vxlanDecap) o.decap = v.decap;
      d.vxlan = o;
      break;
    }
    case 'bond': {
      const b = itf.bond;
      const o: Doc = {};
      if (b.mode !== DEFAULTS.bondMode) o.mode = b.mode;
      if (b.loadBalance !== DEFAULTS.bondLoadBalance && (b.mode === 'xor' || b.mode === 'lacp'))
        o['load-balance'] = b.loadBalance;
      if (b.numaOnly) o['numa-only'] = true;
      const members = Object.entries(b.members).map(([name, m]) =>
        m.passive || m.longTimeout
          ? {
              interface: name,
              ...(m.passive ? { passive: true } : {}),
              ...(m.longTimeout ? { 'long-timeout': true } : {}),
            }
          : name,
      );
      if (members.length) o.members = members;
      if (Object.keys(o).length) d.bond = o;
      break;
    }
    case 'sub-interface': {
      const s = itf.sub;
      const implied =
        s.outerVlan === s.subId && s.innerVlan === undefined && !s.dot1ad && s.exactMatch && !s.default;
      if (!implied) {
        const o: Doc = {};
        if (s.default) o.default = true;
        if (s.outerVlan !== undefined) o.outer = s.outerVlan;
        if (s.innerVlan !== undefined) o.inner = s.innerVlan;
        if (s.dot1ad) o.dot1ad = true;
        const fixed = s.outerVlan !== 'any' && s.innerVlan !== 'any' && !s.default;
        if (s.exactMatch !== fixed) o['exact-match'] = s.exactMatch;
        d.encapsulation = o;
      }
      break;
    }
    default:
      break;
  }
  return d;
}

function vrfDoc(v: Vrf): Doc {
  const d: Doc = {};
  const fams = (['ipv4', 'ipv6'] as const).filter((f) => v[f]);
  if (fams.length === 1) d.families = fams;
  const named = fams.filter((f) => v[f]?.name !== defaultVrfTableName(f, v.id));
  const names = new Set(named.map((f) => v[f]?.name));
  if (named.length === fams.length && names.size === 1) d.name = [...names][0];
  else for (const f of named) d[`${f}-name`] = v[f]?.name;
  return d;
}

function pathDoc(p: RoutePath, vrf: number): Doc {
  const d: Doc = {};
  if (p.type !== 'normal') d.type = p.type;
  if (p.via !== undefined) d.via = p.via;
  if (p.interface !== undefined) d.interface = p.interface;
  if (p.viaVrf !== undefined && p.viaVrf !== vrf) d['via-vrf'] = p.viaVrf;
  if (p.weight !== DEFAULTS.routeWeight) d.weight = p.weight;
  if (p.preference !== DEFAULTS.routePreference) d.preference = p.preference;
  return d;
}

function routeDoc(r: Route): Doc {
  const d: Doc = { prefix: r.prefix };
  if (r.vrf !== 0) d.vrf = r.vrf;
  if (r.paths.length === 1) Object.assign(d, pathDoc(r.paths[0], r.vrf));
  else d.paths = r.paths.map((p) => pathDoc(p, r.vrf));
  return d;
}

function bridgeDomainDoc(bd: BridgeDomain): Doc {
  const d: Doc = {};
  if (bd.description !== undefined) d.description = bd.description;
  const flags: Array<[string, boolean, boolean]> = [
    ['learn', bd.learn, DEFAULTS.bridgeDomain.learn],
    ['forward', bd.forward, DEFAULTS.bridgeDomain.forward],
    ['flood', bd.flood, DEFAULTS.bridgeDomain.flood],
    ['unknown-unicast-flood', bd.unknownUnicastFlood, DEFAULTS.bridgeDomain.unknownUnicastFlood],
    ['arp-termination', bd.arpTermination, DEFAULTS.bridgeDomain.arpTermination],
    ['arp-unicast-forward', bd.arpUnicastForward, DEFAULTS.bridgeDomain.arpUnicastForward],
  ];
  for (const [k, v, dflt] of flags) if (v !== dflt) d[k] = v;
  if (bd.macAge !== DEFAULTS.bridgeDomain.macAge) d['mac-age'] = bd.macAge;
  if (bd.bvi !== undefined) d.bvi = bd.bvi;
  if (bd.unknownUnicastForward !== undefined) d['unknown-unicast-forward'] = bd.unknownUnicastForward;
  const members = Object.entries(bd.members).map(([name, m]) =>
    m.splitHorizonGroup ? { interface: name, 'split-horizon-group': m.splitHorizonGroup } : name,
  );
  if (members.length) d.members = members;
  return d;
}

const PROTOCOL_NAMES = new Map(Object.entries(IP_PROTOCOLS).map(([k, v]) => [v, k]));

function rangeText(r: PortRange | undefined, full: PortRange): string | number | undefined {
  if (!r || (r.first === full.first && r.last === full.last)) return undefined;
  return r.first === r.last ? r.first : `${r.first}-${r.last}`;
}

function ruleDoc(r: AclRule): Doc {
  const d: Doc = { action: r.action };
  const v6 = r.source.includes(':');
  const anyV = v6 ? '::/0' : '0.0.0.0/0';
  if (r.source === anyV && r.destination === anyV && v6) d.family = 'ipv6';
  if (r.source !== anyV) d.source = r.source;
  if (r.destination !== anyV) d.destination = r.destination;
  if (r.protocol !== 0) d.protocol = PROTOCOL_NAMES.get(r.protocol) ?? r.protocol;
  const put = (k: string, v: string | number | undefined) => {
    if (v !== undefined) d[k] = v;
  };
  put('source-ports', rangeText(r.sourcePorts, DEFAULTS.aclPortRange));
  put('destination-ports', rangeText(r.destinationPorts, DEFAULTS.aclPortRange));
  put('icmp-type', rangeText(r.icmpType, DEFAULTS.aclIcmpRange));
  put('icmp-code', rangeText(r.icmpCode, DEFAULTS.aclIcmpRange));
  if (r.tcpFlags.mask !== 0) d['tcp-flags'] = { ...r.tcpFlags };
  return d;
}

function ipv4Number(a: string): number {
  const b = parseIp(a)?.bytes ?? new Uint8Array(4);
  return ((b[0] << 24) >>> 0) + (b[1] << 16) + (b[2] << 8) + b[3];
}

function nat44Doc(n: Nat44): Doc {
  const d: Doc = {};
  if (n.enabled !== DEFAULTS.nat44Enabled) d.enabled = n.enabled;
  if (n.insideVrf) d['inside-vrf'] = n.insideVrf;
  if (n.outsideVrf) d['outside-vrf'] = n.outsideVrf;
  if (n.sessions !== undefined) d.sessions = n.sessions;
  if (n.staticMappingOnly) d['static-mapping-only'] = true;
  if (n.connectionTracking) d['connection-tracking'] = true;
  if (n.forwarding) d.forwarding = true;
  // Consecutive addresses with the same attributes become one range.
  const pool: unknown[] = [];
  let i = 0;
  while (i < n.pool.length) {
    let j = i;
    const same = (a: (typeof n.pool)[number], b: (typeof n.pool)[number]) =>
      a.vrf === b.vrf && a.twiceNat === b.twiceNat;
    while (
      j + 1 < n.pool.length &&
      same(n.pool[j + 1], n.pool[i]) &&
      ipv4Number(n.pool[j + 1].address) === ipv4Number(n.pool[j].address) + 1
    )
      j++;
    const text = i === j ? n.pool[i].address : `${n.pool[i].address}-${n.pool[j].address}`;
    const p = n.pool[i];
    pool.push(
      p.vrf === undefined && !p.twiceNat
        ? text
        : {
            addresses: text,
            ...(p.vrf !== undefined ? { vrf: p.vrf } : {}),
            ...(p.twiceNat ? { 'twice-nat': true } : {}),
          },
    );
    i = j + 1;
  }
  if (pool.length) d.pool = pool;
  return d;
}
