#!/usr/bin/env node
// Generates TypeScript for every proto under proto/ into libs/contracts/src/gen
// (never edited by hand; not committed), after linting the contracts.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const buf = join(root, 'node_modules', '.bin', 'buf');
const run = (args) => execFileSync(buf, args, { cwd: join(root, 'proto'), stdio: 'inherit' });

rmSync(join(root, 'libs/contracts/src/gen'), { recursive: true, force: true });
run(['lint']);
run(['generate']);
console.log('contracts: generated libs/contracts/src/gen from proto/');
