import { ConfigError, type AppConfig } from '@mkt/config';

/**
 * The web service's own settings, read from the environment next to the API's. Outside production
 * sign-in is the development page; in production it is OpenID Connect: the pages are served only
 * when OIDC_ISSUER is set, and then OIDC_CLIENT_ID, OIDC_REDIRECT_URI and SESSION_SECRET are
 * required (the app refuses to start without them). A production API without OIDC serves no pages.
 */
export interface WebConfig {
  production: boolean;
  dataDir: string;
  /** Where the pages send their GraphQL requests; unset: this process's own /graphql on 127.0.0.1. */
  graphqlUrl?: string;
  /** 32+ characters; outside production a random key is generated into DATA_DIR instead. */
  sessionSecret?: string;
  oidc?: OidcSettings;
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** The absolute URL of /sign-in/callback as registered with the identity provider. */
  redirectUri: string;
  scope: string;
}

/** A ConfigError, so the app stops at start naming each setting, like the API's own (exit code 78). */
export class WebConfigError extends ConfigError {}

export function loadWebConfig(app: AppConfig, env: NodeJS.ProcessEnv = process.env): WebConfig {
  const value = (name: string) => env[name]?.trim() || undefined;
  const config: WebConfig = {
    production: app.production,
    dataDir: app.dataDir,
    graphqlUrl: value('WEB_GRAPHQL_URL'),
    sessionSecret: value('SESSION_SECRET'),
  };
  const issuer = value('OIDC_ISSUER');
  if (issuer) {
    config.oidc = {
      issuer,
      clientId: value('OIDC_CLIENT_ID') ?? '',
      clientSecret: value('OIDC_CLIENT_SECRET'),
      redirectUri: value('OIDC_REDIRECT_URI') ?? '',
      scope: value('OIDC_SCOPE') ?? 'openid profile',
    };
  }
  const problems: string[] = [];
  if (config.sessionSecret && config.sessionSecret.length < 32) problems.push('SESSION_SECRET must be at least 32 characters');
  if (config.production && config.oidc && !config.sessionSecret)
    problems.push('SESSION_SECRET is required with OIDC_ISSUER when NODE_ENV=production');
  if (config.oidc) {
    if (!config.oidc.clientId) problems.push('OIDC_CLIENT_ID is required with OIDC_ISSUER');
    if (!/^https?:\/\//.test(config.oidc.redirectUri)) problems.push('OIDC_REDIRECT_URI must be the absolute URL of /sign-in/callback');
  }
  if (problems.length) throw new WebConfigError(problems);
  return config;
}
