import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';
import { render } from './render';

/**
 * The session lives in one cookie, encrypted and authenticated with AES-256-GCM: nothing to store
 * server-side, replicas share it through the key, and a tampered cookie simply reads as no session.
 * The key is SESSION_SECRET, or outside production a random key generated into DATA_DIR (like the
 * local signing key), so no secret is ever committed.
 */
export interface SessionUser {
  sub: string;
  roles: string[];
  regions: string[];
  org?: string;
  /** How the user signed in: the development page or the identity provider. */
  via: 'local' | 'oidc';
}

export interface WebSession {
  csrf: string;
  token?: string;
  user?: SessionUser;
  /** One-off GOV.UK notification banner text for the next page. */
  flash?: string;
  /** OIDC sign-in in progress: PKCE verifier and state, until the callback. */
  oidc?: { verifier: string; state: string };
}

export const SESSION_COOKIE = 'nps_session';
const MAX_AGE_SECONDS = 12 * 60 * 60;

export async function loadSessionKey(dataDir: string, secret?: string): Promise<Buffer> {
  if (secret) return createHash('sha256').update(secret).digest();
  const file = path.join(dataDir, 'web', 'session-key');
  try {
    return Buffer.from(await fs.readFile(file, 'utf8'), 'base64url');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    await fs.writeFile(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return Buffer.from(await fs.readFile(file, 'utf8'), 'base64url');
}

// Session expiry reads the web process's own clock, not the API's `Clock`: the session is the
// browser's login to this process, and moving the API's business time in tests must not log users out.
export function sealSession(key: Buffer, session: WebSession): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = JSON.stringify({ ...session, exp: Math.floor(Date.now() / 1000) + MAX_AGE_SECONDS });
  const sealed = Buffer.concat([cipher.update(body, 'utf8'), cipher.final()]);
  return [iv, sealed, cipher.getAuthTag()].map((b) => b.toString('base64url')).join('.');
}

export function openSession(key: Buffer, value: string | undefined): WebSession | undefined {
  const parts = value?.split('.');
  if (parts?.length !== 3) return undefined;
  try {
    const [iv, sealed, tag] = parts.map((p) => Buffer.from(p, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    const body = JSON.parse(Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8')) as Partial<WebSession> & { exp?: unknown };
    if (typeof body.exp !== 'number' || body.exp < Date.now() / 1000 || typeof body.csrf !== 'string') return undefined;
    delete body.exp;
    return body as WebSession;
  } catch {
    return undefined;
  }
}

export function newSession(): WebSession {
  return { csrf: randomBytes(24).toString('base64url') };
}

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** Reads the session into `res.locals.session`; it is written back (once) just before the response. */
export function sessionMiddleware(key: Buffer, secure: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    const session = openSession(key, readCookie(req, SESSION_COOKIE)) ?? newSession();
    const before = JSON.stringify(session);
    res.locals.session = session;
    const writeHead = res.writeHead.bind(res);
    res.writeHead = function (this: Response, ...args: unknown[]) {
      if (JSON.stringify(res.locals.session) !== before || !readCookie(req, SESSION_COOKIE)) {
        const flags = `Path=/; HttpOnly; SameSite=Lax; Max-Age=${MAX_AGE_SECONDS}${secure ? '; Secure' : ''}`;
        this.setHeader('set-cookie', `${SESSION_COOKIE}=${sealSession(key, res.locals.session as WebSession)}; ${flags}`);
      }
      return (writeHead as (...a: unknown[]) => Response)(...args);
    } as typeof res.writeHead;
    next();
  };
}

/** Synchroniser token: every POST must carry the session's token in `_csrf`. */
export function csrfMiddleware(req: Request, res: Response, next: NextFunction): void {
  res.locals.csrfToken = (res.locals.session as WebSession).csrf;
  if (req.method !== 'POST') return next();
  const posted = (req.body as Record<string, unknown> | undefined)?._csrf;
  const sent = typeof posted === 'string' ? Buffer.from(posted) : Buffer.alloc(0);
  const expected = Buffer.from((res.locals.session as WebSession).csrf);
  if (sent.length === expected.length && timingSafeEqual(sent, expected)) return next();
  res.status(403);
  render(res, 'pages/error.njk', { title: 'Your form has expired', message: 'Go back, reload the page and try again.' });
}
