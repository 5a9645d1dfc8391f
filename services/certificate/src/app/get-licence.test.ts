import { describe, expect, it } from 'vitest';
import { certificateFixture, decidedFixture, holder, otherApplicant, supervisor } from '../testing/fixtures.js';
import { GetLicence } from './get-licence.js';

async function arrange() {
  const { licences, issueLicence } = await certificateFixture();
  const issued = await issueLicence.execute(decidedFixture());
  if (issued.kind !== 'ISSUED') throw new Error('expected a licence');
  return { licence: issued.licence, getLicence: new GetLicence(licences) };
}

describe('GetLicence', () => {
  it('gives the holder their licence', async () => {
    const { licence, getLicence } = await arrange();
    await expect(getLicence.execute(holder(), { licenceId: licence.id })).resolves.toEqual(licence);
  });

  it('gives a supervisor any licence', async () => {
    const { licence, getLicence } = await arrange();
    await expect(getLicence.execute(supervisor(), { licenceId: licence.id })).resolves.toMatchObject({ id: licence.id });
  });

  it("refuses another applicant's licence", async () => {
    const { licence, getLicence } = await arrange();
    await expect(getLicence.execute(otherApplicant(), { licenceId: licence.id })).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('answers not found for an unknown id and invalid for an empty or oversized one', async () => {
    const { getLicence } = await arrange();
    await expect(getLicence.execute(holder(), { licenceId: '1.2.156.3005.2.X' })).rejects.toMatchObject({ code: 'LICENCE_NOT_FOUND' });
    await expect(getLicence.execute(holder(), { licenceId: '' })).rejects.toMatchObject({ code: 'LICENCE_ID_REQUIRED' });
    await expect(getLicence.execute(holder(), { licenceId: 'x'.repeat(129) })).rejects.toMatchObject({ code: 'LICENCE_ID_INVALID' });
  });
});
