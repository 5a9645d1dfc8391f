import { describe, expect, it } from 'vitest';
import { DEMO_ISSUER } from './issuer.js';
import { draftLicence, licenceTypeDue, readSignedContent, sealedLicence, type CaseDecision } from './licence.js';
import { parseLicenceId } from './licence-id.js';

const decisionFixture = (overrides: Partial<CaseDecision> = {}): CaseDecision => ({
  caseId: 'case-1',
  caseNumber: 'SC510100-20260311-000001',
  itemCode: 'SCJG-XK-014',
  itemName: '食品经营许可',
  applicantId: 'u-applicant-zhang',
  applicantName: '张三',
  decision: 'APPROVED',
  resultLicenceType: 'FOOD_BUSINESS_LICENCE',
  ...overrides,
});
const now = new Date('2026-03-12T07:00:00Z');

describe('licenceTypeDue', () => {
  it('issues the item licence type after an approval', () => {
    expect(licenceTypeDue(decisionFixture())).toBe('FOOD_BUSINESS_LICENCE');
  });

  it('issues nothing after a refusal or for an item without a licence', () => {
    expect(licenceTypeDue(decisionFixture({ decision: 'REJECTED' }))).toBeNull();
    expect(licenceTypeDue(decisionFixture({ resultLicenceType: null }))).toBeNull();
    expect(licenceTypeDue(decisionFixture({ resultLicenceType: ' ' }))).toBeNull();
  });
});

describe('draftLicence', () => {
  it('names the holder, the issuer and the case, under an identifier with this issuer and serial', () => {
    const draft = draftLicence(decisionFixture(), 'FOOD_BUSINESS_LICENCE', DEMO_ISSUER, 7, now);

    expect(draft.content).toMatchObject({
      holderId: 'u-applicant-zhang',
      holderName: '张三',
      issuerName: '成都市行政审批局',
      issuerUscc: DEMO_ISSUER.uscc,
      caseNumber: 'SC510100-20260311-000001',
      issuedAt: '2026-03-12T07:00:00.000Z',
      version: '001',
    });
    expect(parseLicenceId(draft.content.licenceId)).toMatchObject({ serial: 7, issuerUscc: DEMO_ISSUER.uscc });
  });

  it('signs a canonical text that reads back as the same content', () => {
    const draft = draftLicence(decisionFixture(), 'FOOD_BUSINESS_LICENCE', DEMO_ISSUER, 7, now);
    expect(readSignedContent(draft.signedContent, draft.content.licenceId)).toEqual(draft.content);
  });
});

describe('sealedLicence', () => {
  it('is a valid licence carrying the seal', () => {
    const draft = draftLicence(decisionFixture(), 'FOOD_BUSINESS_LICENCE', DEMO_ISSUER, 7, now);
    const licence = sealedLicence(draft, { signature: '3045', sealKeyId: 'seal-1', publicKey: '04ab' });
    expect(licence).toMatchObject({ id: draft.content.licenceId, status: 'VALID', serial: 7, signature: '3045', sealKeyId: 'seal-1' });
  });
});

describe('readSignedContent', () => {
  it('refuses content signed for another identifier, or that is not licence content', () => {
    const draft = draftLicence(decisionFixture(), 'FOOD_BUSINESS_LICENCE', DEMO_ISSUER, 7, now);
    expect(readSignedContent(draft.signedContent, 'another-id')).toBeNull();
    expect(readSignedContent('{"licenceId":"x"}', 'x')).toBeNull();
    expect(readSignedContent('not json', 'x')).toBeNull();
  });
});
