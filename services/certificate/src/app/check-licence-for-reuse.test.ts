import { describe, expect, it } from 'vitest';
import { certificateFixture, decidedFixture, holder, otherApplicant, principalFixture } from '../testing/fixtures.js';
import { CheckLicenceForReuse } from './check-licence-for-reuse.js';

async function arrange() {
  const { licences, issueLicence } = await certificateFixture();
  const issued = await issueLicence.execute(decidedFixture());
  if (issued.kind !== 'ISSUED') throw new Error('expected a licence');
  return { licence: issued.licence, licences, check: new CheckLicenceForReuse(licences) };
}

const clerk = () => principalFixture({ subject: 'u-clerk', username: 'clerk', roles: ['clerk'], hall: 'hall-510100-01', token: 'token-clerk' });

describe('CheckLicenceForReuse (免证办)', () => {
  it("says a valid licence of the holder's, of the wanted type, may replace the paper copy", async () => {
    const { licence, check } = await arrange();
    const answer = await check.execute(holder(), { licenceId: licence.id, holderId: licence.holderId, licenceType: 'FOOD_BUSINESS_LICENCE' });
    expect(answer).toMatchObject({ usable: true, reason: '', licenceType: 'FOOD_BUSINESS_LICENCE', holderName: '张三', status: 'VALID' });
  });

  it('lets a window clerk check a licence the applicant shows', async () => {
    const { licence, check } = await arrange();
    await expect(check.execute(clerk(), { licenceId: licence.id, holderId: licence.holderId, licenceType: '' })).resolves.toMatchObject({ usable: true });
  });

  it('refuses a licence of another type, of another holder, or unknown', async () => {
    const { licence, check } = await arrange();
    expect(await check.execute(holder(), { licenceId: licence.id, holderId: licence.holderId, licenceType: 'BUSINESS_LICENCE' })).toMatchObject({
      usable: false,
      reason: 'WRONG_TYPE',
    });
    expect(await check.execute(clerk(), { licenceId: licence.id, holderId: 'u-applicant-li', licenceType: '' })).toMatchObject({ usable: false, reason: 'NOT_HOLDER' });
    expect(await check.execute(holder(), { licenceId: '1.2.156.3005.2.NOPE', holderId: licence.holderId, licenceType: '' })).toMatchObject({
      usable: false,
      reason: 'NOT_FOUND',
    });
  });

  it('refuses a revoked licence', async () => {
    const { licence, licences, check } = await arrange();
    const revokedStore = { ...licences, get: async () => ({ ...licence, status: 'REVOKED' as const }) };
    const answer = await new CheckLicenceForReuse(revokedStore).execute(holder(), { licenceId: licence.id, holderId: licence.holderId, licenceType: '' });
    expect(answer).toMatchObject({ usable: false, reason: 'REVOKED' });
    expect(await check.execute(holder(), { licenceId: licence.id, holderId: licence.holderId, licenceType: '' })).toMatchObject({ usable: true });
  });

  it("refuses an applicant asking about someone else's licences", async () => {
    const { licence, check } = await arrange();
    await expect(check.execute(otherApplicant(), { licenceId: licence.id, holderId: licence.holderId, licenceType: '' })).rejects.toMatchObject({
      kind: 'forbidden',
    });
  });

  it('refuses an empty holder or licence id', async () => {
    const { licence, check } = await arrange();
    await expect(check.execute(holder(), { licenceId: licence.id, holderId: ' ', licenceType: '' })).rejects.toMatchObject({ code: 'HOLDER_ID_REQUIRED' });
    await expect(check.execute(holder(), { licenceId: '', holderId: licence.holderId, licenceType: '' })).rejects.toMatchObject({ code: 'LICENCE_ID_REQUIRED' });
  });
});
