import { VppstateError } from '../errors.js';
import type { ObjectChange } from '../model/kinds/types.js';
import { formatValue } from '../plan/render/text.js';
import type { UndoOutcome } from './undo.js';

/**
 * After apply, VPP still differs from the documents: each field named (nmstate-style), and what
 * became of the applied changes (rolled back to the state before, or kept with --no-rollback).
 */
export class VerifyError extends VppstateError {
  readonly residual: readonly ObjectChange[];
  readonly details: readonly string[];
  /** The rollback, when one ran (undefined with --no-rollback). */
  readonly undo?: UndoOutcome;
  /** VPP is back to the state before the apply. */
  readonly rolledBack: boolean;
  constructor(residual: readonly ObjectChange[], outcome: { applied?: number; undo?: UndoOutcome } = {}) {
    const details = residualLines(residual);
    super(
      'apply.verify',
      `verification failed: VPP does not match the documents after apply:\n  ${details.join('\n  ')}${
        outcome.applied === undefined ? '' : `\n${undoLine(outcome.applied, outcome.undo)}`
      }`,
    );
    this.residual = residual;
    this.details = details;
    this.undo = outcome.undo;
    this.rolledBack = outcome.undo?.restored ?? false;
  }
}

function undoLine(applied: number, undo: UndoOutcome | undefined): string {
  const ops = `${applied} applied op${applied === 1 ? '' : 's'}`;
  if (!undo)
    return `--no-rollback: the ${ops} were kept; VPP is partly changed (run plan to see what remains)`;
  if (undo.restored)
    return `rolled back the ${ops}${undo.repaired ? ' (and re-planned what their inverses missed)' : ''}; VPP is as it was before (its export is unchanged)`;
  const failed = undo.errors.map(
    (e) => `${e.call.message}: ${e.error instanceof Error ? e.error.message : String(e.error)}`,
  );
  return `rollback incomplete: VPP is partly changed${failed.length ? `; failed: ${failed.join('; ')}` : ''}; it still differs from before the apply:\n  ${undo.residual.join('\n  ')}`;
}

export function residualLines(residual: readonly ObjectChange[]): string[] {
  const out: string[] = [];
  for (const ch of residual) {
    if (ch.action === 'create') out.push(`${ch.kind} ${ch.id}: missing in VPP`);
    else if (ch.action === 'delete') out.push(`${ch.kind} ${ch.id}: still present in VPP`);
    else
      for (const f of ch.fields)
        out.push(
          `${ch.kind} ${ch.id}: ${f.field}: expected ${formatValue(f.new)}, VPP has ${formatValue(f.old)}`,
        );
  }
  return out;
}
