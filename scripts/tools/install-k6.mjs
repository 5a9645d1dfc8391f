#!/usr/bin/env node
// Installs k6 (pinned, from the Go module proxy) into ${ONEWINDOW_CACHE:-~/.cache/onewindow}/bin
// and prints its path on stdout; progress goes to stderr. Idempotent.
import { ensureTool } from './install.mjs';

try {
  console.log(await ensureTool('k6'));
} catch (err) {
  console.error(`✗ ${err.message}`);
  process.exit(1);
}
