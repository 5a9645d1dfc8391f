import { describe, expect, it } from 'vitest';
import { LICENCES } from '../adapters/store/licence-repository.js';
import { sm2SealCrypto } from '../adapters/sm2-seal-crypto.js';
import type { Licence } from '../domain/licence.js';
import { certificateFixture, decidedFixture } from '../testing/fixtures.js';
import { VerifyLicence } from './verify-licence.js';

async function arrange() {
  const fixture = await certificateFixture();
  const issued = await fixture.issueLicence.execute(decidedFixture());
  if (issued.kind !== 'ISSUED') throw new Error('expected a licence');
  const stored = fixture.store.collection<Licence>(LICENCES);
  return { ...fixture, stored, licence: issued.licence, verifyLicence: new VerifyLicence(fixture.licences, fixture.seal) };
}

describe('VerifyLicence', () => {
  it('confirms a licence it sealed and shows what a printed licence shows, without the holder id', async () => {
    const { licence, verifyLicence } = await arrange();

    const answer = await verifyLicence.execute({ licenceId: licence.id });

    expect(answer).toEqual({
      valid: true,
      status: 'VALID',
      reason: 'OK',
      licenceType: 'FOOD_BUSINESS_LICENCE',
      holderName: '张三',
      issuer: '成都市行政审批局',
      issuedAt: '2026-03-12T07:00:00.000Z',
    });
    expect(JSON.stringify(answer)).not.toContain(licence.holderId);
  });

  it('answers NOT_FOUND for an id it never issued', async () => {
    const { licence, verifyLicence } = await arrange();
    const unknown = licence.id.slice(0, -1) + (licence.id.endsWith('0') ? '1' : '0');
    await expect(verifyLicence.execute({ licenceId: unknown })).resolves.toMatchObject({ valid: false, reason: 'NOT_FOUND', status: '' });
  });

  it('answers SIGNATURE_INVALID when the stored content was altered after sealing', async () => {
    const { stored, licence, verifyLicence } = await arrange();
    const current = await stored.get(licence.id);
    const altered = licence.signedContent.replace('"holderName":"张三"', '"holderName":"李四"');
    await stored.update({ ...licence, holderName: '李四', signedContent: altered }, current?.version ?? 0);

    const answer = await verifyLicence.execute({ licenceId: licence.id });

    expect(answer).toMatchObject({ valid: false, reason: 'SIGNATURE_INVALID', holderName: '' });
  });

  it('refuses a licence re-signed with a key the issuer never registered', async () => {
    const { stored, licence, verifyLicence } = await arrange();
    const forger = sm2SealCrypto.generateKeyPair();
    const current = await stored.get(licence.id);
    await stored.update(
      { ...licence, signature: sm2SealCrypto.sign(licence.signedContent, forger), publicKey: forger.publicKey },
      current?.version ?? 0,
    );

    await expect(verifyLicence.execute({ licenceId: licence.id })).resolves.toMatchObject({ valid: false, reason: 'SIGNATURE_INVALID' });
  });

  it('answers REVOKED, with the sealed details, for a revoked licence', async () => {
    const { stored, licence, verifyLicence } = await arrange();
    const current = await stored.get(licence.id);
    await stored.update({ ...licence, status: 'REVOKED' }, current?.version ?? 0);

    await expect(verifyLicence.execute({ licenceId: licence.id })).resolves.toMatchObject({
      valid: false,
      status: 'REVOKED',
      reason: 'REVOKED',
      holderName: '张三',
    });
  });

  it('refuses an empty id as bad input', async () => {
    const { verifyLicence } = await arrange();
    await expect(verifyLicence.execute({ licenceId: '  ' })).rejects.toMatchObject({ code: 'LICENCE_ID_REQUIRED' });
  });
});
