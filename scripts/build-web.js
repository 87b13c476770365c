// Builds the web app into dist/web (never committed): run by `npm install` (prepare) and, when
// the sources are newer than the build, by `npm start` (prestart). Prints the size of the
// JavaScript a first visit loads, against the 250 KB gzipped budget.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'dist', 'web');
const BUDGET_KB = 250;

function newest(dir) {
  let latest = 0;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    const stat = statSync(path);
    latest = Math.max(latest, stat.isDirectory() ? newest(path) : stat.mtimeMs);
  }
  return latest;
}

const ifStale = process.argv.includes('--if-stale');
const index = join(out, 'index.html');
if (ifStale && existsSync(index)) {
  const built = statSync(index).mtimeMs;
  const sources = Math.max(newest(join(root, 'web')), newest(join(root, 'src', 'shared')));
  if (sources <= built) process.exit(0);
}

const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
if (!existsSync(vite)) {
  // An install without dev dependencies cannot build; the server then serves the APIs only.
  console.warn(
    'punch: vite is not installed, so the web app was not built (npm install builds it)',
  );
  process.exit(0);
}
const build = spawnSync(
  process.execPath,
  [vite, 'build', '--config', join(root, 'web', 'vite.config.ts'), '--logLevel', 'warn'],
  { stdio: 'inherit', cwd: root },
);
if (build.status !== 0) process.exit(build.status ?? 1);

// The entry chunk and every chunk it imports statically: what a first visit downloads.
const manifest = JSON.parse(readFileSync(join(out, '.vite', 'manifest.json'), 'utf8'));
const seen = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || seen.has(chunk.file)) return;
  seen.add(chunk.file);
  for (const imported of chunk.imports ?? []) visit(imported);
};
visit('index.html');
const bytes = [...seen]
  .filter((file) => file.endsWith('.js'))
  .reduce((sum, file) => sum + gzipSync(readFileSync(join(out, file)), { level: 9 }).length, 0);
const kb = bytes / 1024;
console.log(
  `punch: web app built in dist/web; initial JavaScript ${kb.toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB)`,
);
if (process.argv.includes('--check-budget') && kb > BUDGET_KB) {
  console.error(`punch: the initial JavaScript is over its ${BUDGET_KB} KB budget`);
  process.exit(1);
}
