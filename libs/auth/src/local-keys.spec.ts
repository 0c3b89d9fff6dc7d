import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadOrCreateLocalKey, localKeyFile } from './local-keys';

describe('the local signing key', () => {
  it('is created once when many callers race on a new data directory, and none reads it half-written', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mkt-local-key-'));
    try {
      // The app and `npm run token` (the README examples run both at once) each create the key on first use.
      const keys = await Promise.all(Array.from({ length: 40 }, () => loadOrCreateLocalKey(dataDir)));
      expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
      const stored = JSON.parse(await fs.readFile(localKeyFile(dataDir), 'utf8')) as { kid: string };
      expect(stored.kid).toBe(keys[0].kid);
      // No temporary files are left beside it.
      expect(await fs.readdir(path.dirname(localKeyFile(dataDir)))).toEqual(['local-signing-key.json']);
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});
