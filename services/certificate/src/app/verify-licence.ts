import { readSignedContent, type LicenceStatus } from '../domain/licence.js';
import { licenceIdFrom } from './licence-id-input.js';
import type { LicenceRepository } from './ports.js';
import type { Seal } from './seal.js';

/**
 * The public answer about a licence id (no token needed): is it a licence
 * this issuer sealed, still in force, and what does it say? An unknown id
 * is an answer (`NOT_FOUND`), not an error, so the verify page can show it.
 * Only what a printed licence shows anyway is returned: type, holder name,
 * issuer, date; never the holder's id.
 *
 * reason: OK | NOT_FOUND (no licence has this id, including mistyped ids)
 *       | SIGNATURE_INVALID (stored content does not match its seal) | REVOKED
 */
export type VerifyReason = 'OK' | 'NOT_FOUND' | 'SIGNATURE_INVALID' | 'REVOKED';

export interface Verification {
  readonly valid: boolean;
  /** The licence's status; '' when there is no licence. */
  readonly status: LicenceStatus | '';
  readonly reason: VerifyReason;
  readonly licenceType: string;
  readonly holderName: string;
  readonly issuer: string;
  readonly issuedAt: string;
}

const nothing = { licenceType: '', holderName: '', issuer: '', issuedAt: '' };

export class VerifyLicence {
  constructor(
    private readonly licences: LicenceRepository,
    private readonly seal: Seal,
  ) {}

  async execute(request: { licenceId: string }): Promise<Verification> {
    const id = licenceIdFrom(request.licenceId);
    const licence = await this.licences.get(id);
    if (!licence) return { valid: false, status: '', reason: 'NOT_FOUND', ...nothing };

    const content = readSignedContent(licence.signedContent, id);
    const sealed = content !== null && (await this.seal.verify(licence.signedContent, licence.signature, licence.sealKeyId));
    if (!sealed) return { valid: false, status: licence.status, reason: 'SIGNATURE_INVALID', ...nothing };

    // What is shown comes from the signed content, not from fields anyone could have edited.
    const shown = { licenceType: content.licenceType, holderName: content.holderName, issuer: content.issuerName, issuedAt: content.issuedAt };
    if (licence.status === 'REVOKED') return { valid: false, status: 'REVOKED', reason: 'REVOKED', ...shown };
    return { valid: true, status: 'VALID', reason: 'OK', ...shown };
  }
}
