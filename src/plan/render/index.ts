import type { Plan } from '../plan.js';
import { renderCli } from './cli.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import type { PlanFormat } from './formats.js';
import { renderText } from './text.js';

export { PLAN_FORMATS, type PlanFormat } from './formats.js';

export function renderPlan(
  plan: Plan,
  format: PlanFormat,
  opts: { color?: boolean; mode?: 'plan' | 'drift' } = {},
): string {
  switch (format) {
    case 'json':
      return renderJson(plan, opts.mode);
    case 'markdown':
      return renderMarkdown(plan, opts);
    case 'cli':
      return renderCli(plan);
    default:
      return renderText(plan, opts);
  }
}

export { renderCli, renderJson, renderMarkdown, renderText };
