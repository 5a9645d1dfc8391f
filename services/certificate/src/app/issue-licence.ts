import { EVENT_TYPES, newEvent, toOutboxMessage, type CaseDecidedData } from '@onewindow/events/catalog';
import type { Clock } from '@onewindow/kernel';
import type { Issuer } from '../domain/issuer.js';
import { draftLicence, licenceTypeDue, sealedLicence, type Licence } from '../domain/licence.js';
import { EVENT_SOURCE } from './events.js';
import type { LicenceRepository, SerialCounter } from './ports.js';
import type { Seal } from './seal.js';

export type IssueResult =
  | { readonly kind: 'ISSUED'; readonly licence: Licence }
  | { readonly kind: 'ALREADY_ISSUED'; readonly licence: Licence }
  | { readonly kind: 'NOT_DUE' };

export interface IssueLicenceDeps {
  readonly licences: LicenceRepository;
  readonly serials: SerialCounter;
  readonly seal: Seal;
  readonly issuer: Issuer;
  readonly clock: Clock;
}

/**
 * Issues the licence an approval calls for, once per case: a redelivered or
 * concurrent `case.decided` finds the case's licence (unique by case) and
 * issues nothing. The licence and `licence.issued` are one write. A serial
 * drawn by an attempt that then loses the race is left unused.
 */
export class IssueLicence {
  constructor(private readonly deps: IssueLicenceDeps) {}

  async execute(decided: CaseDecidedData): Promise<IssueResult> {
    const { licences, serials, seal, issuer, clock } = this.deps;
    const licenceType = licenceTypeDue(decided);
    if (!licenceType) return { kind: 'NOT_DUE' };
    const existing = await licences.findByCase(decided.caseId);
    if (existing) return { kind: 'ALREADY_ISSUED', licence: existing };

    const serial = await serials.next(`${issuer.uscc}:${licenceType}`);
    const now = clock.now();
    const draft = draftLicence(decided, licenceType, issuer, serial, now);
    const licence = sealedLicence(draft, await seal.sign(draft.signedContent));
    const event = newEvent({
      type: EVENT_TYPES.LICENCE_ISSUED,
      source: EVENT_SOURCE,
      subject: licence.caseId,
      time: now,
      data: {
        licenceId: licence.id,
        caseId: licence.caseId,
        caseNumber: licence.caseNumber,
        licenceType: licence.licenceType,
        holderId: licence.holderId,
        holderName: licence.holderName,
        issuedAt: licence.issuedAt,
      },
    });
    if (await licences.create(licence, [toOutboxMessage(event)])) return { kind: 'ISSUED', licence };

    const winner = await licences.findByCase(decided.caseId);
    if (!winner) throw new Error(`licence of case ${decided.caseId} reported as existing but not found`);
    return { kind: 'ALREADY_ISSUED', licence: winner };
  }
}
