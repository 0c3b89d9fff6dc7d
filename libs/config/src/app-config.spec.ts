import { ConfigError, loadConfig } from './app-config';

/** Every setting is read once at start; a bad or missing one stops the app with its name. */
function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgresql://mkt:secret@db.internal:5432/marketplace',
  AUTH_JWKS_URL: 'https://login.example.gov.uk/.well-known/jwks.json',
  AUTH_ISSUER: 'https://login.example.gov.uk/',
  AUTH_AUDIENCE: 'nps-marketplace-api',
};

describe('loadConfig', () => {
  it('has safe defaults for every hardening setting', () => {
    const config = loadConfig({});
    expect(config.graphql).toEqual({
      maxDepth: 12,
      maxFields: 1000,
      maxAliases: 30,
      maxDirectives: 50,
      maxTokens: 5000,
      maxCost: 25_000,
      executor: 'jit',
    });
    expect(config.http).toEqual({
      bodyLimitBytes: 1024 * 1024,
      corsOrigins: [],
      trustProxy: ['loopback', 'linklocal', 'uniquelocal'],
      keepAliveTimeoutSeconds: 65,
    });
    expect(config.rateLimit).toEqual({ mutationsPerMinute: 600, store: 'memory' });
    expect(config.reports).toEqual({ maxRows: 20_000 });
    expect(loadConfig({ REPORT_MAX_ROWS: '3' }).reports.maxRows).toBe(3);
  });

  it('reads every hardening setting', () => {
    const config = loadConfig({
      GRAPHQL_MAX_DEPTH: '8',
      GRAPHQL_MAX_FIELDS: '400',
      GRAPHQL_MAX_ALIASES: '10',
      GRAPHQL_MAX_DIRECTIVES: '20',
      GRAPHQL_MAX_TOKENS: '2000',
      GRAPHQL_MAX_COST: '10000',
      BODY_LIMIT: '512kb',
      CORS_ORIGINS: 'https://commissioning.example.gov.uk, http://localhost:5173',
      TRUST_PROXY: '10.0.0.0/8,loopback',
      HTTP_KEEP_ALIVE_TIMEOUT: '120',
      RATE_LIMIT_MUTATIONS_PER_MINUTE: '120',
      RATE_LIMIT_STORE: 'postgres',
      GRAPHQL_EXECUTOR: 'graphql-js',
    });
    expect(config.graphql).toEqual({
      maxDepth: 8,
      maxFields: 400,
      maxAliases: 10,
      maxDirectives: 20,
      maxTokens: 2000,
      maxCost: 10_000,
      executor: 'graphql-js',
    });
    expect(config.http).toEqual({
      bodyLimitBytes: 512 * 1024,
      corsOrigins: ['https://commissioning.example.gov.uk', 'http://localhost:5173'],
      trustProxy: ['10.0.0.0/8', 'loopback'],
      keepAliveTimeoutSeconds: 120,
    });
    expect(config.rateLimit).toEqual({ mutationsPerMinute: 120, store: 'postgres' });
    expect(loadConfig({ BODY_LIMIT: '2mb' }).http.bodyLimitBytes).toBe(2 * 1024 * 1024);
    expect(loadConfig({ BODY_LIMIT: '65536' }).http.bodyLimitBytes).toBe(65_536);
    expect(loadConfig({ TRUST_PROXY: 'off' }).http.trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).http.trustProxy).toBe(1);
  });

  it.each([
    ['GRAPHQL_MAX_DEPTH', '0'],
    ['GRAPHQL_MAX_DEPTH', 'deep'],
    ['GRAPHQL_MAX_ALIASES', '-1'],
    ['GRAPHQL_MAX_DIRECTIVES', '1.5'],
    ['GRAPHQL_MAX_TOKENS', '50'],
    ['GRAPHQL_MAX_COST', '0'],
    ['BODY_LIMIT', '1gb'],
    ['BODY_LIMIT', '100'],
    ['BODY_LIMIT', 'lots'],
    ['CORS_ORIGINS', '*'],
    ['CORS_ORIGINS', 'https://ok.example.org,https://bad.example.org/path'],
    ['CORS_ORIGINS', 'ftp://files.example.org'],
    ['TRUST_PROXY', 'everyone'],
    ['TRUST_PROXY', '10.0.0.0/8/1'],
    ['HTTP_KEEP_ALIVE_TIMEOUT', '0'],
    ['RATE_LIMIT_MUTATIONS_PER_MINUTE', '0'],
    ['RATE_LIMIT_MUTATIONS_PER_MINUTE', 'many'],
    ['RATE_LIMIT_STORE', 'redis'],
    ['PORT', '70000'],
    ['DB_POOL_SIZE', '0'],
    ['LOG_LEVEL', 'loud'],
    ['DATABASE_URL', 'mysql://db/marketplace'],
    ['DEMO_DATA', 'maybe'],
    ['AUTH_JWKS_CACHE_SECONDS', '0'],
    ['AUTH_JWKS_CACHE_SECONDS', '3600'],
    ['REPORT_MAX_ROWS', '0'],
    ['REPORT_MAX_ROWS', '100001'],
    ['REPORT_MAX_ROWS', 'all'],
  ])('refuses %s=%s, naming the setting', (name, value) => {
    const found = problems({ [name]: value });
    expect(found).toHaveLength(1);
    expect(found[0].startsWith(`${name} `)).toBe(true);
  });

  it('requires the database and identity provider settings in production, naming each', () => {
    expect(problems(PRODUCTION)).toEqual([]);
    expect(loadConfig(PRODUCTION).production).toBe(true);
    expect(loadConfig(PRODUCTION).auth.jwksCacheSeconds).toBe(60);
    expect(loadConfig({ ...PRODUCTION, AUTH_JWKS_CACHE_SECONDS: '15' }).auth.jwksCacheSeconds).toBe(15);
    for (const name of ['DATABASE_URL', 'AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE']) {
      const { [name]: _left, ...rest } = PRODUCTION as Record<string, string>;
      expect(problems(rest)).toEqual([`${name} is required when NODE_ENV=production`]);
    }
  });

  it('lists every bad setting at once, in a message that names them', () => {
    let error: unknown;
    try {
      loadConfig({ GRAPHQL_MAX_DEPTH: 'x', RATE_LIMIT_STORE: 'redis', CORS_ORIGINS: '*' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    for (const name of ['GRAPHQL_MAX_DEPTH', 'RATE_LIMIT_STORE', 'CORS_ORIGINS']) expect(message).toContain(name);
  });
});
