/**
 * Options the reconciler commands share, declared with commander alone so that a command's
 * declaration (and `--help`) loads nothing else. Their meaning is in command-support.ts.
 */
import { Option } from 'commander';

export function pruneOption(): Option {
  return new Option(
    '--prune <mode>',
    'what may be deleted: owned (default: what vppstate created), all, none',
  ).choices(['owned', 'all', 'none']);
}

export function ignoreOption(): Option {
  return new Option(
    '--ignore <kind:glob...>',
    'never touch these objects, e.g. interface:GigabitEthernet* route:0:10.*',
  );
}
