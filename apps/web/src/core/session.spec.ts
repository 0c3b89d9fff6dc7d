import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadSessionKey, newSession, openSession, sealSession } from './session';

describe('the session cookie', () => {
  const key = Buffer.alloc(32, 7);

  it('reads back what was sealed', () => {
    const session = { ...newSession(), token: 'header.payload.signature', flash: 'Saved' };
    expect(openSession(key, sealSession(key, session))).toEqual(session);
  });

  it('is unreadable without the key: the token inside never shows in the cookie', () => {
    const sealed = sealSession(key, { ...newSession(), token: 'secret-token-value' });
    expect(sealed).not.toContain('secret-token-value');
    expect(Buffer.from(sealed.split('.')[1], 'base64url').toString('utf8')).not.toContain('secret-token-value');
    expect(openSession(Buffer.alloc(32, 8), sealed)).toBeUndefined();
  });

  it('reads a tampered cookie as no session', () => {
    const [iv, body, tag] = sealSession(key, newSession()).split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(openSession(key, [iv, flipped.toString('base64url'), tag].join('.'))).toBeUndefined();
    expect(openSession(key, 'not-a-cookie')).toBeUndefined();
    expect(openSession(key, undefined)).toBeUndefined();
  });

  it('generates its development key into DATA_DIR once, private to the owner, and keeps it', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'web-session-'));
    try {
      const first = await loadSessionKey(dataDir);
      expect(first).toHaveLength(32);
      expect(await loadSessionKey(dataDir)).toEqual(first);
      const stat = await fs.stat(path.join(dataDir, 'web', 'session-key'));
      expect(stat.mode & 0o777).toBe(0o600);
      expect(await loadSessionKey(dataDir, 'a'.repeat(40))).not.toEqual(first);
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});
