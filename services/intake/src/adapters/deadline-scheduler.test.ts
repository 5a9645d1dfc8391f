import { createLogger } from '@onewindow/kernel';
import { describe, expect, it } from 'vitest';
import { applicantFixture } from '../testing/fixtures.js';
import { submission, testIntake } from '../testing/intake.js';
import { startDeadlineScheduler } from './deadline-scheduler.js';

describe('the deadline scheduler', () => {
  it('runs the sweep on its timer and stops cleanly', async () => {
    const { useCases, afterDays } = await testIntake();
    const c = await useCases.submitCase.execute(applicantFixture(), submission());
    afterDays(10);
    const scheduler = startDeadlineScheduler(useCases.sweepDeadlines, { intervalMs: 20, logger: createLogger({ service: 'test', level: 'silent' }) });
    try {
      await expect.poll(async () => (await useCases.getCase.execute(applicantFixture(), c.id)).status, { timeout: 5000 }).toBe('ACCEPTED');
    } finally {
      await scheduler.stop();
    }
  });
});
