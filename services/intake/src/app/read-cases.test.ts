import { describe, expect, it } from 'vitest';
import type { Principal } from '@onewindow/auth';
import {
  adminFixture,
  applicantFixture,
  approverFixture,
  clerkFixture,
  OTHER_HALL,
  supervisorFixture,
} from '../testing/fixtures.js';
import { submission, testIntake } from '../testing/intake.js';

const zhang = applicantFixture();
const li = applicantFixture({ subject: 'u-applicant-li', username: 'li', displayName: '李四' });

/** Zhang files two cases at the default hall, Li one at another hall, a minute apart. */
async function filed() {
  const intake = await testIntake();
  const submit = (who: Principal, hall = '') => {
    intake.clock.advance(60_000);
    return intake.useCases.submitCase.execute(who, submission({ hall }));
  };
  const zhang1 = await submit(zhang);
  const zhang2 = await submit(zhang);
  const li1 = await submit(li, OTHER_HALL);
  return { ...intake, zhang1, zhang2, li1 };
}

const numbersOf = (cases: readonly { caseNumber: string }[]) => cases.map((c) => c.caseNumber);
const all = { pageSize: 0, pageToken: '', status: '' };

describe('GetCase', () => {
  it('shows a case to its applicant, a clerk of its hall and a supervisor', async () => {
    const { useCases, zhang1 } = await filed();
    for (const who of [zhang, clerkFixture(), supervisorFixture()]) {
      expect((await useCases.getCase.execute(who, zhang1.id)).id).toBe(zhang1.id);
    }
  });

  it.each([
    ['another applicant', li],
    ['a clerk of another hall', clerkFixture({ hall: OTHER_HALL })],
    ['an approver', approverFixture()],
  ])('refuses %s', async (_who, principal) => {
    const { useCases, zhang1 } = await filed();
    await expect(useCases.getCase.execute(principal, zhang1.id)).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('reports an unknown case as not found', async () => {
    const { useCases } = await filed();
    await expect(useCases.getCase.execute(zhang, 'nope')).rejects.toMatchObject({ kind: 'not_found', code: 'CASE_NOT_FOUND' });
  });
});

describe('ListCases', () => {
  it('lists only the applicant’s own cases, newest first', async () => {
    const { useCases, zhang1, zhang2 } = await filed();
    const page = await useCases.listCases.execute(zhang, all);
    expect(numbersOf(page.cases)).toEqual(numbersOf([zhang2, zhang1]));
  });

  it('lists a clerk the cases of their hall only', async () => {
    const { useCases, li1 } = await filed();
    const page = await useCases.listCases.execute(clerkFixture({ hall: OTHER_HALL }), all);
    expect(numbersOf(page.cases)).toEqual(numbersOf([li1]));
  });

  it('lists a city supervisor every case of the city, and one of another city none', async () => {
    const { useCases } = await filed();
    expect((await useCases.listCases.execute(supervisorFixture(), all)).cases).toHaveLength(3);
    expect((await useCases.listCases.execute(supervisorFixture({ orgUnit: '510104' }), all)).cases).toHaveLength(1);
    expect((await useCases.listCases.execute(supervisorFixture({ orgUnit: '510700' }), all)).cases).toHaveLength(0);
    await expect(useCases.getCase.execute(supervisorFixture({ orgUnit: '510700' }), (await useCases.listCases.execute(adminFixture(), all)).cases[0]?.id ?? '')).rejects.toMatchObject({
      kind: 'forbidden',
    });
  });

  it('lists an agent the cases they filed for others (帮办代办) besides their own', async () => {
    const { useCases, zhang1, zhang2 } = await filed();
    const forCompany = await useCases.submitCase.execute(
      zhang,
      submission({ applicant: { kind: 'LEGAL_ENTITY', name: '成都示例科技有限公司', idNumber: '91350100M000100Y43' } }),
    );
    expect(numbersOf((await useCases.listCases.execute(zhang, all)).cases)).toEqual(numbersOf([forCompany, zhang2, zhang1]));
    expect((await useCases.listCases.execute(li, all)).cases.map((c) => c.id)).not.toContain(forCompany.id);
  });

  it('refuses an approver', async () => {
    const { useCases } = await filed();
    await expect(useCases.listCases.execute(approverFixture(), all)).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('pages with an opaque token until the last page', async () => {
    const { useCases, zhang1, zhang2, li1 } = await filed();
    const supervisor = supervisorFixture();
    const first = await useCases.listCases.execute(supervisor, { ...all, pageSize: 2 });
    expect(numbersOf(first.cases)).toEqual(numbersOf([li1, zhang2]));
    expect(first.nextPageToken).not.toBe('');
    const second = await useCases.listCases.execute(supervisor, { ...all, pageSize: 2, pageToken: first.nextPageToken });
    expect(numbersOf(second.cases)).toEqual(numbersOf([zhang1]));
    expect(second.nextPageToken).toBe('');
  });

  it('filters by status', async () => {
    const { useCases, zhang2 } = await filed();
    await useCases.acceptCase.execute(clerkFixture(), { caseId: zhang2.id, opinion: '' });
    const page = await useCases.listCases.execute(zhang, { ...all, status: 'ACCEPTED' });
    expect(numbersOf(page.cases)).toEqual(numbersOf([zhang2]));
  });

  it.each([
    [{ status: 'LOST' }, 'STATUS_UNKNOWN'],
    [{ pageToken: 'not-a-token' }, 'PAGE_TOKEN_INVALID'],
    [{ pageSize: -1 }, 'PAGE_SIZE_INVALID'],
  ])('refuses the bad query %j', async (query, code) => {
    const { useCases } = await filed();
    await expect(useCases.listCases.execute(zhang, { ...all, ...query })).rejects.toMatchObject({ kind: 'invalid', code });
  });
});
