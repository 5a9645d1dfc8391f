// The attack on keys at rest: copy a service's data file, read the private keys out of it.
// Before the key port the SM2 seal key (hex "privateKey") and the token-signing key (JWK "d")
// lay in plain rows of data/certificate.db and data/identity.db; a token forged from the copy
// was accepted. After start, no data file may hold private key material in any readable form.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type RunningPlatform } from '../../scripts/platform.mjs';
import { Api } from './client.js';

const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-e2e-keys-'));
let platform: RunningPlatform;

/** What a private key looks like in a row: a JWK's "d", a PEM block, a hex SM2 scalar named as a private key. */
const PRIVATE_KEY_SHAPES: readonly RegExp[] = [
  /"d"\s*:\s*"[A-Za-z0-9_-]{20,}"/,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /"private(?:Key|Jwk)"\s*:\s*"?[{0-9a-fA-F]/,
  /"(?:p|q|dp|dq|qi)"\s*:\s*"[A-Za-z0-9_-]{20,}"/,
];

/** Every file under the data folder that SQLite writes: the databases and their write-ahead logs. */
function dataFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.db(-wal)?$/.test(f))
    .map((f) => join(dir, f));
}

beforeAll(async () => {
  platform = await startPlatform({ dataDir, portOffset: 5200, base: { ...process.env, LOG_LEVEL: 'warn' } });
  // A token makes identity sign with its key; certificate made its seal key at start.
  await new Api(platform.gatewayUrl).token('clerk-demo');
  await platform.stop();
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('keys at rest', () => {
  it('the services that hold signing keys wrote their data files', () => {
    for (const service of ['certificate', 'identity']) expect(existsSync(join(dataDir, `${service}.db`))).toBe(true);
  });

  // The hole is reproduced, not yet closed: libs/keys holds the key port, but certificate and
  // identity do not sign through it yet (issue 15). `it.fails` turns red the day they do, so the
  // marker goes then.
  it.fails('no data file holds a private key a copy of the file would give away', () => {
    const found: string[] = [];
    for (const file of dataFiles(dataDir)) {
      const text = readFileSync(file).toString('latin1');
      for (const shape of PRIVATE_KEY_SHAPES) {
        const match = shape.exec(text);
        if (match) found.push(`${file}: ${match[0].slice(0, 40)}`);
      }
    }
    expect(found).toEqual([]);
  });
});
