import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ApiDefinitionError } from '../errors.js';
import type { ApiJsonFile } from './index.js';

/** Where VPP installs its definitions. */
export const DEFAULT_API_DIR = '/usr/share/vpp/api';

/** $VPP_API_DIR if it is a directory, else /usr/share/vpp/api if it is one (as vpp_papi's find_api_dir). */
export function findApiDir(): string | undefined {
  const candidates = [process.env.VPP_API_DIR, DEFAULT_API_DIR];
  for (const dir of candidates) {
    if (dir && existsSync(dir) && statSync(dir).isDirectory()) return dir;
  }
  return undefined;
}

/** fnmatch-style glob (`*`, `?`, `[...]`) as a RegExp anchored on the whole name. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        let body = glob.slice(i + 1, close);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        re += `[${body.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * Every `.api.json` under `dir` (recursively) whose file name matches one of `patterns`, like
 * vpp_papi's find_api_files: a pattern is the start of a file name without `.api.json`, a list or
 * a comma-separated string; default `*`. Paths are relative to `dir`, sorted, de-duplicated.
 */
export function findApiFiles(dir: string, patterns?: string[] | string): string[] {
  const list = (typeof patterns === 'string' ? patterns.split(',') : (patterns ?? ['*']))
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  const res = (list.length > 0 ? list : ['*']).map((p) => globToRegExp(`${p}.api.json`));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ApiDefinitionError(`API directory ${dir} does not exist`);
  }
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const ent of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, ent.name);
      if (ent.isDirectory()) walk(full);
      else if (res.some((r) => r.test(ent.name))) out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return [...new Set(out)].sort();
}

/** Read and parse one file; `file` is relative to `dir` and names the file in errors. */
export function readApiFile(dir: string, file: string): { file: string; json: ApiJsonFile } {
  const text = readFileSync(join(dir, file), 'utf8');
  try {
    return { file, json: JSON.parse(text) as ApiJsonFile };
  } catch (e) {
    throw new ApiDefinitionError(`${file}: not valid JSON (${(e as Error).message})`, { cause: e });
  }
}
