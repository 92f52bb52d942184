/**
 * The static import graph of the sources: what loading a module loads before any of its code
 * runs. Type-only imports (`import type`, `export type`) are left out, as the compiler drops
 * them; `import { type X }` stays, as verbatimModuleSyntax keeps it. Dynamic `import()` is not
 * followed: that is how commands defer their work.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface Reachable {
  /** Source files, relative to the repository root (src/...). */
  files: Set<string>;
  /** Packages by name (`ajv`, `node:fs`, `commander`). */
  packages: Set<string>;
}

function imports(file: string, dynamic: boolean): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  if (dynamic) {
    const visit = (node: ts.Node): void => {
      if (
        ts.isCallExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        node.arguments.length > 0 &&
        ts.isStringLiteral(node.arguments[0])
      )
        out.push(node.arguments[0].text);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  for (const st of source.statements) {
    if (ts.isImportDeclaration(st)) {
      if (st.importClause?.isTypeOnly) continue;
      if (ts.isStringLiteral(st.moduleSpecifier)) out.push(st.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(st) && st.moduleSpecifier && !st.isTypeOnly) {
      if (ts.isStringLiteral(st.moduleSpecifier)) out.push(st.moduleSpecifier.text);
    }
  }
  return out;
}

function packageName(spec: string): string {
  if (spec.startsWith('node:')) return spec;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * Everything `entries` (paths relative to the repository root) load before their code runs, or
 * with `dynamic`, everything they may ever load (`import('./x.js')` with a literal is followed).
 */
export function reachableFrom(entries: string | string[], opts: { dynamic?: boolean } = {}): Reachable {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = (Array.isArray(entries) ? entries : [entries]).map((e) => resolve(REPO_ROOT, e));
  while (todo.length > 0) {
    const file = todo.pop() as string;
    const rel = relative(REPO_ROOT, file);
    if (files.has(rel)) continue;
    files.add(rel);
    for (const spec of imports(file, opts.dynamic === true)) {
      if (!spec.startsWith('.')) {
        packages.add(packageName(spec));
        continue;
      }
      const target = join(dirname(file), spec);
      const source = target.replace(/\.js$/, '.ts');
      if (existsSync(source)) todo.push(source);
      else if (existsSync(target)) todo.push(target);
      else throw new Error(`${rel}: cannot resolve ${spec}`);
    }
  }
  return { files, packages };
}
