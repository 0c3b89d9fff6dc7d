import net from 'node:net';
import path from 'node:path';
import { isDecimalString, parsePence, Pence } from '@mkt/common';

/**
 * Every setting the app reads, validated once at start. A bad or missing setting stops the app with
 * a message naming it (`ConfigError`), never a failure later on first use.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export interface AppConfig {
  nodeEnv: string;
  production: boolean;
  host: string;
  port: number;
  databaseUrl?: string;
  /** A read replica for reports (spend); unset: reports read the primary. */
  databaseReplicaUrl?: string;
  dataDir: string;
  embeddedPgPort: number;
  demoData: boolean;
  dbPoolSize: number;
  /** Longest a single SQL statement may run before PostgreSQL cancels it (DB_STATEMENT_TIMEOUT_MS). */
  dbStatementTimeoutMs: number;
  logLevel: string;
  auth: {
    jwksUrl?: string;
    issuer?: string;
    audience?: string;
    /** How long the fetched JWKS is used before it is fetched again (AUTH_JWKS_CACHE_SECONDS). */
    jwksCacheSeconds: number;
  };
  ordering: {
    /** ORDER_APPROVAL_THRESHOLD: the peer-commissioner level of the default scheme of delegation. */
    approvalThresholdPence: Pence;
    /** Working days a provider has to answer (ORDER_RESPONSE_DAYS). */
    responseDays: number;
    /** Working days an order may wait for approval before it expires (APPROVAL_DAYS). */
    approvalDays: number;
    /** Procurement Act 2023 light-touch threshold, including VAT (LIGHT_TOUCH_THRESHOLD). */
    lightTouchThresholdPence: Pence;
    /** DELEGATION_SCHEME as written (`LEVEL:amount,...`); empty: the default scheme. Ordering parses it at start. */
    delegationScheme: string;
    /** How many days before today an URGENT_NEED order may start (RETROSPECTIVE_DAYS). */
    retrospectiveDays: number;
    /** `enforce` (default) or `allow` (past start dates on any route, as before issue 13; RETROSPECTIVE_ORDERS). */
    retrospectiveOrders: 'enforce' | 'allow';
    /** Bank holidays added by proclamation, YYYY-MM-DD (BANK_HOLIDAYS_EXTRA, comma-separated). */
    bankHolidaysExtra: string[];
    expirySweepSeconds: number;
    /** OUTCOME_SHARE_BY_BAND as written (`BAND:default/cap,...`); ordering parses and checks it at start. */
    outcomeShareByBand: string;
  };
  publication: {
    /** Public base URL of this API, written into published packages (their permanent URLs). */
    baseUrl: string;
    /** OCDS open contracting ID prefix (registered with the Open Contracting Partnership). */
    ocidPrefix: string;
  };
  /** Limits checked on every GraphQL document before it is validated and executed. */
  graphql: GraphQLLimits;
  http: {
    /** Largest accepted request body, in bytes (BODY_LIMIT). */
    bodyLimitBytes: number;
    /** Browser origins allowed to call the API (CORS_ORIGINS); empty means no cross-origin access. */
    corsOrigins: string[];
    /** Express `trust proxy` value: which hops' X-Forwarded-For to believe (TRUST_PROXY). */
    trustProxy: boolean | number | string[];
    /** How long an idle connection is kept open (HTTP_KEEP_ALIVE_TIMEOUT, seconds). */
    keepAliveTimeoutSeconds: number;
  };
  rateLimit: {
    mutationsPerMinute: number;
    store: RateLimitStoreKind;
  };
  reports: {
    /** Most groups one report (spend, sustainabilityGap, spendInclusion, costPerOutcome, budgets) returns (REPORT_MAX_ROWS). */
    maxRows: number;
  };
}

export interface GraphQLLimits {
  maxDepth: number;
  /** Field selections counted with every fragment expanded (GRAPHQL_MAX_FIELDS). */
  maxFields: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
  /** `jit` (graphql-jit, compiled operations) or `graphql-js` (the reference interpreter). */
  executor: 'jit' | 'graphql-js';
}

export type RateLimitStoreKind = 'memory' | 'postgres';

type Env = Record<string, string | undefined>;

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: string, fallback?: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value === '' ? fallback : value;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return Number(raw);
  }

  onOff(name: string, fallback: boolean): boolean {
    const raw = this.string(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['on', 'true', '1', 'yes'].includes(raw)) return true;
    if (['off', 'false', '0', 'no'].includes(raw)) return false;
    this.problems.push(`${name} must be "on" or "off" (got "${raw}")`);
    return fallback;
  }

  money(name: string, fallback: string): Pence {
    const raw = this.string(name, fallback)!;
    if (!isDecimalString(raw) || parsePence(raw) < 0n) {
      this.problems.push(`${name} must be an amount such as 25000.00 (got "${raw}")`);
      return parsePence(fallback);
    }
    return parsePence(raw);
  }

  /** Comma-separated YYYY-MM-DD dates. */
  dates(name: string): string[] {
    const raw = this.string(name);
    if (raw === undefined) return [];
    const dates = raw
      .split(',')
      .map((d) => d.trim())
      .filter(Boolean);
    const valid = (d: string) => {
      const ms = /^\d{4}-\d{2}-\d{2}$/.test(d) ? Date.parse(`${d}T00:00:00Z`) : NaN;
      return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === d;
    };
    const bad = dates.filter((d) => !valid(d));
    if (bad.length) {
      this.problems.push(`${name} must list dates such as 2027-06-04, comma-separated (bad: ${bad.join(', ')})`);
      return [];
    }
    return dates;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.string(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  }

  /** A size such as 1mb, 512kb or a number of bytes. */
  bytes(name: string, fallback: number, min: number, max: number): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(raw.trim());
    const unit = { b: 1, kb: 1024, mb: 1024 * 1024 }[(match?.[2] ?? 'b').toLowerCase() as 'b' | 'kb' | 'mb'];
    const value = match ? Number(match[1]) * unit : NaN;
    if (!(value >= min && value <= max)) {
      this.problems.push(`${name} must be a size from ${min / 1024}kb to ${max / 1024 / 1024}mb, such as 1mb or 512kb (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  /** Comma-separated browser origins (scheme, host and port; no path, no wildcard). */
  origins(name: string): string[] {
    const raw = this.string(name);
    if (raw === undefined) return [];
    const origins = raw
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    const bad = origins.filter((origin) => {
      try {
        const url = new URL(origin);
        return !['http:', 'https:'].includes(url.protocol) || url.origin !== origin;
      } catch {
        return true;
      }
    });
    if (bad.length) {
      this.problems.push(`${name} must list origins such as https://app.example.org, comma-separated (bad: ${bad.join(', ')})`);
      return [];
    }
    return origins;
  }

  /** Express `trust proxy`: off, a hop count, or addresses/subnets/loopback/linklocal/uniquelocal. */
  trustProxy(name: string, fallback: string): boolean | number | string[] {
    const raw = this.string(name, fallback)!.trim();
    if (['off', 'false', 'none'].includes(raw.toLowerCase())) return false;
    if (/^\d{1,2}$/.test(raw)) return Number(raw);
    const entries = raw
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    const valid = (entry: string) => {
      if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
      const [address, prefix, ...rest] = entry.split('/');
      return !rest.length && net.isIP(address) !== 0 && (prefix === undefined || /^\d{1,3}$/.test(prefix));
    };
    if (!entries.length || !entries.every(valid)) {
      this.problems.push(
        `${name} must be "off", a number of hops, or a comma-separated list of addresses, subnets, loopback, linklocal, uniquelocal (got "${raw}")`,
      );
      return false;
    }
    return entries;
  }

  url(name: string, protocols: string[]): string | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    try {
      const url = new URL(raw);
      if (!protocols.includes(url.protocol)) throw new Error('protocol');
      return raw;
    } catch {
      this.problems.push(`${name} must be a ${protocols.join(' or ')} URL`);
      return undefined;
    }
  }
}

/**
 * Cost is an upper bound on the number of objects a response can hold (see query-analysis in
 * libs/common): a 100-item page of offers with every field, outcome commitments and provider costs
 * 2,402; one report at REPORT_MAX_ROWS rows (20,000) fits, two do not.
 */
const DEFAULT_MAX_COST = 25_000;

export function loadConfig(env: Env = process.env): AppConfig {
  const read = new Reader(env);
  const nodeEnv = read.string('NODE_ENV', 'development')!;
  const production = nodeEnv === 'production';
  const port = read.int('PORT', 3000, 0, 65535);
  const config: AppConfig = {
    nodeEnv,
    production,
    host: read.string('HOST', '0.0.0.0')!,
    port,
    databaseUrl: read.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    databaseReplicaUrl: read.url('DATABASE_REPLICA_URL', ['postgres:', 'postgresql:']),
    dataDir: path.resolve(read.string('DATA_DIR', '.data')!),
    embeddedPgPort: read.int('EMBEDDED_PG_PORT', 54329, 1024, 65535),
    demoData: read.onOff('DEMO_DATA', true),
    dbPoolSize: read.int('DB_POOL_SIZE', 10, 1, 200),
    dbStatementTimeoutMs: read.int('DB_STATEMENT_TIMEOUT_MS', 30_000, 100, 3_600_000),
    logLevel: read.string('LOG_LEVEL', 'info')!,
    auth: readAuth(read),
    ordering: readOrdering(read),
    publication: readPublication(read, port),
    graphql: readGraphql(read),
    http: readHttp(read),
    rateLimit: readRateLimit(read),
    // Also the bound the GraphQL cost analysis counts report rows by; the CSV exports stream and are not capped.
    reports: { maxRows: read.int('REPORT_MAX_ROWS', 20_000, 1, 100_000) },
  };
  checkTogether(read, config);
  if (read.problems.length) throw new ConfigError(read.problems);
  return config;
}

function readAuth(read: Reader): AppConfig['auth'] {
  return {
    jwksUrl: read.url('AUTH_JWKS_URL', ['https:', 'http:']),
    issuer: read.string('AUTH_ISSUER'),
    audience: read.string('AUTH_AUDIENCE'),
    // A key removed from the identity provider's set stops being trusted within this time.
    jwksCacheSeconds: read.int('AUTH_JWKS_CACHE_SECONDS', 60, 1, 300),
  };
}

function readOrdering(read: Reader): AppConfig['ordering'] {
  return {
    approvalThresholdPence: read.money('ORDER_APPROVAL_THRESHOLD', '25000.00'),
    responseDays: read.int('ORDER_RESPONSE_DAYS', 10, 1, 365),
    approvalDays: read.int('APPROVAL_DAYS', 5, 1, 365),
    lightTouchThresholdPence: read.money('LIGHT_TOUCH_THRESHOLD', '663540.00'),
    delegationScheme: read.string('DELEGATION_SCHEME', '')!,
    retrospectiveDays: read.int('RETROSPECTIVE_DAYS', 30, 0, 3650),
    retrospectiveOrders: read.oneOf('RETROSPECTIVE_ORDERS', ['enforce', 'allow'] as const, 'enforce'),
    bankHolidaysExtra: read.dates('BANK_HOLIDAYS_EXTRA'),
    expirySweepSeconds: read.int('ORDER_EXPIRY_SWEEP_SECONDS', 60, 0, 86_400),
    outcomeShareByBand: read.string('OUTCOME_SHARE_BY_BAND', '')!,
  };
}

function readPublication(read: Reader, port: number): AppConfig['publication'] {
  return {
    baseUrl: (read.url('PUBLIC_BASE_URL', ['https:', 'http:']) ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    ocidPrefix: read.string('OCDS_OCID_PREFIX', 'ocds-npsmkt')!,
  };
}

function readGraphql(read: Reader): AppConfig['graphql'] {
  return {
    maxDepth: read.int('GRAPHQL_MAX_DEPTH', 12, 1, 100),
    maxFields: read.int('GRAPHQL_MAX_FIELDS', 1000, 10, 100_000),
    maxAliases: read.int('GRAPHQL_MAX_ALIASES', 30, 0, 1000),
    maxDirectives: read.int('GRAPHQL_MAX_DIRECTIVES', 50, 0, 1000),
    maxTokens: read.int('GRAPHQL_MAX_TOKENS', 5000, 100, 100_000),
    maxCost: read.int('GRAPHQL_MAX_COST', DEFAULT_MAX_COST, 1, 10_000_000),
    executor: read.oneOf('GRAPHQL_EXECUTOR', ['jit', 'graphql-js'] as const, 'jit'),
  };
}

function readHttp(read: Reader): AppConfig['http'] {
  return {
    bodyLimitBytes: read.bytes('BODY_LIMIT', 1024 * 1024, 1024, 50 * 1024 * 1024),
    corsOrigins: read.origins('CORS_ORIGINS'),
    trustProxy: read.trustProxy('TRUST_PROXY', 'loopback, linklocal, uniquelocal'),
    // Longer than load balancers' idle timeouts (60 s is common), so a balancer never sends a
    // request on a connection the app is closing at that moment (it would answer 502).
    keepAliveTimeoutSeconds: read.int('HTTP_KEEP_ALIVE_TIMEOUT', 65, 1, 600),
  };
}

function readRateLimit(read: Reader): AppConfig['rateLimit'] {
  return {
    mutationsPerMinute: read.int('RATE_LIMIT_MUTATIONS_PER_MINUTE', 600, 1, 1_000_000),
    store: read.oneOf('RATE_LIMIT_STORE', ['memory', 'postgres'] as const, 'memory'),
  };
}

/** Rules across settings, and formats no single reader checks; each breach is one more problem. */
function checkTogether(read: Reader, config: AppConfig): void {
  if (!/^ocds-[a-z0-9]{6}$/.test(config.publication.ocidPrefix)) {
    read.problems.push(`OCDS_OCID_PREFIX must look like ocds-<6 lower-case letters or digits> (got "${config.publication.ocidPrefix}")`);
  }
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(config.logLevel)) {
    read.problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent`);
  }
  if (config.production) {
    if (!config.databaseUrl) read.problems.push('DATABASE_URL is required when NODE_ENV=production');
    for (const name of ['AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE']) {
      if (!read.string(name)) read.problems.push(`${name} is required when NODE_ENV=production`);
    }
  }
}

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
