import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
// eslint-disable-next-line no-restricted-imports -- Jest's globalSetup/globalTeardown ignore moduleNameMapper: `@mkt/database` is "Cannot find module" here (jestjs/jest#11644)
import { EmbeddedPostgres } from '../../../../libs/database/src/embedded-postgres';

/**
 * One throw-away PostgreSQL server for the whole run (embedded, unless DATABASE_URL names one);
 * each test file creates its own database on it. The admin URL reaches the workers through the
 * environment.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.TEST_DATABASE_ADMIN_URL = process.env.DATABASE_URL;
    return;
  }
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'mkt-test-pg-'));
  const embedded = new EmbeddedPostgres({ dataDir: path.join(root, 'pg'), port: await freePort() });
  await embedded.start();
  process.env.TEST_DATABASE_ADMIN_URL = embedded.url('postgres');
  process.env.TEST_EMBEDDED_ROOT = root;
  (globalThis as { __mktEmbedded?: EmbeddedPostgres }).__mktEmbedded = embedded;
}
