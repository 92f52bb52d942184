import { loadConfig, type LoadedConfig } from '../../config/load.js';

export interface ValidateOptions {
  format: 'text' | 'json';
}

export async function run(paths: string[], opts: ValidateOptions): Promise<void> {
  const loaded = await loadConfig(paths);
  process.stdout.write(opts.format === 'json' ? jsonReport(loaded) : textReport(loaded));
  process.exitCode = loaded.valid ? 0 : 1;
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

function textReport(loaded: LoadedConfig): string {
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const where = `${plural(loaded.documents, 'document')} in ${plural(loaded.files.length, 'file')}`;
  if (!loaded.valid)
    return `${loaded.errors.map((e) => e.message).join('\n')}\n${plural(loaded.errors.length, 'error')} (${where})\n`;
  const objects = Object.entries(counts(loaded))
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k}: ${n}`)
    .join(', ');
  return `valid: ${where}${objects ? ` (${objects})` : ''}\n`;
}

function jsonReport(loaded: LoadedConfig): string {
  return (
    JSON.stringify(
      {
        format_version: 1,
        valid: loaded.valid,
        files: loaded.files,
        documents: loaded.documents,
        objects: counts(loaded),
        errors: loaded.errors.map((e) => e.toJSON()),
      },
      null,
      2,
    ) + '\n'
  );
}
