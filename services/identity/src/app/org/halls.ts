import { authorize, isWithinDivision, type Principal } from '@onewindow/auth';
import { notFound, type Clock } from '@onewindow/kernel';
import { assertValidHall, assertValidWindow, unitAndAncestors, type Hall, type HallKind, type ServiceWindow } from '../../domain/index.js';
import { recordChange } from '../audit/record.js';
import type { AuditRecorder, OrgDirectory } from '../ports.js';

/** Halls and sub-centres of a unit and the units below it; every hall without a unit. */
export class ListHalls {
  constructor(private readonly org: OrgDirectory) {}

  async execute(principal: Principal, orgUnit: string): Promise<Hall[]> {
    authorize(principal, 'org.read');
    const halls = await this.org.listHalls();
    return orgUnit ? halls.filter((h) => isWithinDivision(orgUnit, h.orgUnit)) : halls;
  }
}

export interface CreateHallInput {
  readonly id: string;
  readonly name: string;
  readonly orgUnit: string;
  readonly kind: string;
  readonly parentHallId: string;
  readonly address: string;
}

export class CreateHall {
  constructor(private readonly deps: { org: OrgDirectory; audit: AuditRecorder; clock: Clock }) {}

  async execute(principal: Principal, input: CreateHallInput): Promise<Hall> {
    authorize(principal, 'org.manage', { orgUnit: input.orgUnit });
    const hall: Hall = {
      id: input.id,
      name: input.name.trim(),
      orgUnit: input.orgUnit,
      kind: (input.kind || 'HALL') as HallKind,
      ...(input.parentHallId ? { parentHallId: input.parentHallId } : {}),
      ...(input.address.trim() ? { address: input.address.trim() } : {}),
    };
    const [unit, parent] = await Promise.all([
      this.deps.org.getUnit(hall.orgUnit),
      hall.parentHallId ? this.deps.org.getHall(hall.parentHallId) : Promise.resolve(null),
    ]);
    assertValidHall(hall, unit ?? undefined, parent ?? undefined);
    await this.deps.org.insertHall(hall);
    await recordChange(this.deps.audit, this.deps.clock, principal, 'identity.hall.create', `hall:${hall.id}`, 'org.manage');
    return hall;
  }
}

export class ListWindows {
  constructor(private readonly org: OrgDirectory) {}

  async execute(principal: Principal, hallId: string): Promise<ServiceWindow[]> {
    authorize(principal, 'org.read');
    if (!(await this.org.getHall(hallId))) throw notFound('HALL_NOT_FOUND', `no hall ${hallId}`);
    return this.org.listWindows(hallId);
  }
}

/** A hall administrator (of that hall) or a platform administrator opens or changes a window. */
export class SaveWindow {
  constructor(private readonly deps: { org: OrgDirectory; audit: AuditRecorder; clock: Clock }) {}

  async execute(principal: Principal, window: ServiceWindow): Promise<ServiceWindow> {
    const hall = await this.deps.org.getHall(window.hallId);
    authorize(principal, 'window.manage', { hall: window.hallId, orgUnit: hall?.orgUnit });
    const agencies = hall ? await this.deps.org.listAgencies(unitAndAncestors(hall.orgUnit)) : [];
    const normalised = { ...window, name: window.name.trim() };
    assertValidWindow(normalised, hall ?? undefined, agencies);
    const existed = await this.deps.org.getWindow(window.id);
    await this.deps.org.saveWindow(normalised);
    const action = existed ? 'identity.window.update' : 'identity.window.create';
    await recordChange(this.deps.audit, this.deps.clock, principal, action, `window:${window.id}`, 'window.manage');
    return normalised;
  }
}
