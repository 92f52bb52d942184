import { createColors } from 'picocolors';
import { registeredKinds } from '../../model/kinds/registry.js';
import type { FieldChange, Json, ObjectChange } from '../../model/kinds/types.js';
import { isDrift, type Plan } from '../plan.js';

export interface TextOptions {
  readonly color?: boolean;
  /** `plan` (default) words the summary as actions; `drift` as differences. */
  readonly mode?: 'plan' | 'drift';
}

const SIGN: Record<ObjectChange['action'], string> = {
  create: '+',
  update: '~',
  replace: '-/+',
  delete: '-',
};

export function formatValue(v: Json | undefined): string {
  if (v === undefined) return '(none)';
  if (typeof v === 'string') return /^[\w./:@-]+$/.test(v) ? v : JSON.stringify(v);
  return JSON.stringify(v);
}

/** Lists as set changes (`+a -b`), everything else as `old → new`. */
export function formatFieldChange(f: FieldChange, action: ObjectChange['action']): string {
  if (action === 'create') return `${f.field}: ${formatValue(f.new)}`;
  if (action === 'delete') return `${f.field}: ${formatValue(f.old)}`;
  if (
    Array.isArray(f.old) &&
    Array.isArray(f.new) &&
    [...f.old, ...f.new].every((x) => typeof x === 'string')
  ) {
    const o = new Set(f.old as string[]);
    const n = new Set(f.new as string[]);
    const parts = [
      ...[...n].filter((x) => !o.has(x)).map((x) => `+${x}`),
      ...[...o].filter((x) => !n.has(x)).map((x) => `-${x}`),
    ];
    if (parts.length > 0) return `${f.field}: ${parts.join(' ')}`;
  }
  return `${f.field}: ${formatValue(f.old)} → ${formatValue(f.new)}`;
}

export function summaryLine(plan: Plan, mode: 'plan' | 'drift' = 'plan'): string {
  const s = plan.summary;
  const undeclared = plan.unmanaged.filter(isDrift).length;
  const left = `${undeclared} object${undeclared === 1 ? '' : 's'} not in the documents (left alone)`;
  if (plan.changes.length === 0) {
    if (undeclared === 0)
      return mode === 'drift'
        ? 'No drift: VPP matches the documents.'
        : 'No changes: VPP matches the documents.';
    return mode === 'drift' ? `Drift: nothing to fix; ${left}.` : `No changes; ${left}.`;
  }
  if (mode === 'drift')
    return `Drift: ${s.create} missing, ${s.update} different, ${s.replace} to recreate, ${s.delete} extra (${apiCalls(plan.ops.length)} to fix)${undeclared ? `; ${left}` : ''}.`;
  return `Plan: ${s.create} to create, ${s.update} to update, ${s.replace} to replace, ${s.delete} to delete (${apiCalls(plan.ops.length)}).`;
}

/** Grouped by kind, `+ ~ - -/+` per object, `old → new` per field, then a summary line. */
export function renderText(plan: Plan, opts: TextOptions = {}): string {
  const c = createColors(opts.color ?? false);
  const paint: Record<ObjectChange['action'], (s: string) => string> = {
    create: c.green,
    update: c.yellow,
    replace: c.magenta,
    delete: c.red,
  };
  const lines: string[] = [];
  // Drift outside the documents (objects they no longer declare) is listed on its own.
  const outsideDocs = (ch: ObjectChange): boolean =>
    opts.mode === 'drift' && ch.action === 'delete' && !ch.desired;
  for (const k of registeredKinds()) {
    const changes = plan.changes.filter((ch) => ch.kind === k.kind && !outsideDocs(ch));
    if (changes.length === 0) continue;
    lines.push(c.bold(k.title));
    const identity = new Set(k.identity ?? []);
    for (const ch of changes) {
      const where = ch.desired?.source
        ? c.dim(`  (${ch.desired.source.file}:${ch.desired.source.line})`)
        : '';
      const why = ch.unverifiable
        ? c.dim(` (cannot be verified: ${ch.unverifiable})`)
        : ch.cause
          ? c.dim(` (${ch.action === 'replace' ? 'must be recreated: ' : ''}${ch.cause})`)
          : ch.action === 'replace' && ch.reason
            ? c.dim(` (must be recreated: ${ch.reason} changed)`)
            : '';
      lines.push(`  ${paint[ch.action](`${SIGN[ch.action]} ${k.kind} ${ch.id}`)}${why}${where}`);
      for (const f of ch.fields) {
        // The identity is in the heading already.
        if ((ch.action === 'create' || ch.action === 'delete') && identity.has(f.field)) continue;
        lines.push(`      ${paint[ch.action](formatFieldChange(f, ch.action))}`);
      }
    }
    lines.push('');
  }
  const gone = plan.changes.filter(outsideDocs);
  if (gone.length > 0) {
    // Owned and no longer declared, declared absent, or unowned under --prune all.
    lines.push(c.bold('in VPP but not wanted by the documents (apply deletes them)'));
    for (const ch of gone) lines.push(`  ${paint.delete(`- ${ch.kind} ${ch.id}`)}`);
    lines.push('');
  }
  const outside = plan.unmanaged.filter((u) => u.reason !== 'permanent');
  if (outside.length > 0) {
    lines.push(c.bold('not in the documents (left alone)'));
    for (const u of outside)
      lines.push(
        `  ${c.dim('·')} ${u.kind} ${u.id}${u.owned ? ' (owned by vppstate, no longer declared)' : ''}${
          u.reason === 'ignored' ? ' (ignored)' : ''
        }`,
      );
    lines.push('');
  }
  lines.push(c.bold(summaryLine(plan, opts.mode)));
  return `${lines.join('\n')}\n`;
}

/** "1 API call", "16 API calls". */
export function apiCalls(n: number): string {
  return `${n} API call${n === 1 ? '' : 's'}`;
}
