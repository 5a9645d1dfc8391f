import { authorize, type Principal } from '@onewindow/auth';
import { invalid, type Clock } from '@onewindow/kernel';
import { recordChange } from '../audit/record.js';
import type { AuditRecorder, IdentityProviderAdmin, PartnerClientCredentials } from '../ports.js';

const CLIENT_ID = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** A platform administrator registers another province's platform as a client (client credentials, role partner). */
export class CreatePartnerClient {
  constructor(private readonly deps: { idp: IdentityProviderAdmin; audit: AuditRecorder; clock: Clock }) {}

  async execute(caller: Principal, input: { clientId: string; name: string }): Promise<PartnerClientCredentials> {
    authorize(caller, 'partner.manage');
    const problems = [
      ...(CLIENT_ID.test(input.clientId) ? [] : [{ field: 'clientId', message: 'lower-case letters, digits and . _ -, 2 to 64 characters' }]),
      ...(input.name.trim() && input.name.length <= 64 ? [] : [{ field: 'name', message: 'required, at most 64 characters' }]),
    ];
    if (problems.length > 0) throw invalid('CLIENT_INVALID', `client ${input.clientId} is not valid`, problems);
    const created = await this.deps.idp.createPartnerClient({ clientId: input.clientId, name: input.name.trim() });
    await recordChange(this.deps.audit, this.deps.clock, caller, 'identity.partner-client.create', `client:${created.clientId}`, 'partner.manage');
    return created;
  }
}
