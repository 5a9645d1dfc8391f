import { canonicalJson } from './canonical-json.js';
import { FIRST_VERSION, formatLicenceId, licenceTypeCode } from './licence-id.js';
import type { Issuer } from './issuer.js';

export type LicenceStatus = 'VALID' | 'REVOKED';

/** An issued electronic licence (电子证照) with its seal signature. */
export interface Licence {
  /** The GB/T 36904-style identifier. */
  readonly id: string;
  readonly licenceType: string;
  readonly licenceTypeCode: string;
  readonly serial: number;
  readonly version: string;
  readonly caseId: string;
  readonly caseNumber: string;
  readonly itemCode: string;
  readonly itemName: string;
  readonly holderId: string;
  readonly holderName: string;
  readonly issuerName: string;
  readonly issuerUscc: string;
  readonly issuedAt: string;
  readonly status: LicenceStatus;
  /** The canonical JSON of `LicenceContent`: exactly the bytes signed. */
  readonly signedContent: string;
  /** SM2 signature (GB/T 32918, SM3 digest, DER), hex. */
  readonly signature: string;
  /** Which seal key signed: verification uses the key registered under this id. */
  readonly sealKeyId: string;
  /** The seal's public key (uncompressed point, hex), for offline verifiers. */
  readonly publicKey: string;
}

/** What the seal vouches for. A change to any of these breaks the signature. */
export interface LicenceContent {
  readonly [key: string]: string;
  readonly licenceId: string;
  readonly licenceType: string;
  readonly licenceTypeCode: string;
  readonly version: string;
  readonly caseId: string;
  readonly caseNumber: string;
  readonly itemCode: string;
  readonly itemName: string;
  readonly holderId: string;
  readonly holderName: string;
  readonly issuerName: string;
  readonly issuerUscc: string;
  readonly issuedAt: string;
}

/** The decision a licence may follow (the `case.decided` event's facts). */
export interface CaseDecision {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly itemCode: string;
  readonly itemName: string;
  readonly applicantId: string;
  readonly applicantName: string;
  readonly decision: 'APPROVED' | 'REJECTED';
  readonly resultLicenceType: string | null;
}

/** The licence type to issue for a decision, or null when none is due (a refusal, or an item without a licence). */
export function licenceTypeDue(decision: CaseDecision): string | null {
  if (decision.decision !== 'APPROVED') return null;
  const type = decision.resultLicenceType?.trim();
  return type ? type : null;
}

/** A licence before sealing: its content and the exact text to sign. */
export interface LicenceDraft {
  readonly content: LicenceContent;
  readonly signedContent: string;
  readonly serial: number;
}

/** The identifier and the content to sign for a case's licence, numbered `serial` within its type. */
export function draftLicence(decision: CaseDecision, licenceType: string, issuer: Issuer, serial: number, now: Date): LicenceDraft {
  const typeCode = licenceTypeCode(licenceType);
  const licenceId = formatLicenceId({ typeCode, issuerUscc: issuer.uscc, serial, version: FIRST_VERSION });
  const content: LicenceContent = {
    licenceId,
    licenceType,
    licenceTypeCode: typeCode,
    version: FIRST_VERSION,
    caseId: decision.caseId,
    caseNumber: decision.caseNumber,
    itemCode: decision.itemCode,
    itemName: decision.itemName,
    holderId: decision.applicantId,
    holderName: decision.applicantName,
    issuerName: issuer.name,
    issuerUscc: issuer.uscc,
    issuedAt: now.toISOString(),
  };
  return { content, signedContent: canonicalJson(content), serial };
}

/** The licence record: the drafted content, sealed. */
export function sealedLicence(
  draft: LicenceDraft,
  seal: { readonly signature: string; readonly sealKeyId: string; readonly publicKey: string },
): Licence {
  const c = draft.content;
  return {
    id: c.licenceId,
    licenceType: c.licenceType,
    licenceTypeCode: c.licenceTypeCode,
    serial: draft.serial,
    version: c.version,
    caseId: c.caseId,
    caseNumber: c.caseNumber,
    itemCode: c.itemCode,
    itemName: c.itemName,
    holderId: c.holderId,
    holderName: c.holderName,
    issuerName: c.issuerName,
    issuerUscc: c.issuerUscc,
    issuedAt: c.issuedAt,
    status: 'VALID',
    signedContent: draft.signedContent,
    ...seal,
  };
}

const CONTENT_KEYS = [
  'licenceId',
  'licenceType',
  'licenceTypeCode',
  'version',
  'caseId',
  'caseNumber',
  'itemCode',
  'itemName',
  'holderId',
  'holderName',
  'issuerName',
  'issuerUscc',
  'issuedAt',
] as const satisfies readonly (keyof LicenceContent)[];

/** The content a signature vouches for, if the text is a licence content for this id. */
export function readSignedContent(signedContent: string, licenceId: string): LicenceContent | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(signedContent);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const content = parsed as Record<string, unknown>;
  if (!CONTENT_KEYS.every((key) => typeof content[key] === 'string')) return null;
  return content['licenceId'] === licenceId ? (content as LicenceContent) : null;
}
