import { VppstateError } from '../errors.js';
import type { ObjectChange } from '../model/kinds/types.js';
import { formatValue } from '../plan/render/text.js';

/** After apply, VPP still differs from the documents: each field named (nmstate-style). */
export class VerifyError extends VppstateError {
  readonly residual: readonly ObjectChange[];
  readonly details: readonly string[];
  constructor(residual: readonly ObjectChange[]) {
    const details = residualLines(residual);
    super(
      'apply.verify',
      `verification failed: VPP does not match the documents after apply:\n  ${details.join('\n  ')}`,
    );
    this.residual = residual;
    this.details = details;
  }
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
