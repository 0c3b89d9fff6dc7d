import fs from 'node:fs';
import path from 'node:path';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';

/**
 * Validates OCDS 1.1 release packages against the core schemas with the subcontracting and
 * metrics extensions applied as JSON Merge Patches (RFC 7386). Reads the in-repo copy of the
 * schemas (libs/publication/ocds-schemas); `sharedSchemasDrift()` compares it with ../shared/ocds
 * (or OCDS_SHARED_DIR) when that exists beside the repository.
 */
const REPO_SCHEMAS = path.resolve(process.cwd(), 'libs/publication/ocds-schemas');
/** Where the originals are: beside the repository in CI and in the main checkout, absent in worktrees. */
export const SHARED_SCHEMAS = path.resolve(process.cwd(), process.env.OCDS_SHARED_DIR ?? '../shared/ocds');
const SCHEMA_FILES = [
  '1.1/release-schema.json',
  '1.1/release-package-schema.json',
  'extensions/ocds_subcontracting_extension/release-schema.json',
  'extensions/ocds_metrics_extension/release-schema.json',
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function mergePatch(target: Json, patch: Json): Json {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const result: { [key: string]: Json } = target && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key] ?? null, value);
  }
  return result;
}

const read = (dir: string, file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Json;

/** Schema and codelist files under `dir`, relative to it; the READMEs are ours to word. */
function dataFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(json|csv)$/.test(file))
    .map((file) => file.split(path.sep).join('/'))
    .sort();
}

function sameContent(repoDir: string, sharedDir: string, file: string): boolean {
  // JSON is compared as data, so that re-indenting a copy is not drift; codelists byte for byte.
  if (file.endsWith('.json')) return JSON.stringify(read(repoDir, file)) === JSON.stringify(read(sharedDir, file));
  return fs.readFileSync(path.join(repoDir, file)).equals(fs.readFileSync(path.join(sharedDir, file)));
}

/**
 * How the in-repo copy differs from the originals: one line per file that differs or exists on
 * one side only. Empty when they match. Throws when `sharedDir` does not exist, so that a missing
 * directory is never mistaken for "no drift": callers decide first (see `sharedSchemasPresent`).
 */
export function sharedSchemasDrift(sharedDir: string = SHARED_SCHEMAS, repoDir: string = REPO_SCHEMAS): string[] {
  if (!fs.existsSync(sharedDir)) throw new Error(`${sharedDir} does not exist: nothing to compare the OCDS schemas with`);
  const repoFiles = new Set(dataFiles(repoDir));
  const sharedFiles = new Set(dataFiles(sharedDir));
  const drift: string[] = [];
  for (const file of [...new Set([...repoFiles, ...sharedFiles])].sort()) {
    if (!sharedFiles.has(file)) drift.push(`${file}: only in the repository copy`);
    else if (!repoFiles.has(file)) drift.push(`${file}: missing from the repository copy`);
    else if (!sameContent(repoDir, sharedDir, file)) drift.push(`${file}: differs`);
  }
  return drift;
}

export function sharedSchemasPresent(sharedDir: string = SHARED_SCHEMAS): boolean {
  return fs.existsSync(sharedDir);
}

let validator: (((data: unknown) => boolean) & { errors?: unknown[] | null }) | undefined;

export function validateReleasePackage(pkg: unknown): unknown[] {
  if (!validator) {
    const Ajv = ((AjvDraft04Module as unknown as { default?: unknown }).default ?? AjvDraft04Module) as new (options: object) => {
      addSchema(schema: object): void;
      compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown[] | null };
    };
    const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: object) => void;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    let release = read(REPO_SCHEMAS, '1.1/release-schema.json');
    for (const extension of SCHEMA_FILES.slice(2)) release = mergePatch(release, read(REPO_SCHEMAS, extension));
    ajv.addSchema(release as object);
    validator = ajv.compile(read(REPO_SCHEMAS, '1.1/release-package-schema.json') as object);
  }
  return validator(pkg) ? [] : (validator.errors ?? ['invalid']);
}
