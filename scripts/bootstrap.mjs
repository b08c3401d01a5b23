#!/usr/bin/env node
// `npm start` / `npm test` entry: installs the npm packages on a fresh clone (tsx itself is one
// of them, so this file is plain JavaScript), then hands over to the TypeScript script.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [, , script, ...args] = process.argv;

if (!existsSync(path.join(root, 'node_modules', '.bin', 'tsx'))) {
  console.log('installing npm packages (first run)…');
  const install = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (install.status !== 0) process.exit(install.status ?? 1);
}

const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const child = spawnSync(tsx, [path.join(root, 'scripts', `${script}.ts`), ...args], { cwd: root, stdio: 'inherit' });
process.exit(child.status ?? (child.signal ? 1 : 0));
