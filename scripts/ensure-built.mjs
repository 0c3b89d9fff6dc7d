// `npm start` runs the built app; build first when dist is missing or older than the sources
// (a fresh clone builds in `prepare` during `npm install`, so this is normally a no-op).
import { existsSync, statSync, readdirSync } from 'node:fs';
import { execSync } from 'node:child_process';
import path from 'node:path';

const entry = 'dist/apps/api/src/main.js';

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

const stale = !existsSync(entry) || newestSource('apps') > statSync(entry).mtimeMs || newestSource('libs') > statSync(entry).mtimeMs;
if (stale) {
  process.stderr.write('Building the API (dist is missing or older than the sources)...\n');
  execSync('npx nest build', { stdio: ['ignore', 'inherit', 'inherit'] });
}
