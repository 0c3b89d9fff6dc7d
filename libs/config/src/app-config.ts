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
  dataDir: string;
  embeddedPgPort: number;
  demoData: boolean;
  dbPoolSize: number;
  logLevel: string;
  auth: {
    jwksUrl?: string;
    issuer?: string;
    audience?: string;
  };
  ordering: {
    approvalThresholdPence: Pence;
    responseDays: number;
    expirySweepSeconds: number;
  };
  publication: {
    /** Public base URL of this API, written into published packages (their permanent URLs). */
    baseUrl: string;
    /** OCDS open contracting ID prefix (registered with the Open Contracting Partnership). */
    ocidPrefix: string;
  };
}

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
    dataDir: path.resolve(read.string('DATA_DIR', '.data')!),
    embeddedPgPort: read.int('EMBEDDED_PG_PORT', 54329, 1024, 65535),
    demoData: read.onOff('DEMO_DATA', true),
    dbPoolSize: read.int('DB_POOL_SIZE', 10, 1, 200),
    logLevel: read.string('LOG_LEVEL', 'info')!,
    auth: {
      jwksUrl: read.url('AUTH_JWKS_URL', ['https:', 'http:']),
      issuer: read.string('AUTH_ISSUER'),
      audience: read.string('AUTH_AUDIENCE'),
    },
    ordering: {
      approvalThresholdPence: read.money('ORDER_APPROVAL_THRESHOLD', '25000.00'),
      responseDays: read.int('ORDER_RESPONSE_DAYS', 10, 1, 365),
      expirySweepSeconds: read.int('ORDER_EXPIRY_SWEEP_SECONDS', 60, 0, 86_400),
    },
    publication: {
      baseUrl: (read.url('PUBLIC_BASE_URL', ['https:', 'http:']) ?? `http://localhost:${port}`).replace(/\/+$/, ''),
      ocidPrefix: read.string('OCDS_OCID_PREFIX', 'ocds-npsmkt')!,
    },
  };
  if (!/^ocds-[a-z0-9]{6}$/.test(config.publication.ocidPrefix)) {
    read.problems.push(`OCDS_OCID_PREFIX must look like ocds-<6 lower-case letters or digits> (got "${config.publication.ocidPrefix}")`);
  }
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(config.logLevel)) {
    read.problems.push(`LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent`);
  }
  if (production) {
    if (!config.databaseUrl) read.problems.push('DATABASE_URL is required when NODE_ENV=production');
    for (const name of ['AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE']) {
      if (!read.string(name)) read.problems.push(`${name} is required when NODE_ENV=production`);
    }
  }
  if (read.problems.length) throw new ConfigError(read.problems);
  return config;
}

/** Injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
