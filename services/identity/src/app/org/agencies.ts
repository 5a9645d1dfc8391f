import { authorize, isDivisionCode, type Principal } from '@onewindow/auth';
import { conflict, invalid, type Clock } from '@onewindow/kernel';
import { assertValidAgency, unitAndAncestors, type Agency } from '../../domain/index.js';
import { recordChange } from '../audit/record.js';
import type { AuditRecorder, OrgDirectory } from '../ports.js';

/** The agencies seated at a unit; with `withAncestors`, also those above it (who may staff its halls). */
export class ListAgencies {
  constructor(private readonly org: OrgDirectory) {}

  async execute(principal: Principal, orgUnit: string, withAncestors = false): Promise<Agency[]> {
    authorize(principal, 'org.read');
    if (!isDivisionCode(orgUnit)) throw invalid('DIVISION_CODE_INVALID', 'an org unit (division code) is required', [{ field: 'orgUnit', message: 'a division code' }]);
    return this.org.listAgencies(withAncestors ? unitAndAncestors(orgUnit) : [orgUnit]);
  }
}

export class CreateAgency {
  constructor(private readonly deps: { org: OrgDirectory; audit: AuditRecorder; clock: Clock }) {}

  async execute(principal: Principal, input: { id: string; name: string; orgUnit: string }): Promise<Agency> {
    authorize(principal, 'org.manage', { orgUnit: input.orgUnit });
    const agency: Agency = { id: input.id, name: input.name.trim(), orgUnit: input.orgUnit };
    assertValidAgency(agency, (await this.deps.org.getUnit(input.orgUnit)) ?? undefined);
    if (await this.deps.org.findAgency(agency.orgUnit, agency.name)) {
      throw conflict('AGENCY_EXISTS', `${agency.name} already has a seat at ${agency.orgUnit}`);
    }
    await this.deps.org.insertAgency(agency);
    await recordChange(this.deps.audit, this.deps.clock, principal, 'identity.agency.create', `agency:${agency.id}`, 'org.manage');
    return agency;
  }
}
