import { authorize, divisionLevel, isDivisionCode, parentDivisionCode, type Principal } from '@onewindow/auth';
import { invalid, notFound, type Clock } from '@onewindow/kernel';
import { assertValidOrgUnit, type OrgUnit } from '../../domain/index.js';
import { recordChange } from '../audit/record.js';
import type { AuditRecorder, OrgDirectory } from '../ports.js';

/** The children of a unit, or the provinces. */
export class ListOrgUnits {
  constructor(private readonly org: OrgDirectory) {}

  async execute(principal: Principal, parentCode: string): Promise<OrgUnit[]> {
    authorize(principal, 'org.read');
    if (parentCode && !isDivisionCode(parentCode)) {
      throw invalid('DIVISION_CODE_INVALID', `${parentCode} is not a division code`, [{ field: 'parentCode', message: 'a division code' }]);
    }
    return this.org.listUnits(parentCode || undefined);
  }
}

export class GetOrgUnit {
  constructor(private readonly org: OrgDirectory) {}

  async execute(principal: Principal, code: string): Promise<OrgUnit> {
    authorize(principal, 'org.read');
    const unit = isDivisionCode(code) ? await this.org.getUnit(code) : null;
    if (!unit) throw notFound('ORG_UNIT_NOT_FOUND', `no org unit ${code}`);
    return unit;
  }
}

export interface CreateOrgUnitInput {
  readonly code: string;
  readonly name: string;
  /** Optional: the code's shape says it; a different one is refused. */
  readonly level: string;
  /** Optional: the code's shape says it; a different one is refused. */
  readonly parentCode: string;
}

/** A platform administrator adds a unit under an existing parent. */
export class CreateOrgUnit {
  constructor(private readonly deps: { org: OrgDirectory; audit: AuditRecorder; clock: Clock }) {}

  async execute(principal: Principal, input: CreateOrgUnitInput): Promise<OrgUnit> {
    authorize(principal, 'org.manage', { orgUnit: input.code });
    const level = divisionLevel(input.code);
    const parentCode = input.parentCode || parentDivisionCode(input.code);
    const unit: OrgUnit = {
      code: input.code,
      name: input.name.trim(),
      level: (input.level || level || 'PROVINCE') as OrgUnit['level'],
      ...(parentCode ? { parentCode } : {}),
    };
    const parent = unit.parentCode ? await this.deps.org.getUnit(unit.parentCode) : undefined;
    assertValidOrgUnit(unit, parent ?? undefined);
    await this.deps.org.insertUnit(unit);
    await recordChange(this.deps.audit, this.deps.clock, principal, 'identity.org-unit.create', `org-unit:${unit.code}`, 'org.manage');
    return unit;
  }
}
