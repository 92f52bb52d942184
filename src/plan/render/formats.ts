/** The plan output formats (a module of its own so that `--help` need not load the renderers). */
export type PlanFormat = 'text' | 'json' | 'markdown' | 'cli';
export const PLAN_FORMATS: readonly PlanFormat[] = ['text', 'json', 'markdown', 'cli'];
