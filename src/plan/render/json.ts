import { symbolicArgs } from '../../apply/resolve.js';
import { inSync, type Plan } from '../plan.js';

/**
 * The JSON plan, schema version 1 (stable; fields are only ever added):
 * {
 *   "format_version": 1,
 *   "kind": "plan" | "drift",
 *   "summary": { "create": n, "update": n, "replace": n, "delete": n, "ops": n,
 *                "in_sync": bool (no changes and no undeclared object counting as drift) },
 *   "changes": [ { "kind", "id", "action": "create|update|replace|delete", "reason"?, "cause"?, "unverifiable"?,
 *                  "source"?: { "file", "line", "col" },
 *                  "fields": [ { "field": "vrf.ipv4", "old"?: any, "new"?: any } ] } ],
 *   "ops": [ { "index", "kind", "id", "action", "field"?, "summary", "message", "args", "cli",
 *              "after": [index…], "inverse": [ { "message", "args" } ] } ],
 *   "unmanaged": [ { "kind", "id", "owned", "reason": "not-owned|prune-none|ignored" } ],
 *   "outside_documents": [ { "kind", "id" } ]   (every delete: owned and no longer declared,
 *                                               declared absent, unowned under --prune all, or
 *                                               going with a deleted parent)
 * }
 * `args` are the API message fields with references to ids VPP assigns written
 * `$<namespace>:<name>` (`$if:loop0`, `$acl:uplink-in`), resolved only when the op runs.
 */
export function planToJson(plan: Plan, kind: 'plan' | 'drift' = 'plan'): unknown {
  return {
    format_version: 1,
    kind,
    summary: { ...plan.summary, ops: plan.ops.length, in_sync: inSync(plan) },
    changes: plan.changes.map((ch) => ({
      kind: ch.kind,
      id: ch.id,
      action: ch.action,
      ...(ch.reason ? { reason: ch.reason } : {}),
      ...(ch.cause ? { cause: ch.cause } : {}),
      ...(ch.unverifiable ? { unverifiable: ch.unverifiable } : {}),
      ...(ch.desired?.source ? { source: ch.desired.source } : {}),
      fields: ch.fields,
    })),
    ops: plan.ops.map((op, i) => ({
      index: i,
      kind: op.kind,
      id: op.id,
      action: op.action,
      ...(op.field ? { field: op.field } : {}),
      summary: op.summary,
      message: op.call.message,
      args: symbolicArgs(op.call.args),
      cli: op.call.cli,
      after: plan.deps[i],
      inverse: op.inverse.map((c) => ({ message: c.message, args: symbolicArgs(c.args) })),
    })),
    unmanaged: plan.unmanaged,
    // Drift outside the documents: what apply deletes.
    outside_documents: plan.changes
      .filter((ch) => ch.action === 'delete' && !ch.desired)
      .map((ch) => ({ kind: ch.kind, id: ch.id })),
  };
}

export function renderJson(plan: Plan, kind: 'plan' | 'drift' = 'plan'): string {
  return `${JSON.stringify(planToJson(plan, kind), null, 2)}\n`;
}
