import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Doorbells } from '../src/doorbell.js';
import { tempDir, testLogger, waitFor } from './helpers.js';

const dir = tempDir();
afterAll(() => dir.remove());

describe('Doorbells', () => {
  it('wakes the listeners of a topic rung by another instance on the same file, and only those', async () => {
    const file = dir.file('events.db');
    const reader = new Doorbells(file, testLogger());
    const writer = new Doorbells(file, testLogger());
    const heard = { cases: 0, licences: 0 };
    const cases = reader.listen(['onewindow.intake.case.v1'], () => heard.cases++);
    reader.listen(['onewindow.certificate.licence.v1'], () => heard.licences++);
    expect(cases.watching).toBe(true);

    writer.ring(['onewindow.intake.case.v1', 'onewindow.intake.case.v1']);
    await waitFor('the case bell', () => heard.cases > 0);
    writer.ring(['onewindow.certificate.licence.v1']);
    await waitFor('the licence bell', () => heard.licences > 0);
    expect(heard.cases).toBe(1);

    cases.stop();
    writer.ring(['onewindow.intake.case.v1', 'onewindow.certificate.licence.v1']);
    await waitFor('the licence bell again', () => heard.licences > 1);
    expect(heard.cases).toBe(1);
    reader.close();
    writer.close();
  });

  it('says its listeners must poll when a bell cannot be watched', () => {
    // The bells' folder would be inside a regular file: it cannot be made.
    const file = dir.file('not-a-folder');
    writeFileSync(file, '');
    const bells = new Doorbells(`${file}/events.db`, testLogger());
    expect(bells.listen(['t'], () => undefined).watching).toBe(false);
    bells.close();
  });
});
