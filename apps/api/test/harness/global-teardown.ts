import fs from 'node:fs/promises';
// eslint-disable-next-line no-restricted-imports -- Jest's globalSetup/globalTeardown ignore moduleNameMapper: `@mkt/database` is "Cannot find module" here (jestjs/jest#11644)
import { EmbeddedPostgres } from '../../../../libs/database/src/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const embedded = (globalThis as { __mktEmbedded?: EmbeddedPostgres }).__mktEmbedded;
  if (!embedded) return;
  await embedded.stop();
  if (process.env.TEST_EMBEDDED_ROOT) await fs.rm(process.env.TEST_EMBEDDED_ROOT, { recursive: true, force: true });
}
