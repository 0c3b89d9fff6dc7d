import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { type SchemaOwnership } from '@mkt/database';

/**
 * Which database objects a library's code names. Every string and template literal in a .ts file
 * that reads as SQL (an upper-case SQL keyword) is scanned: comments and quoted SQL strings
 * ('ACTIVE', error messages) dropped, then every identifier not qualified by an alias (`c.region`)
 * is a name. Names of objects nobody owns (columns, aliases, functions of PostgreSQL) are ignored.
 */
const SQL_KEYWORD = /\b(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|LOCK|TRUNCATE|FROM|JOIN|COMMENT ON|EXECUTE FUNCTION)\b/;

export interface NameUse {
  file: string;
  name: string;
}

/** The SQL-looking literals of one TypeScript source (a template's parts joined by a space where the expressions were). */
export function sqlLiterals(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) found.push(node.text);
    else if (ts.isTemplateExpression(node)) found.push([node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' '));
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found.filter((text) => SQL_KEYWORD.test(text));
}

/** Identifiers an SQL text names, lower-cased (unquoted SQL identifiers are case-insensitive). */
export function sqlIdentifiers(sql: string): Set<string> {
  const text = sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''");
  const names = new Set<string>();
  for (const match of text.matchAll(/(?<![.\w$])[A-Za-z_][A-Za-z0-9_]*/g)) names.add(match[0].toLowerCase());
  return names;
}

export function allNames(owner: SchemaOwnership): string[] {
  return [...owner.tables, ...owner.views, ...Object.keys(owner.publishes), ...owner.functions, ...owner.triggers, ...owner.types];
}

/**
 * Names one library's source uses that another library owns and does not publish to it.
 * `files` are paths relative to the repository root with their text.
 */
export function foreignNames(lib: string, files: { file: string; text: string }[], owners: SchemaOwnership[]): NameUse[] {
  const ownerOf = new Map<string, SchemaOwnership>();
  for (const owner of owners) for (const name of allNames(owner)) ownerOf.set(name, owner);
  const uses: NameUse[] = [];
  for (const { file, text } of files) {
    const named = new Set<string>();
    for (const literal of sqlLiterals(file, text)) for (const name of sqlIdentifiers(literal)) named.add(name);
    for (const name of [...named].sort()) {
      const owner = ownerOf.get(name);
      if (!owner || owner.lib === lib) continue;
      if (owner.publishes[name]?.includes(lib)) continue;
      uses.push({ file, name });
    }
  }
  return uses;
}

/** Every .ts file under libs/<lib>/src, relative to `root`, but pure specs (they run no SQL; one quotes an injection attempt). */
export function libSources(root: string, lib: string): { file: string; text: string }[] {
  const dir = path.join(root, 'libs', lib, 'src');
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
    .sort()
    .map((f) => ({ file: path.join('libs', lib, 'src', f), text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}
