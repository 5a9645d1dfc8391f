import { EVENT_TYPES } from '@onewindow/events';
import { describe, expect, it } from 'vitest';
import { sm2SealCrypto } from '../adapters/sm2-seal-crypto.js';
import { DEMO_ISSUER } from '../domain/issuer.js';
import { parseLicenceId } from '../domain/licence-id.js';
import { certificateFixture, decidedFixture, outboxEvents } from '../testing/fixtures.js';

describe('IssueLicence', () => {
  it('issues a sealed licence to the applicant and announces it in the same write', async () => {
    const { store, licences, issueLicence } = await certificateFixture();
    const decided = decidedFixture();

    const result = await issueLicence.execute(decided);

    expect(result.kind).toBe('ISSUED');
    const licence = await licences.findByCase(decided.caseId);
    expect(licence).toMatchObject({
      licenceType: 'FOOD_BUSINESS_LICENCE',
      holderId: decided.applicantId,
      holderName: '张三',
      issuerName: DEMO_ISSUER.name,
      issuerUscc: DEMO_ISSUER.uscc,
      issuedAt: '2026-03-12T07:00:00.000Z',
      status: 'VALID',
      serial: 1,
    });
    expect(parseLicenceId(licence?.id ?? '')).toMatchObject({ issuerUscc: DEMO_ISSUER.uscc, serial: 1, version: '001' });
    expect(sm2SealCrypto.verify(licence?.signedContent ?? '', licence?.signature ?? '', licence?.publicKey ?? '')).toBe(true);
    const events = await outboxEvents(store);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: EVENT_TYPES.LICENCE_ISSUED,
      subject: decided.caseId,
      data: {
        licenceId: licence?.id,
        caseId: decided.caseId,
        caseNumber: decided.caseNumber,
        licenceType: 'FOOD_BUSINESS_LICENCE',
        holderId: decided.applicantId,
        holderName: '张三',
        issuedAt: '2026-03-12T07:00:00.000Z',
      },
    });
  });

  it('never issues a second licence for a redelivered decision', async () => {
    const { store, issueLicence } = await certificateFixture();
    const first = await issueLicence.execute(decidedFixture());

    const again = await issueLicence.execute(decidedFixture());

    expect(again.kind).toBe('ALREADY_ISSUED');
    expect(again.kind !== 'NOT_DUE' && first.kind !== 'NOT_DUE' && again.licence.id === first.licence.id).toBe(true);
    expect(await outboxEvents(store)).toHaveLength(1);
  });

  it('issues one licence when the same decision is handled twice at once', async () => {
    const { store, licences, issueLicence } = await certificateFixture();

    const results = await Promise.all([issueLicence.execute(decidedFixture()), issueLicence.execute(decidedFixture())]);

    expect(results.map((r) => r.kind).sort()).toEqual(['ALREADY_ISSUED', 'ISSUED']);
    expect(await outboxEvents(store)).toHaveLength(1);
    expect(await licences.findByCase(decidedFixture().caseId)).not.toBeNull();
  });

  it('numbers the licences of a type one after another', async () => {
    const { licences, issueLicence } = await certificateFixture();
    await issueLicence.execute(decidedFixture({ caseId: 'case-a' }));
    await issueLicence.execute(decidedFixture({ caseId: 'case-b' }));
    await issueLicence.execute(decidedFixture({ caseId: 'case-c', resultLicenceType: 'BUSINESS_LICENCE' }));

    const serials = await Promise.all(['case-a', 'case-b', 'case-c'].map(async (c) => (await licences.findByCase(c))?.serial));
    expect(serials).toEqual([1, 2, 1]);
  });

  it('issues nothing for a refusal or for an item without a licence', async () => {
    const { store, issueLicence } = await certificateFixture();
    await expect(issueLicence.execute(decidedFixture({ decision: 'REJECTED' }))).resolves.toEqual({ kind: 'NOT_DUE' });
    await expect(issueLicence.execute(decidedFixture({ resultLicenceType: null }))).resolves.toEqual({ kind: 'NOT_DUE' });
    expect(await outboxEvents(store)).toEqual([]);
  });
});
