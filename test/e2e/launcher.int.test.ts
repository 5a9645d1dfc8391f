// The launcher, when the platform cannot start: the error says why, with the
// end of a dead service's log, which is gone once a test run removes its data folder.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { platformPorts, startPlatform } from '../../scripts/platform.mjs';

const OFFSET = 9500;
const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-e2e-launcher-'));
const blockers: Server[] = [];

/** Listens on `port` as something else would. */
async function block(port: number): Promise<void> {
  const server = createServer();
  blockers.push(server);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
}

afterAll(() => {
  for (const server of blockers) server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the launcher', () => {
  it('reports a service that exits at start with the last lines of its log (here: intake refuses its configuration)', async () => {
    const started = startPlatform({ dataDir, portOffset: OFFSET, base: { ...process.env, LOG_LEVEL: 'warn', DEADLINE_SWEEP_INTERVAL_MS: 'soon' } });
    await expect(started).rejects.toThrow(/^intake: the process exited \(log: .*intake\.log\)\n {2}last lines of intake\.log:\n[\s\S]*DEADLINE_SWEEP_INTERVAL_MS/);
  });

  it('refuses to start while one of its ports is taken, naming it, and starts nothing', async () => {
    await block(7052 + OFFSET);
    const elsewhere = join(dataDir, 'second');
    const started = startPlatform({ dataDir: elsewhere, portOffset: OFFSET, base: { ...process.env, LOG_LEVEL: 'warn' } });
    await expect(started).rejects.toThrow(`already in use on 127.0.0.1: ${7052 + OFFSET} (intake gRPC). Is OneWindow already running?`);
    expect(existsSync(join(elsewhere, 'logs'))).toBe(false);
  });

  it('says so in one short line when every port is taken, as by a platform already running', async () => {
    for (const { port } of platformPorts(OFFSET)) if (port !== 7052 + OFFSET) await block(port);
    const started = startPlatform({ dataDir: join(dataDir, 'third'), portOffset: OFFSET, base: { ...process.env, LOG_LEVEL: 'warn' } });
    await expect(started).rejects.toThrow(
      'already in use on 127.0.0.1: every port it uses (16551–16557, 17580–17581, 18580–18587). Is OneWindow already running?',
    );
  });
});
