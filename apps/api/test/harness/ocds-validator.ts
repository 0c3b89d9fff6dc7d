import fs from 'node:fs';
import path from 'node:path';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';

/**
 * Validates OCDS 1.1 release packages against the core schemas with the subcontracting and
 * metrics extensions applied as JSON Merge Patches (RFC 7386). Reads the in-repo copy of the
 * schemas (libs/publication/ocds-schemas); `sharedSchemasDrift()` compares it with ../shared/ocds
 * when that exists beside the repository.
 */
const REPO_SCHEMAS = path.resolve(process.cwd(), 'libs/publication/ocds-schemas');
const SHARED_SCHEMAS = path.resolve(process.cwd(), '../shared/ocds');
const SCHEMA_FILES = [
  '1.1/release-schema.json',
  '1.1/release-package-schema.json',
  'extensions/ocds_subcontracting_extension/release-schema.json',
  'extensions/ocds_metrics_extension/release-schema.json',
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function mergePatch(target: Json, patch: Json): Json {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const result: { [key: string]: Json } = target && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key] ?? null, value);
  }
  return result;
}

const read = (dir: string, file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Json;

/** Files of the in-repo copy that differ from ../shared/ocds (empty when shared/ is absent). */
export function sharedSchemasDrift(): string[] {
  if (!fs.existsSync(SHARED_SCHEMAS)) return [];
  return SCHEMA_FILES.filter((f) => JSON.stringify(read(REPO_SCHEMAS, f)) !== JSON.stringify(read(SHARED_SCHEMAS, f)));
}

export function sharedSchemasPresent(): boolean {
  return fs.existsSync(SHARED_SCHEMAS);
}

let validator: ((data: unknown) => boolean) & { errors?: unknown[] | null } | undefined;

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
