import type { Placement, StaffMember } from '../../domain/index.js';
import type { OrgDirectory } from '../ports.js';

/** What a staff member's org unit, agency, hall and windows refer to, as the directory has them. */
export async function placementOf(org: OrgDirectory, staff: Pick<StaffMember, 'orgUnit' | 'agency' | 'hall' | 'windows'>): Promise<Placement> {
  const [orgUnit, agency, hall, windows] = await Promise.all([
    staff.orgUnit ? org.getUnit(staff.orgUnit) : null,
    staff.orgUnit && staff.agency ? org.findAgency(staff.orgUnit, staff.agency) : null,
    staff.hall ? org.getHall(staff.hall) : null,
    Promise.all(staff.windows.map((id) => org.getWindow(id))),
  ]);
  return {
    ...(orgUnit ? { orgUnit } : {}),
    ...(agency ? { agency } : {}),
    ...(hall ? { hall } : {}),
    windows: windows.filter((w) => w !== null),
  };
}

/** The policy's view of where a staff member sits. */
export const scopeOfStaff = (staff: Pick<StaffMember, 'id' | 'orgUnit' | 'agency' | 'hall'>) => ({
  principalId: staff.id,
  orgUnit: staff.orgUnit,
  agency: staff.agency,
  hall: staff.hall,
});
