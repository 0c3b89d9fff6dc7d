/**
 * The floor: the least a server can do to answer the benchmark's requests. A `node:http` server,
 * raw `pg` with the app's pool size, the same bearer-token check (ES256 with the same local key,
 * issuer and audience, verified tokens remembered for a minute as the app does), the same SQL per request as the app (see workloads.ts), JSON of the same
 * shape. No framework, no GraphQL parsing or validation, no per-field resolution.
 *
 * Environment: DATABASE_URL, DB_POOL_SIZE, PORT, DATA_DIR (for the local key), FLOOR_BEGIN (JSON
 * list of the statements that open a transaction, as captured from the app).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import pg from 'pg';
import type { JWK } from 'jose';
import { floorDb } from '../lib/sql-client';
import { FLOOR_HANDLERS, FloorContext, FloorPrincipal } from '../workloads';

// DATE columns stay strings, as in the app (libs/database/src/pg-types.ts).
pg.types.setTypeParser(1082, (value: string) => value);

const LOCAL_ISSUER = 'urn:nps-marketplace:local';
const LOCAL_AUDIENCE = 'nps-marketplace';
const BODY_LIMIT = 1024 * 1024;

type Jose = typeof import('jose');
type PrincipalOf = (header: string | undefined) => Promise<FloorPrincipal>;
/** What every request's context shares (the principal is the request's own). */
type Shared = Omit<FloorContext, 'principal'>;

async function main() {
  const jose = await import('jose');
  const env = process.env;
  const pool = new pg.Pool({
    connectionString: env.DATABASE_URL,
    max: Number(env.DB_POOL_SIZE ?? 10),
    application_name: 'bench-floor',
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  const begin = JSON.parse(env.FLOOR_BEGIN ?? '["START TRANSACTION"]') as string[];
  const jwk = JSON.parse(fs.readFileSync(path.join(env.DATA_DIR!, 'auth', 'local-signing-key.json'), 'utf8')) as JWK;
  const { d: _private, ...publicJwk } = jwk;
  const publicKey = await jose.importJWK(publicJwk, 'ES256');
  const pduRegions = new Map<string, string>(
    (await pool.query<{ code: string; region_code: string }>('SELECT code, region_code FROM pdu')).rows.map((r) => [r.code, r.region_code]),
  );
  const shared: Shared = {
    db: floorDb(pool, begin),
    pduRegions,
    approvalThresholdPence: BigInt(env.ORDER_APPROVAL_THRESHOLD_PENCE ?? '2500000'),
    responseDays: Number(env.ORDER_RESPONSE_DAYS ?? 10),
  };
  const server = http.createServer(listener(shared, tokenCheck(jose, publicKey)));
  server.keepAliveTimeout = 5_000;
  server.listen(Number(env.PORT ?? 0), '127.0.0.1', () => {
    const address = server.address() as { port: number };
    process.send?.({ type: 'listening', port: address.port });
    process.stdout.write(`floor listening on ${address.port}\n`);
  });
  const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** The same as the app's TokenVerifier: a verified token is trusted again for up to a minute. */
function tokenCheck({ jwtVerify }: Jose, publicKey: Awaited<ReturnType<Jose['importJWK']>>): PrincipalOf {
  const verified = new Map<string, { principal: FloorPrincipal; until: number }>();
  return async (header) => {
    const match = /^Bearer\s+(\S+)$/.exec(header ?? '');
    if (!match) throw Object.assign(new Error('unauthenticated'), { status: 401 });
    const now = Date.now();
    const known = verified.get(match[1]);
    if (known && known.until > now) return known.principal;
    const { payload } = await jwtVerify(match[1], publicKey, { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, clockTolerance: 30 });
    const principal = {
      sub: String(payload.sub),
      roles: Array.isArray(payload.roles) ? payload.roles.map((r) => String(r).toUpperCase()) : [],
      regions: Array.isArray(payload.regions) ? payload.regions.map(String) : [],
      org: typeof payload.org === 'string' ? payload.org : undefined,
    };
    if (typeof payload.exp === 'number') verified.set(match[1], { principal, until: Math.min(payload.exp * 1000, now + 60_000) });
    return principal;
  };
}

function listener(shared: Shared, principalOf: PrincipalOf): http.RequestListener {
  return (req, res) => {
    if (req.method === 'GET' && req.url === '/health/live') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) req.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => void answer(shared, principalOf, req, res, chunks));
  };
}

/** One GraphQL request: the workload's floor handler, or `errors` as the app would send them. */
async function answer(shared: Shared, principalOf: PrincipalOf, req: http.IncomingMessage, res: http.ServerResponse, chunks: Buffer[]) {
  try {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { operationName?: string; variables?: Record<string, unknown> };
    const handler = FLOOR_HANDLERS.get(body.operationName ?? '');
    if (!handler) throw Object.assign(new Error(`no floor handler for ${body.operationName}`), { status: 400 });
    const ctx: FloorContext = { ...shared, principal: await principalOf(req.headers.authorization) };
    const data = await handler(ctx, body.variables ?? {});
    const json = JSON.stringify({ data });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) }).end(json);
  } catch (error) {
    const status = (error as { status?: number }).status ?? 200;
    const json = JSON.stringify({ errors: [{ message: (error as Error).message }], data: null });
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(json);
  }
}

main().catch((error) => {
  process.stderr.write(`floor failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
