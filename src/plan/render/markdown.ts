import { registeredKinds } from '../../model/kinds/registry.js';
import type { Plan } from '../plan.js';
import { formatFieldChange, summaryLine } from './text.js';

const SIGN = { create: '+', update: '!', replace: '!', delete: '-' } as const;

/** For a pull-request comment: a summary, then a ```diff block per kind (GitHub colours + and -). */
export function renderMarkdown(plan: Plan, opts: { mode?: 'plan' | 'drift' } = {}): string {
  const title = opts.mode === 'drift' ? 'vppstate drift' : 'vppstate plan';
  const out: string[] = [`### ${title}`, '', `**${summaryLine(plan, opts.mode)}**`, ''];
  for (const k of registeredKinds()) {
    const changes = plan.changes.filter((c) => c.kind === k.kind);
    if (changes.length === 0) continue;
    out.push(`<details open><summary>${k.title} (${changes.length})</summary>`, '', '```diff');
    for (const ch of changes) {
      const label = ch.action === 'replace' ? '-/+' : ch.action === 'update' ? '~' : SIGN[ch.action];
      out.push(
        `${SIGN[ch.action]} ${label} ${k.kind} ${ch.id}${
          ch.cause ? ` (${ch.cause})` : ch.reason ? ` (recreate: ${ch.reason})` : ''
        }`,
      );
      for (const f of ch.fields) out.push(`${SIGN[ch.action]}     ${formatFieldChange(f, ch.action)}`);
    }
    out.push('```', '', '</details>', '');
  }
  const outside = plan.unmanaged.filter((u) => u.reason !== 'permanent');
  if (outside.length > 0) {
    out.push('| not in the documents | owned by vppstate |', '|---|---|');
    for (const u of outside) out.push(`| ${u.kind} \`${u.id}\` | ${u.owned ? 'yes' : 'no'} |`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
