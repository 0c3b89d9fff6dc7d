/** What the results record about the machine, the runtimes and the database a run measured. */
import { execSync } from 'node:child_process';
import os from 'node:os';
import pg from 'pg';
import { Options } from './options';
import { ROOT } from './processes';
import { Environment } from './report';

export async function describeEnvironment(client: pg.Client, options: Options): Promise<Environment> {
  const version = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
  const counts = (
    await client.query<
      Record<string, unknown>
    >(`SELECT (SELECT count(*) FROM service_order)::int AS orders, (SELECT count(*) FROM contract)::int AS contracts,
      (SELECT count(*) FROM service_offer WHERE status = 'PUBLISHED')::int AS published_offers, pg_size_pretty(pg_database_size(current_database())) AS size`)
  ).rows[0];
  let commit: string | undefined;
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim();
  } catch {
    commit = undefined;
  }
  return {
    machine: {
      cpus: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
      platform: `${os.platform()} ${os.release()}`,
    },
    node: process.version,
    nodeFlags: options.nodeFlags,
    postgres: version,
    commit,
    poolSize: options.pool,
    databaseAtStart: counts,
  };
}
