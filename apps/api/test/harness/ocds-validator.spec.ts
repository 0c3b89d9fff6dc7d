import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sharedSchemasDrift, sharedSchemasPresent } from './ocds-validator';

/**
 * The drift check of supply-chain-publication.e2e-spec.ts, run against a temporary "shared"
 * directory: a copy of the repository's schemas, then changed, so it is seen to fail on drift
 * whether or not ../shared/ocds exists on this machine.
 */
describe('OCDS schema drift check', () => {
  const repoCopy = path.resolve('libs/publication/ocds-schemas');
  let shared: string;

  beforeEach(() => {
    shared = fs.mkdtempSync(path.join(os.tmpdir(), 'mkt-ocds-shared-'));
    fs.cpSync(repoCopy, shared, { recursive: true });
  });
  afterEach(() => fs.rmSync(shared, { recursive: true, force: true }));

  it('finds no drift in an identical copy, whatever the READMEs say', () => {
    fs.writeFileSync(path.join(shared, 'README.md'), 'Worded differently\n');
    expect(sharedSchemasDrift(shared)).toEqual([]);
  });

  it('reports a schema whose content changed, but not one only re-indented', () => {
    const file = path.join(shared, '1.1/release-schema.json');
    const schema = JSON.parse(fs.readFileSync(file, 'utf8')) as { title: string };
    fs.writeFileSync(file, JSON.stringify(schema, null, 4));
    expect(sharedSchemasDrift(shared)).toEqual([]);
    fs.writeFileSync(file, JSON.stringify({ ...schema, title: `${schema.title} (changed upstream)` }));
    expect(sharedSchemasDrift(shared)).toEqual(['1.1/release-schema.json: differs']);
  });

  it('reports a changed codelist and files present on one side only', () => {
    fs.appendFileSync(path.join(shared, '1.1/codelists/partyRole.csv'), 'newRole,New role,A role added upstream\n');
    fs.rmSync(path.join(shared, 'extensions/ocds_metrics_extension/extension.json'));
    fs.writeFileSync(path.join(shared, 'extensions/ocds_metrics_extension/codelists.json'), '{}');
    expect(sharedSchemasDrift(shared)).toEqual([
      '1.1/codelists/partyRole.csv: differs',
      'extensions/ocds_metrics_extension/codelists.json: missing from the repository copy',
      'extensions/ocds_metrics_extension/extension.json: only in the repository copy',
    ]);
  });

  it('refuses to compare with a directory that is not there, rather than report no drift', () => {
    const absent = path.join(shared, 'absent');
    expect(sharedSchemasPresent(absent)).toBe(false);
    expect(() => sharedSchemasDrift(absent)).toThrow(/does not exist/);
  });
});
