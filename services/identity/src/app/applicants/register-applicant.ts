import { conflict, type Clock } from '@onewindow/kernel';
import { newApplicant, type ApplicantRegistration } from '../../domain/index.js';
import { recordChange } from '../audit/record.js';
import type { ApplicantRegistry, AuditRecorder, IdentityProviderAdmin } from '../ports.js';
import { viewOf, type ApplicantView } from './applicant-view.js';

export interface RegisterApplicantDeps {
  readonly applicants: ApplicantRegistry;
  readonly idp: IdentityProviderAdmin;
  readonly audit: AuditRecorder;
  readonly clock: Clock;
}

/**
 * Sign-up (public): every field is checked before anything is written, so
 * a bad identifier is refused with IDENTIFIER_INVALID and nothing is
 * stored, neither here nor at the identity provider.
 */
export class RegisterApplicant {
  constructor(private readonly deps: RegisterApplicantDeps) {}

  async execute(input: ApplicantRegistration): Promise<ApplicantView> {
    const { applicants, idp, clock } = this.deps;
    const draft = newApplicant(input, { id: 'unassigned', now: clock.now() });
    if ((await applicants.findByUsername(draft.username)) || (await idp.findUserId(draft.username))) {
      throw conflict('USERNAME_TAKEN', `the username ${draft.username} is taken`);
    }
    if (await applicants.findByIdentifier(draft.identifier.type, draft.identifier.value)) {
      throw conflict('APPLICANT_EXISTS', 'an applicant with this identifier is already registered');
    }
    const { id } = await idp.createApplicantUser({ username: draft.username, displayName: draft.displayName }, input.password);
    const applicant = { ...draft, id };
    await applicants.insert(applicant);
    await recordChange(this.deps.audit, clock, null, 'identity.applicant.register', `applicant:${id}`, 'self-registration');
    return viewOf(applicant, null);
  }
}
