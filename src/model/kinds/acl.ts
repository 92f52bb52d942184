/**
 * ACLs of the acl plugin (acl_add_replace, acl_del, acl_dump). An ACL's name is its tag in VPP,
 * so it is found again after vppstate restarts; VPP numbers ACLs itself (acl_index), and ops
 * refer to that number through the `acl` id namespace. Changing the rules replaces them in place:
 * the same acl_index, every interface binding untouched.
 */
import type { ApiMessage } from '../../api/types.js';
import type { Acl, AclAction, AclRule, PortRange } from '../types.js';
import { describeIdNamespace, idRef, type IdRef } from './ids.js';
import { opBuilder } from './ops.js';
import { dumpOrNone } from './per-interface.js';
import type { ApiCall, KindModule, KindObject, ReadContext, Resource } from './types.js';
import { arr, networkPrefix, NO_INDEX, num, str } from './util.js';

export const ACL_KIND = 'acl';
/** The namespace of acl_index values. */
export const ACL_NS = 'acl';
describeIdNamespace(ACL_NS, 'ACL', 'acl_index');

export const aclRef = (name: string): IdRef => idRef(ACL_NS, name);
/** Resource key: the ACL exists (bindings need it, its deletion waits for them to leave). */
export const aclKey = (name: string): string => `acl:${name}`;

export const ACL_PLUGIN = {
  name: 'acl',
  messages: {
    acl_add_replace: '0xee5c2f18',
    acl_add_replace_reply: '0xac407b0c',
    acl_del: '0xef34fea4',
    acl_del_reply: '0xe8d4e804',
    acl_dump: '0xef34fea4',
    acl_details: '0x95babae0',
    acl_interface_set_acl_list: '0x473982bd',
    acl_interface_set_acl_list_reply: '0xe8d4e804',
    acl_interface_list_dump: '0xf9e6675e',
    acl_interface_list_details: '0xe695d256',
  },
} as const;

const ACTION: Record<AclAction, number> = { deny: 0, permit: 1, 'permit+reflect': 2 };
const ACTION_NAME = new Map(Object.entries(ACTION).map(([k, v]) => [v, k as AclAction]));
const isIcmp = (proto: number): boolean => proto === 1 || proto === 58;
const ANY_PORT: PortRange = { first: 0, last: 65535 };
const ANY_ICMP: PortRange = { first: 0, last: 255 };

const asAcl = (r: Resource): Acl => r.obj as unknown as Acl;

/** Model rule → acl_rule (VPP keeps ports and ICMP type/code in the same two slots). */
function apiRule(r: AclRule): ApiMessage {
  const icmp = isIcmp(r.protocol);
  const a = (icmp ? r.icmpType : r.sourcePorts) ?? (icmp ? ANY_ICMP : ANY_PORT);
  const b = (icmp ? r.icmpCode : r.destinationPorts) ?? (icmp ? ANY_ICMP : ANY_PORT);
  return {
    is_permit: ACTION[r.action],
    src_prefix: r.source,
    dst_prefix: r.destination,
    proto: r.protocol,
    srcport_or_icmptype_first: a.first,
    srcport_or_icmptype_last: a.last,
    dstport_or_icmpcode_first: b.first,
    dstport_or_icmpcode_last: b.last,
    tcp_flags_mask: r.tcpFlags.mask,
    tcp_flags_value: r.tcpFlags.value,
  };
}

/** acl_rule → model rule, named by protocol as the model does. */
function modelRule(d: ApiMessage): AclRule {
  const proto = num(d, 'proto');
  const a = { first: num(d, 'srcport_or_icmptype_first'), last: num(d, 'srcport_or_icmptype_last') };
  const b = { first: num(d, 'dstport_or_icmpcode_first'), last: num(d, 'dstport_or_icmpcode_last') };
  const rule: AclRule = {
    action: ACTION_NAME.get(num(d, 'is_permit')) ?? 'deny',
    source: networkPrefix(str(d, 'src_prefix')),
    destination: networkPrefix(str(d, 'dst_prefix')),
    protocol: proto,
    tcpFlags: { mask: num(d, 'tcp_flags_mask'), value: num(d, 'tcp_flags_value') },
  };
  if (isIcmp(proto)) {
    rule.icmpType = a;
    rule.icmpCode = b;
  } else {
    rule.sourcePorts = a;
    rule.destinationPorts = b;
  }
  return rule;
}

/** The acl_index of a live ACL, for the vppctl rendering (plans refer to it by name). */
const indexOf = (r: Resource): string =>
  typeof r.raw?.acl_index === 'number' ? String(r.raw.acl_index) : `<index of ${r.id}>`;

function replaceCall(name: string, rules: readonly AclRule[], index?: string): ApiCall {
  const r = rules.map(apiRule);
  const inPlace = index !== undefined;
  return {
    message: 'acl_add_replace',
    args: { acl_index: inPlace ? aclRef(name) : NO_INDEX, tag: name, count: r.length, r },
    ...(inPlace ? {} : { binds: { ref: aclRef(name), field: 'acl_index' } }),
    cli: `set acl-plugin acl ${inPlace ? `index ${index} ` : ''}${rules.map(ruleCli).join(', ')} tag ${name}`,
  };
}

function delCall(name: string, index: string): ApiCall {
  return {
    message: 'acl_del',
    args: { acl_index: aclRef(name) },
    unbinds: [aclRef(name)],
    cli: `delete acl-plugin acl index ${index}`,
  };
}

function ruleCli(r: AclRule): string {
  const ports = (what: string, p: PortRange | undefined, any: PortRange): string =>
    p && (p.first !== any.first || p.last !== any.last) ? ` ${what} ${p.first}-${p.last}` : '';
  return (
    `${r.action === 'permit+reflect' ? 'permit+reflect' : r.action} src ${r.source} dst ${r.destination}` +
    (r.protocol ? ` proto ${r.protocol}` : '') +
    ports('sport', r.sourcePorts, ANY_PORT) +
    ports('dport', r.destinationPorts, ANY_PORT) +
    ports('sport', r.icmpType, ANY_ICMP) +
    ports('dport', r.icmpCode, ANY_ICMP) +
    (r.tcpFlags.mask ? ` tcp-flags ${r.tcpFlags.value} mask ${r.tcpFlags.mask}` : '')
  );
}

async function read(ctx: ReadContext): Promise<Resource[]> {
  const details = await dumpOrNone(() => ctx.caller.dump('acl_dump', { acl_index: NO_INDEX }));
  const out: Resource[] = [];
  const taken = new Set<string>();
  for (const d of [...details].sort((x, y) => num(x, 'acl_index') - num(y, 'acl_index'))) {
    const index = num(d, 'acl_index');
    const tag = str(d, 'tag');
    // A tag is a name; an untagged ACL, or a second one with the same tag, is named by its index.
    const name = tag && !taken.has(tag) ? tag : `${tag || 'acl'}#${index}`;
    taken.add(name);
    ctx.ids.set(aclRef(name), index);
    const acl: Acl = { name, rules: arr(d, 'r').map((x) => modelRule(x as ApiMessage)) };
    out.push({ kind: ACL_KIND, id: name, obj: acl as unknown as KindObject, raw: { acl_index: index } });
  }
  return out;
}

export const aclKind: KindModule = {
  kind: ACL_KIND,
  title: 'acls',
  section: 'acls',
  identity: ['name'],
  immutable: ['name'],
  // The tag holds the name and nothing else: no ownership mark (undeclared ACLs are left alone
  // unless --prune all or state: absent).
  taggable: false,
  plugin: ACL_PLUGIN,
  retry: {
    // acl_add_replace of a new ACL would make a second one: look for it by its tag first
    async recover(call, caller) {
      if (call.message !== 'acl_add_replace' || call.binds === undefined) return undefined;
      const tag = call.args.tag;
      const found = (await caller.dump('acl_dump', { acl_index: NO_INDEX })).find((d) => d.tag === tag);
      return found ? { retval: 0, acl_index: found.acl_index } : undefined;
    },
    // a retried acl_del that finds nothing: the lost first attempt deleted it
    alreadyDone: (call, retval) => call.message === 'acl_del' && retval === -6,
  },
  read,
  create(d) {
    const a = asAcl(d);
    return [
      opBuilder(
        d,
        'create',
      )({
        summary: `create ACL ${a.name} (${a.rules.length} rules)`,
        call: replaceCall(a.name, a.rules),
        inverse: [delCall(a.name, `<index of ${a.name}>`)],
        provides: [aclKey(a.name)],
      }),
    ];
  },
  update(d, l) {
    const a = asAcl(d);
    const o = asAcl(l);
    return [
      opBuilder(
        d,
        'update',
      )({
        field: 'rules',
        summary: `replace the rules of ACL ${a.name} in place (${o.rules.length} → ${a.rules.length})`,
        call: replaceCall(a.name, a.rules, indexOf(l)),
        inverse: [replaceCall(o.name, o.rules, indexOf(l))],
        needs: [aclKey(a.name)],
      }),
    ];
  },
  delete(l) {
    const o = asAcl(l);
    return [
      opBuilder(
        l,
        'delete',
      )({
        summary: `delete ACL ${o.name}`,
        call: delCall(o.name, indexOf(l)),
        inverse: [replaceCall(o.name, o.rules)],
        removes: [aclKey(o.name)],
      }),
    ];
  },
};
