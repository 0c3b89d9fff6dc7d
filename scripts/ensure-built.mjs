// `npm start` runs the built app; build first when dist is missing or older than the sources
// (a fresh clone builds in `prepare` during `npm install`, so this is normally a no-op).
// It reports as the app does, in JSON lines on stdout, so a log collector reads every line.
import { existsSync, statSync, readdirSync } from 'node:fs';
import { execSync } from 'node:child_process';
import path from 'node:path';

const entry = 'dist/apps/api/src/main.js';

function log(level, msg, fields = {}) {
  const line = { level, time: new Date().toISOString(), service: 'nps-marketplace-api', component: 'build', ...fields, msg };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

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
  log(30, 'building the API (dist is missing or older than the sources)');
  const started = Date.now();
  try {
    execSync('npx nest build', { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (error) {
    // The compiler's messages, kept whole in one field; `npx nest build` shows them as text.
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.slice(-20_000);
    log(60, 'the build failed: see `output`, or run npx nest build', { output });
    process.exit(1);
  }
  log(30, 'API built', { ms: Date.now() - started });
}
