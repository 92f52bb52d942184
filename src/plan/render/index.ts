import type { Plan } from '../plan.js';
import { renderCli } from './cli.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';

export type PlanFormat = 'text' | 'json' | 'markdown' | 'cli';
export const PLAN_FORMATS: readonly PlanFormat[] = ['text', 'json', 'markdown', 'cli'];

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
