import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, SignJWT } from 'jose';

/**
 * A stand-in OpenID Connect provider on 127.0.0.1 for the production sign-in test: discovery, an
 * authorisation endpoint that signs the given person in at once, and a token endpoint that checks
 * the PKCE verifier against the challenge, as a real provider does. The access token comes from
 * `accessToken` (the API's identity provider, so the API accepts it).
 */
export interface TestOidcProvider {
  issuer: string;
  /** Codes redeemed, and refusals, for the assertions. */
  log: string[];
  close(): Promise<void>;
}

interface OidcOptions {
  clientId: string;
  person: { sub: string; roles: string[]; regions?: string[]; org?: string };
  accessToken: () => Promise<string>;
}

/** What the endpoints share: the options, the signing key, the codes handed out and not yet redeemed, the log. */
interface Provider {
  options: OidcOptions;
  privateKey: CryptoKey;
  codes: Map<string, { challenge: string; redirectUri: string }>;
  log: string[];
}

type Json = (status: number, body: unknown) => http.ServerResponse;

const discovery = (issuer: string) => ({
  issuer,
  authorization_endpoint: `${issuer}/authorize`,
  token_endpoint: `${issuer}/token`,
  jwks_uri: `${issuer}/jwks`,
  response_types_supported: ['code'],
  code_challenge_methods_supported: ['S256'],
  id_token_signing_alg_values_supported: ['ES256'],
});

/** Signs the person in at once: a code for the PKCE challenge, sent back to the redirect URI. */
function authorize({ options, codes, log }: Provider, p: URLSearchParams, res: http.ServerResponse, json: Json) {
  if (p.get('client_id') !== options.clientId || p.get('code_challenge_method') !== 'S256' || !p.get('code_challenge')) {
    log.push('authorize refused');
    return json(400, { error: 'invalid_request' });
  }
  const code = randomBytes(16).toString('hex');
  codes.set(code, { challenge: p.get('code_challenge')!, redirectUri: p.get('redirect_uri')! });
  const back = new URL(p.get('redirect_uri')!);
  back.searchParams.set('code', code);
  back.searchParams.set('state', p.get('state')!);
  return res.writeHead(302, { location: back.href }).end();
}

/** Redeems a code (once): the verifier must match its challenge, and the redirect URI its own. */
async function redeem(provider: Provider, issuer: string, req: http.IncomingMessage, json: Json) {
  const { options, codes, log } = provider;
  let body = '';
  for await (const chunk of req) body += chunk;
  const form = new URLSearchParams(body);
  const pending = codes.get(form.get('code') ?? '');
  codes.delete(form.get('code') ?? '');
  const verifier = form.get('code_verifier') ?? '';
  if (
    !pending ||
    createHash('sha256').update(verifier).digest('base64url') !== pending.challenge ||
    form.get('redirect_uri') !== pending.redirectUri
  ) {
    log.push('token refused');
    return json(400, { error: 'invalid_grant' });
  }
  log.push('token issued');
  const idToken = await new SignJWT({
    roles: options.person.roles,
    regions: options.person.regions ?? [],
    ...(options.person.org ? { org: options.person.org } : {}),
  })
    .setProtectedHeader({ alg: 'ES256', kid: 'oidc-1' })
    .setSubject(options.person.sub)
    .setIssuer(issuer)
    .setAudience(options.clientId)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(provider.privateKey);
  return json(200, { access_token: await options.accessToken(), token_type: 'Bearer', expires_in: 600, id_token: idToken });
}

export async function startOidcProvider(options: OidcOptions): Promise<TestOidcProvider> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'oidc-1', alg: 'ES256', use: 'sig' };
  const provider: Provider = { options, privateKey, codes: new Map(), log: [] };
  const { log } = provider;
  let issuer = '';
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url!, issuer);
    const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (url.pathname === '/.well-known/openid-configuration') return json(200, discovery(issuer));
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (url.pathname === '/authorize') return authorize(provider, url.searchParams, res, json);
    if (url.pathname === '/token' && req.method === 'POST') return redeem(provider, issuer, req, json);
    json(404, { error: 'not_found' });
  };
  // A failure in the handler is logged and answered 500, not left as an unhandled rejection.
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.push(`failed: ${String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'server_error' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { issuer, log, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
