import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { AUDIT_SCHEMA } from '@mkt/audit';
import { BUDGETS_SCHEMA } from '@mkt/budgets';
import { CATALOGUE_SCHEMA } from '@mkt/catalogue';
import { CONTRACTS_SCHEMA } from '@mkt/contracts';
import { DATABASE_SCHEMA, runMigrations, type SchemaOwnership } from '@mkt/database';
import { INVOICES_SCHEMA } from '@mkt/invoices';
import { ORDERING_SCHEMA } from '@mkt/ordering';
import { ORGANISATIONS_SCHEMA } from '@mkt/organisations';
import { PUBLICATION_SCHEMA } from '@mkt/publication';
import { RATELIMIT_SCHEMA } from '@mkt/ratelimit';
import { REFERENCE_SCHEMA } from '@mkt/reference';
import { SPEND_SCHEMA } from '@mkt/spend';
import { MIGRATIONS } from '../src/migrations';
import { allNames, foreignNames, libSources, type NameUse } from './harness/sql-names';
import { createTestDatabase, dropTestDatabase } from './harness/test-app';
import { FROZEN_MIGRATIONS, HANDOVER, SERVICE_DEBT } from './architecture.frozen';

/**
 * Data ownership (issue 12, docs/adr/0005): every table, view, trigger, function and type is owned
 * by exactly one library, declared in its `<lib>.schema.ts`; a library's SQL names only its own
 * objects and the views other owners publish to it.
 */
const OWNERS: SchemaOwnership[] = [
  DATABASE_SCHEMA,
  REFERENCE_SCHEMA,
  AUDIT_SCHEMA,
  ORGANISATIONS_SCHEMA,
  CATALOGUE_SCHEMA,
  BUDGETS_SCHEMA,
  ORDERING_SCHEMA,
  CONTRACTS_SCHEMA,
  SPEND_SCHEMA,
  PUBLICATION_SCHEMA,
  RATELIMIT_SCHEMA,
  INVOICES_SCHEMA,
];
const ROOT = path.resolve('.');
const LIBS = fs.readdirSync(path.join(ROOT, 'libs')).sort();

type Kind = 'table' | 'view' | 'function' | 'trigger' | 'type';

function declared(owner: SchemaOwnership): [Kind, string][] {
  return [
    ...owner.tables.map((n): [Kind, string] => ['table', n]),
    ...[...owner.views, ...Object.keys(owner.publishes)].map((n): [Kind, string] => ['view', n]),
    ...owner.functions.map((n): [Kind, string] => ['function', n]),
    ...owner.triggers.map((n): [Kind, string] => ['trigger', n]),
    ...owner.types.map((n): [Kind, string] => ['type', n]),
  ];
}

/** Objects of the public schema that migrations created (extensions' members left out). */
const OBJECTS_SQL = `
  WITH ns AS (SELECT oid FROM pg_namespace WHERE nspname = 'public'),
  ext AS (SELECT classid, objid FROM pg_depend WHERE deptype = 'e')
  SELECT CASE WHEN c.relkind IN ('v', 'm') THEN 'view' ELSE 'table' END AS kind, c.relname AS name
    FROM pg_class c WHERE c.relnamespace IN (SELECT oid FROM ns) AND c.relkind IN ('r', 'p', 'v', 'm')
      AND NOT EXISTS (SELECT 1 FROM ext WHERE classid = 'pg_class'::regclass AND objid = c.oid)
  UNION ALL
  SELECT 'function', p.proname FROM pg_proc p WHERE p.pronamespace IN (SELECT oid FROM ns)
      AND NOT EXISTS (SELECT 1 FROM ext WHERE classid = 'pg_proc'::regclass AND objid = p.oid)
  UNION ALL
  SELECT 'trigger', t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
    WHERE NOT t.tgisinternal AND c.relnamespace IN (SELECT oid FROM ns)
  UNION ALL
  SELECT 'type', t.typname FROM pg_type t
    WHERE t.typnamespace IN (SELECT oid FROM ns) AND (t.typtype IN ('e', 'd')
      OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
      AND NOT EXISTS (SELECT 1 FROM ext WHERE classid = 'pg_type'::regclass AND objid = t.oid)
  ORDER BY 1, 2`;

describe('data ownership', () => {
  describe('the migrated database', () => {
    let url: string;
    let client: pg.Client;

    beforeAll(async () => {
      url = await createTestDatabase();
      await runMigrations(url, MIGRATIONS);
      client = new pg.Client({ connectionString: url });
      await client.connect();
    });
    afterAll(async () => {
      await client?.end();
      if (url) await dropTestDatabase(url);
    });

    it('has every table, view, trigger, function and type owned by exactly one library, as declared', async () => {
      const owners = new Map<string, string[]>();
      for (const owner of OWNERS)
        for (const [kind, name] of declared(owner)) owners.set(`${kind} ${name}`, [...(owners.get(`${kind} ${name}`) ?? []), owner.lib]);
      const twice = [...owners].filter(([, libs]) => libs.length > 1).map(([object, libs]) => `${object}: ${libs.join(', ')}`);
      expect(twice).toEqual([]);

      const { rows } = await client.query<{ kind: Kind; name: string }>(OBJECTS_SQL);
      const inDatabase = rows.map((r) => `${r.kind} ${r.name}`);
      expect(inDatabase.filter((o) => !owners.has(o))).toEqual([]); // in the database, owned by nobody
      expect([...owners.keys()].filter((o) => !inDatabase.includes(o)).sort()).toEqual([]); // declared, not there
    });

    it('states on each published view who publishes it and who reads it, as declared', async () => {
      const { rows } = await client.query<{ name: string; comment: string | null }>(
        `SELECT c.relname AS name, obj_description(c.oid, 'pg_class') AS comment FROM pg_class c
         WHERE c.relkind = 'v' AND c.relnamespace = 'public'::regnamespace`,
      );
      const comments = new Map(rows.map((r) => [r.name, r.comment]));
      const expected = OWNERS.flatMap((o) =>
        Object.entries(o.publishes).map(([view, readers]) => [view, `published by ${o.lib}; read by ${readers.join(', ')}`]),
      );
      expect(expected.length).toBeGreaterThan(10);
      expect(expected.map(([view]) => [view, comments.get(view)])).toEqual(expected);
      // Readers are libraries, and no library publishes to itself.
      for (const owner of OWNERS)
        for (const readers of Object.values(owner.publishes)) {
          expect(readers.every((r) => LIBS.includes(r) && r !== owner.lib)).toBe(true);
        }
    });
  });

  describe("each library's SQL", () => {
    const uses = (lib: string): NameUse[] => foreignNames(lib, libSources(ROOT, lib), OWNERS);

    it.each(LIBS)('%s names only its own objects and the views published to it', (lib) => {
      const found = uses(lib);
      const allowed = (u: NameUse) =>
        FROZEN_MIGRATIONS[u.file]?.names.includes(u.name) ||
        HANDOVER[u.file]?.names.includes(u.name) ||
        (!u.file.includes('/migrations/') && SERVICE_DEBT[lib]?.names.includes(u.name));
      expect(found.filter((u) => !allowed(u)).map((u) => `${u.file}: ${u.name}`)).toEqual([]);
    });

    it('lists frozen history exactly: each entry still names what it lists, and only merged migrations', () => {
      const all = LIBS.flatMap(uses);
      for (const [file, entry] of Object.entries({ ...FROZEN_MIGRATIONS, ...HANDOVER })) {
        expect([file, all.filter((u) => u.file === file).map((u) => u.name)]).toEqual([file, [...entry.names].sort()]);
      }
      // Frozen means merged before the rule: the last of them is SpendGapFromVariedValue1764201609650.
      const frozen = MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.name === 'SpendGapFromVariedValue1764201609650') + 1).map((m) => m.name);
      expect(Object.values(FROZEN_MIGRATIONS).filter((entry) => !frozen.includes(entry.migration))).toEqual([]);
      for (const [lib, debt] of Object.entries(SERVICE_DEBT)) {
        const named = uses(lib)
          .filter((u) => !u.file.includes('/migrations/'))
          .map((u) => u.name);
        expect([lib, debt.names.filter((n) => !named.includes(n))]).toEqual([lib, []]); // paid off: remove the entry
      }
    });

    it('fails a new migration that names a table another library owns', () => {
      const file = 'libs/spend/src/migrations/1764201699999-reads-the-ledger.ts';
      const text = 'export const sql = `CREATE VIEW spend_paid_v AS SELECT p.amount_pence FROM payment p JOIN contract_outcome_paid_v o ON true`;';
      expect(foreignNames('spend', [{ file, text }], OWNERS)).toEqual([{ file, name: 'payment' }]);
      // A published view read by a library it is not published to is refused too.
      expect(foreignNames('publication', [{ file, text }], OWNERS).map((u) => u.name)).toEqual(['contract_outcome_paid_v', 'payment']);
    });
  });

  it('declares every object name once across libraries', () => {
    const names = OWNERS.flatMap(allNames);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });
});
