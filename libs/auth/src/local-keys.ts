import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, JWK, CryptoKey } from 'jose';

/**
 * Outside production the app signs and verifies tokens with a local key kept in DATA_DIR (created
 * on first use), so `npm run token` and the tests can mint tokens that the app accepts. Production
 * never reads this key: it verifies against the identity provider's JWKS.
 */
export const LOCAL_ISSUER = 'urn:nps-marketplace:local';
export const LOCAL_AUDIENCE = 'nps-marketplace';
export const LOCAL_ALG = 'ES256';

export interface LocalKeyPair {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  kid: string;
}

export function localKeyFile(dataDir: string): string {
  return path.join(dataDir, 'auth', 'local-signing-key.json');
}

export async function loadOrCreateLocalKey(dataDir: string): Promise<LocalKeyPair> {
  const file = localKeyFile(dataDir);
  let jwk: JWK;
  try {
    jwk = JSON.parse(await fs.readFile(file, 'utf8')) as JWK;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const pair = await generateKeyPair(LOCAL_ALG, { extractable: true });
    jwk = { ...(await exportJWK(pair.privateKey)), kid: `local-${Date.now().toString(36)}`, alg: LOCAL_ALG };
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    // Written whole under a temporary name, then linked into place: link() fails with EEXIST if
    // another process got there first (its key wins), and a reader never sees a half-written file
    // (writing the key file itself with 'wx' let a racing reader parse it empty).
    const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    await fs.writeFile(temporary, JSON.stringify(jwk), { mode: 0o600, flag: 'wx' });
    try {
      await fs.link(temporary, file);
    } catch (linkError) {
      if ((linkError as NodeJS.ErrnoException).code !== 'EEXIST') throw linkError;
      jwk = JSON.parse(await fs.readFile(file, 'utf8')) as JWK;
    } finally {
      await fs.unlink(temporary);
    }
  }
  const { d: _d, ...publicJwk } = jwk;
  return {
    privateKey: (await importJWK(jwk, LOCAL_ALG)) as CryptoKey,
    publicKey: (await importJWK(publicJwk, LOCAL_ALG)) as CryptoKey,
    kid: jwk.kid ?? 'local',
  };
}
