import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import prettier from 'prettier';

const HERE = path.resolve(process.cwd(), 'apps/api/test/operations');
const GENERATED = path.join(HERE, 'generated.ts');

/**
 * The committed types for the tests' operations must be what codegen makes of them and of
 * schema.gql today: an operation that no longer fits the schema fails here (as a stale schema.gql
 * fails schema.e2e-spec.ts), and so does an edited operation whose types were not regenerated.
 */
describe('apps/api/test/operations/generated.ts', () => {
  it('is up to date with the operations and schema.gql', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(HERE, 'print-generated.mjs'), path.join(HERE, 'codegen.yml')], {
      maxBuffer: 16 * 1024 * 1024,
    });
    const formatted = await prettier.format(stdout, { ...(await prettier.resolveConfig(GENERATED)), filepath: GENERATED });
    const committed = fs.existsSync(GENERATED) ? fs.readFileSync(GENERATED, 'utf8') : '';
    if (committed !== formatted) throw new Error('generated.ts is stale: run `npm run codegen` and commit the result');
  });
});
