/**
 * Feature arcs, as VPP keeps them: per arc and interface an ordered list of enabled features in
 * which a feature enabled twice is there twice (vnet_config_add_feature appends, the del removes
 * one), and a per-arc config vector whose length decides whether feature_is_enabled's answer
 * means anything (an index past it reads "true", VPP's error code cast to bool).
 */
import type { VppState } from './state.js';

/**
 * The feature arcs of the reference build and, per arc, its features in VPP's order (`show
 * features verbose` on the real VPP): the order features run in and `show interface features`
 * prints them in.
 */
const ARC_FEATURES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['arp', ['linux-cp-arp-host', 'linux-cp-arp-phy', 'arp-reply', 'arp-proxy', 'arp-disabled', 'error-drop']],
  ['nsh-output', ['error-drop']],
  ['mpls-output', ['mpls-qos-mark', 'vlan-mpls-qos-mark', 'interface-output']],
  [
    'mpls-input',
    ['vlan-mpls-qos-record', 'mpls-qos-record', 'linux-cp-xc-mpls', 'mpls-not-enabled', 'mpls-lookup'],
  ],
  ['ip6-drop', ['error-drop']],
  ['ip6-punt', ['linux-cp-punt-l3', 'ip6-punt-acl', 'ip6-punt-redirect', 'error-punt']],
  ['ip6-local', ['ip6-local-end-of-arc']],
  [
    'ip6-output',
    [
      'tcp-mss-clamping-ip6-out',
      'acl-plugin-out-ip6-fa',
      'ip6-qos-mark',
      'vlan-ip6-qos-mark',
      'ip6-dvr-reinject',
      'gso-ip6',
      'pt',
      'ip6-sv-reassembly-output-feature',
      'ip6-outacl',
      'ipsec6-output-feature',
      'interface-output',
    ],
  ],
  [
    'ip6-multicast',
    [
      'ip6-qos-store',
      'vlan-ip6-qos-record',
      'ip6-qos-record',
      'linux-cp-xc-l3-ip6',
      'linux-cp-xc-ip6',
      'ip6-multicast-nd-proxy',
      'ip6-sv-reassembly-mcast-feature',
      'ip6-not-enabled',
      'vpath-input-ip6',
      'ip6-mfib-forward-lookup',
    ],
  ],
  [
    'ip6-unicast',
    [
      'acl-plugin-in-ip6-fa',
      'ip6-flow-classify',
      'ip6-inacl',
      'ip6-policer-classify',
      'tcp-mss-clamping-ip6-in',
      'ip6-qos-store',
      'vlan-ip6-qos-record',
      'ip6-qos-record',
      'linux-cp-xc-l3-ip6',
      'linux-cp-xc-ip6',
      'ip6-unicast-nd-proxy',
      'ip6-sv-reassembly-feature',
      'ip6-full-reassembly-feature',
      'ip6-not-enabled',
      'ipsec6-input-feature',
      'l2tp-decap',
      'vpath-input-ip6',
      'ip6-vxlan-bypass',
      'ip6-lookup',
    ],
  ],
  ['ip4-drop', ['error-drop']],
  ['ip4-punt', ['linux-cp-punt-l3', 'ip4-punt-acl', 'ip4-punt-redirect', 'error-punt']],
  ['ip4-local', ['syn-filter-4', 'ip4-local-end-of-arc']],
  [
    'ip4-output',
    [
      'ip4-sv-reassembly-output-feature',
      'nat44-ed-in2out-output',
      'nat44-in2out-output-worker-handoff',
      'nat-pre-in2out-output',
      'tcp-mss-clamping-ip4-out',
      'acl-plugin-out-ip4-fa',
      'ip4-qos-mark',
      'vlan-ip4-qos-mark',
      'ip4-dvr-reinject',
      'gso-ip4',
      'ip4-source-and-port-range-check-tx',
      'ip4-outacl',
      'ipsec4-output-feature',
      'interface-output',
    ],
  ],
  [
    'ip4-multicast',
    [
      'ip4-qos-store',
      'vlan-ip4-qos-record',
      'ip4-qos-record',
      'linux-cp-xc-l3-ip4',
      'linux-cp-xc-ip4',
      'ip4-sv-reassembly-mcast-feature',
      'ip4-not-enabled',
      'vpath-input-ip4',
      'ip4-mfib-forward-lookup',
    ],
  ],
  [
    'ip4-unicast',
    [
      'acl-plugin-in-ip4-fa',
      'ip4-full-reassembly-feature',
      'ip4-sv-reassembly-feature',
      'nat44-ed-out2in',
      'nat44-ed-in2out',
      'nat44-out2in-worker-handoff',
      'nat44-in2out-worker-handoff',
      'nat44-handoff-classify',
      'nat44-ed-classify',
      'nat-pre-out2in',
      'nat-pre-in2out',
      'ip4-source-and-port-range-check-rx',
      'ip4-flow-classify',
      'ip4-inacl',
      'ip4-policer-classify',
      'tcp-mss-clamping-ip4-in',
      'ip4-qos-store',
      'vlan-ip4-qos-record',
      'ip4-qos-record',
      'linux-cp-xc-l3-ip4',
      'linux-cp-xc-ip4',
      'ip4-not-enabled',
      'ipsec4-input-feature',
      'vpath-input-ip4',
      'ip4-vxlan-bypass',
      'ip4-lookup',
    ],
  ],
  ['l2-output-nonip', ['acl-plugin-out-nonip-l2', 'l2-output-feat-arc-end']],
  ['l2-input-nonip', ['acl-plugin-in-nonip-l2', 'l2-input-feat-arc-end']],
  ['l2-output-ip6', ['acl-plugin-out-ip6-l2', 'gso-l2-ip6', 'l2-output-feat-arc-end']],
  ['l2-input-ip6', ['acl-plugin-in-ip6-l2', 'l2-input-feat-arc-end']],
  ['l2-output-ip4', ['acl-plugin-out-ip4-l2', 'gso-l2-ip4', 'l2-output-feat-arc-end']],
  ['l2-input-ip4', ['acl-plugin-in-ip4-l2', 'l2-input-feat-arc-end']],
  ['ethernet-output', ['error-drop']],
  ['error-drop', ['drop']],
  ['interface-output', ['stats-collect-tx', 'ipsec-if-output', 'span-output', 'interface-output-arc-end']],
  [
    'port-rx-eth',
    ['bond-input', 'p2p-ethernet-input', 'span-input', 'worker-handoff', 'l2-patch', 'ethernet-input'],
  ],
  [
    'device-input',
    [
      'sample',
      'pg-input-mac-filter',
      'sr-pl-rewrite-encaps-l2',
      'bond-input',
      'stats-collect-rx',
      'p2p-ethernet-input',
      'span-input',
      'worker-handoff',
      'l2-patch',
      'ethernet-input',
    ],
  ],
];

/** Feature name → its rank on the arc, per arc. */
const RANK = new Map(ARC_FEATURES.map(([arc, fs]) => [arc, new Map(fs.map((f, i) => [f, i]))]));

/** The arcs in the order `show interface features` prints them (10 step 24). */
export const ARCS: readonly string[] = ARC_FEATURES.map(([arc]) => arc);

/**
 * Arcs VPP configures on every interface at creation (ipX-not-enabled, mpls-not-enabled), so
 * their config vectors cover every interface index.
 */
const CONFIGURED_AT_CREATION = new Set([
  'ip4-unicast',
  'ip4-multicast',
  'ip6-unicast',
  'ip6-multicast',
  'mpls-input',
]);

export function isKnownFeature(arc: string, feature: string): boolean {
  return RANK.get(arc)?.has(feature) ?? false;
}

/** The per-arc state: enabled features per interface, in order, and the config vector length. */
export class FeatureArcs {
  private readonly lists = new Map<string, Map<number, string[]>>();
  private readonly vecLen = new Map<string, number>();

  private grow(arc: string, sw: number): void {
    this.vecLen.set(arc, Math.max(this.vecLen.get(arc) ?? 0, sw + 1));
  }

  /**
   * vnet_feature_enable_disable: enable appends one instance (in arc order), disable removes
   * one; disabling what is not there changes nothing. The config vector grows either way.
   */
  set(arc: string, feature: string, sw: number, on: boolean): void {
    const rank = RANK.get(arc);
    if (!rank?.has(feature)) return;
    this.grow(arc, sw);
    let perIf = this.lists.get(arc);
    if (!perIf) this.lists.set(arc, (perIf = new Map()));
    const list = perIf.get(sw) ?? [];
    if (on) {
      list.push(feature);
      list.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
    } else {
      const i = list.indexOf(feature);
      if (i < 0) return;
      list.splice(i, 1);
    }
    perIf.set(sw, list);
  }

  /** Features enabled on an interface's arc, in order (with repeats), as VPP lists them. */
  list(arc: string, sw: number): readonly string[] {
    return this.lists.get(arc)?.get(sw) ?? [];
  }

  /** Everything goes when the interface does (vnet_feature_add_del_sw_interface). */
  dropInterface(sw: number): void {
    for (const perIf of this.lists.values()) perIf.delete(sw);
  }

  /** Whether sw_if_index is inside the arc's config vector (feature_is_enabled can answer). */
  covers(arc: string, sw: number): boolean {
    return CONFIGURED_AT_CREATION.has(arc) || sw < (this.vecLen.get(arc) ?? 0);
  }
}

/** The features VPP enables itself, shown among the others (`ip4-not-enabled` without addresses). */
function builtins(s: VppState, arc: string, sw: number): string[] {
  const x = s.iface(sw);
  if (!x) return [];
  if (arc === 'mpls-input') return ['mpls-not-enabled'];
  if ((arc === 'ip4-unicast' || arc === 'ip4-multicast') && x.addrs4.length === 0) return ['ip4-not-enabled'];
  if ((arc === 'ip6-unicast' || arc === 'ip6-multicast') && x.addrs6.length === 0) return ['ip6-not-enabled'];
  return [];
}

/** What `show interface features` lists for one arc, VPP's own features included. */
export function shownFeatures(s: VppState, arc: string, sw: number): string[] {
  const list = [...s.features.list(arc, sw), ...builtins(s, arc, sw)];
  const rank = RANK.get(arc);
  return list.sort((a, b) => (rank?.get(a) ?? 0) - (rank?.get(b) ?? 0));
}

/**
 * feature_is_enabled's answer. VPP returns its internal error codes through a bool: an unknown
 * arc or feature, or an index past the arc's config vector, reads true (10 steps 23, 33, 34).
 */
export function featureIsEnabled(s: VppState, arc: string, feature: string, sw: number): boolean {
  if (!isKnownFeature(arc, feature) || !s.features.covers(arc, sw)) return true;
  return shownFeatures(s, arc, sw).includes(feature);
}

/** `cli_inband "show interface features <name>"`. */
export function showInterfaceFeatures(s: VppState, sw: number): string {
  const x = s.iface(sw);
  if (!x) return '';
  let text = `Feature paths configured on ${x.name}...\n`;
  for (const arc of ARCS) {
    const lines = shownFeatures(s, arc, sw);
    text += `\n${arc}:\n${(lines.length ? lines : ['none configured']).map((l) => `  ${l}\n`).join('')}`;
  }
  // the L2 feature bitmaps: the ACL plugin's L2 arcs hang off them
  const l2 = (side: 'input' | 'output'): boolean =>
    ['ip4', 'ip6', 'nonip'].some((f) => s.features.list(`l2-${side}-${f}`, sw).length > 0);
  text += `\nl2-input:\n${l2('input') ? '   INPUT_FEAT_ARC (l2-input-feat-arc)\n' : '  none configured\n'}`;
  text += `\nl2-output:\n${l2('output') ? '  OUTPUT_FEAT_ARC (l2-output-feat-arc)\n' : '  none configured\n'}`;
  return text;
}
