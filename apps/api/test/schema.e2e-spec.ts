import fs from 'node:fs';
import path from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { startTestApp, TestApp } from './harness/test-app';

const SCHEMA_FILE = path.resolve(process.cwd(), 'schema.gql');
const HEADER = '# Generated from the code-first resolvers. Regenerate: UPDATE_SCHEMA=1 npm test -- schema\n\n';

/** The committed SDL must match what the code generates; `UPDATE_SCHEMA=1` rewrites it. */
describe('schema.gql', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('is up to date with the code', () => {
    const generated = HEADER + printSchema(app.nest.get(GraphQLSchemaHost).schema) + '\n';
    if (process.env.UPDATE_SCHEMA === '1') fs.writeFileSync(SCHEMA_FILE, generated);
    const committed = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '';
    if (committed !== generated) {
      throw new Error('schema.gql is stale: run `UPDATE_SCHEMA=1 npm test -- schema` and commit the result');
    }
  });
});
