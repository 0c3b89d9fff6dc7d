/**
 * The API as the spend benchmark runs it: a separate process (so that the measuring client does
 * not share its event loop), on the benchmark's database, with local development tokens. The
 * parent starts it with NODE_ENV=production in the environment, which switches libraries such as
 * graphql-js to their production code paths, while the app's own settings come from the explicit
 * values below (local token keys, no demo data, errors only in the log).
 */
import { loadConfig } from '@mkt/config';
import { createApp } from '../../bootstrap/create-app';
import { createLogger } from '../../bootstrap/logger';

async function main(): Promise<void> {
  const [databaseUrl, dataDir] = process.argv.slice(2);
  const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir, DEMO_DATA: 'off', LOG_LEVEL: 'error', DB_POOL_SIZE: '10' });
  const app = await createApp(config, databaseUrl, createLogger(config.logLevel));
  await app.listen(0, '127.0.0.1');
  process.send?.({ port: (app.getHttpServer().address() as { port: number }).port });
  process.on('disconnect', () => {
    void app.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench server failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
