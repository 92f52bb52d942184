import type { Command } from 'commander';
import { loadConfig, type LoadedConfig } from '../../config/load.js';

export interface ValidateOptions {
  format: 'text' | 'json';
}

/** A plugin the documents use that the running VPP lacks (validate --socket). */
interface PluginProblem {
  readonly message: string;
}

export async function run(paths: string[], opts: ValidateOptions, cmd?: Command): Promise<void> {
  const loaded = await loadConfig(paths);
  const source = cmd?.getOptionValueSourceWithGlobals('socket');
  const problems =
    loaded.valid && (source === 'cli' || source === 'env')
      ? await pluginProblems(loaded, cmd as Command)
      : [];
  process.stdout.write(opts.format === 'json' ? jsonReport(loaded, problems) : textReport(loaded, problems));
  process.exitCode = loaded.valid && problems.length === 0 ? 0 : 1;
}

/** Asks the VPP behind --socket whether it has every plugin the documents use. */
async function pluginProblems(loaded: LoadedConfig, cmd: Command): Promise<PluginProblem[]> {
  const [{ globalsOf, withVpp }, { missingPlugins, PluginUnavailableError }, { stateToObjects }] =
    await Promise.all([
      import('../../apply/command-support.js'),
      import('../../model/availability.js'),
      import('../../model/live.js'),
    ]);
  const desired = stateToObjects(loaded.state, (section, key, field) =>
    loaded.positions.at(section, key, field),
  );
  const missing = await withVpp(globalsOf(cmd), async (vpp) => missingPlugins(vpp, desired));
  if (missing.length === 0) return [];
  return new PluginUnavailableError(missing).message.split('\n').map((message) => ({ message }));
}

function counts(loaded: LoadedConfig): Record<string, number> {
  const s = loaded.state;
  return {
    interfaces: Object.keys(s.interfaces).length,
    vrfs: Object.keys(s.vrfs).length,
    routes: Object.keys(s.routes).length,
    'bridge-domains': Object.keys(s.bridgeDomains).length,
    'l2-xconnects': Object.keys(s.l2Xconnects).length,
    acls: Object.keys(s.acls).length,
  };
}

function textReport(loaded: LoadedConfig, problems: readonly PluginProblem[]): string {
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const where = `${plural(loaded.documents, 'document')} in ${plural(loaded.files.length, 'file')}`;
  if (!loaded.valid)
    return `${loaded.errors.map((e) => e.message).join('\n')}\n${plural(loaded.errors.length, 'error')} (${where})\n`;
  if (problems.length > 0)
    return `${problems.map((p) => p.message).join('\n')}\nnot valid for this VPP: ${plural(problems.length, 'plugin')} missing (${where})\n`;
  const objects = Object.entries(counts(loaded))
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k}: ${n}`)
    .join(', ');
  return `valid: ${where}${objects ? ` (${objects})` : ''}\n`;
}

function jsonReport(loaded: LoadedConfig, problems: readonly PluginProblem[]): string {
  return (
    JSON.stringify(
      {
        format_version: 1,
        valid: loaded.valid && problems.length === 0,
        files: loaded.files,
        documents: loaded.documents,
        objects: counts(loaded),
        errors: loaded.errors.map((e) => e.toJSON()),
        ...(problems.length ? { vpp_problems: problems.map((p) => p.message) } : {}),
      },
      null,
      2,
    ) + '\n'
  );
}
