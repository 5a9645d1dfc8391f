import { describe, expect, it } from 'vitest';
import { adminFixture, applicantFixture, clerkFixture, supervisorFixture } from '../testing/fixtures.js';
import { testIntake } from '../testing/intake.js';

const admin = adminFixture();

describe('credit records', () => {
  it('lets an administrator flag and clear an applicant, keeping the history, and a supervisor read it', async () => {
    const { useCases, afterDays } = await testIntake();
    await useCases.setCreditFlag.execute(admin, { applicantId: 'party:abc', flagged: true, reason: '虚假承诺' });
    afterDays(1);
    const cleared = await useCases.setCreditFlag.execute(admin, { applicantId: 'party:abc', flagged: false, reason: '信用修复完成' });
    expect(cleared).toMatchObject({ flagged: false, reason: '信用修复完成', history: [{ flagged: true, by: admin.subject }, { flagged: false }] });
    expect(await useCases.getCreditRecord.execute(supervisorFixture(), 'party:abc')).toEqual(cleared);
  });

  it('reads an applicant never flagged as not flagged', async () => {
    const { useCases } = await testIntake();
    expect(await useCases.getCreditRecord.execute(admin, 'u-nobody')).toMatchObject({ flagged: false, history: [] });
  });

  it('refuses clerks and applicants', async () => {
    const { useCases } = await testIntake();
    for (const who of [clerkFixture(), applicantFixture()]) {
      await expect(useCases.setCreditFlag.execute(who, { applicantId: 'party:abc', flagged: true, reason: 'x' })).rejects.toMatchObject({ kind: 'forbidden' });
      await expect(useCases.getCreditRecord.execute(who, 'party:abc')).rejects.toMatchObject({ kind: 'forbidden' });
    }
  });
});
