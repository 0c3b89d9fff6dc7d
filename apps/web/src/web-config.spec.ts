import { loadConfig } from '@mkt/config';
import { loadWebConfig } from './web-config';

const production = loadConfig({
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://u:p@db.example.test/mkt',
  AUTH_JWKS_URL: 'https://idp.example.test/jwks',
  AUTH_ISSUER: 'https://idp.example.test',
  AUTH_AUDIENCE: 'nps-marketplace',
});
const development = loadConfig({ NODE_ENV: 'development' });
const OIDC = { OIDC_ISSUER: 'https://idp.example.test', OIDC_CLIENT_ID: 'web', OIDC_REDIRECT_URI: 'https://mkt.example.test/sign-in/callback' };

describe('loadWebConfig', () => {
  it('outside production needs nothing: development sign-in and a generated session key', () => {
    const config = loadWebConfig(development, {});
    expect(config.production).toBe(false);
    expect(config.oidc).toBeUndefined();
    expect(config.sessionSecret).toBeUndefined();
  });

  it('in production with OIDC requires the client id, the redirect URI and SESSION_SECRET, naming each', () => {
    expect(() => loadWebConfig(production, { OIDC_ISSUER: 'https://idp.example.test' })).toThrow(
      /SESSION_SECRET is required[\s\S]*OIDC_CLIENT_ID is required[\s\S]*OIDC_REDIRECT_URI must be/,
    );
    expect(() => loadWebConfig(production, { ...OIDC, SESSION_SECRET: 'too-short' })).toThrow(/at least 32 characters/);
    expect(loadWebConfig(production, { ...OIDC, SESSION_SECRET: 'x'.repeat(32) }).oidc).toMatchObject({ clientId: 'web', scope: 'openid profile' });
  });
});
