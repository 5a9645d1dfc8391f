import { authorize, decide, jurisdictionOf, type Principal } from '@onewindow/auth';
import { notFound } from '@onewindow/kernel';
import type { StaffMember } from '../../domain/index.js';
import type { StaffDirectory, StaffFilter } from '../ports.js';
import { scopeOfStaff } from './placement.js';

/**
 * The staff a caller oversees. Without a filter a caller sees what their
 * own placement covers: a supervisor their jurisdiction (the subtree of
 * their org unit), a hall administrator their hall, an agency head their
 * agency; platform administrators and services see everyone. Every member
 * returned passes the policy on its own.
 */
export class ListStaff {
  constructor(private readonly staff: StaffDirectory) {}

  async execute(principal: Principal, filter: StaffFilter): Promise<StaffMember[]> {
    const { effective, scope } = this.widest(principal, filter);
    authorize(principal, 'staff.read', scope);
    const found = await this.staff.list(effective);
    return found.filter((m) => decide(principal, 'staff.read', scopeOfStaff(m)).allowed);
  }

  /** The store filter to run and the scope the policy is asked about first. */
  private widest(p: Principal, filter: StaffFilter): { effective: StaffFilter; scope: StaffFilter } {
    const jurisdiction = jurisdictionOf(p);
    if (filter.orgUnit || filter.hall || filter.agency || jurisdiction.kind === 'all') return { effective: filter, scope: filter };
    if (jurisdiction.kind === 'subtree') return { effective: {}, scope: { orgUnit: jurisdiction.root } };
    const own = defaultFilter(p);
    return { effective: own, scope: own };
  }
}

function defaultFilter(p: Principal): StaffFilter {
  if (p.roles.includes('hall_admin') && p.hall) return { hall: p.hall };
  if (p.roles.includes('agency_head') && p.orgUnit && p.agency) return { orgUnit: p.orgUnit, agency: p.agency };
  return p.orgUnit ? { orgUnit: p.orgUnit } : {};
}

export class GetStaff {
  constructor(private readonly staff: StaffDirectory) {}

  async execute(principal: Principal, staffId: string): Promise<StaffMember> {
    const member = await this.staff.get(staffId);
    // Refused before "not found", so a caller without the right learns nothing about who exists.
    if (!member) {
      authorize(principal, 'staff.read', { principalId: staffId });
      throw notFound('STAFF_NOT_FOUND', `no staff member ${staffId}`);
    }
    authorize(principal, 'staff.read', scopeOfStaff(member));
    return member;
  }
}
