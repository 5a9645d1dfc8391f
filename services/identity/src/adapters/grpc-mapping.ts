import type { AuditEntry } from '@onewindow/auth';
import type { identityV1 } from '@onewindow/contracts';
import type { ApplicantView } from '../app/applicants/applicant-view.js';
import { delegationStatus, type ContactChannel, type Delegation, type Hall, type OrgUnit, type ServiceWindow, type StaffMember, type WindowKind } from '../domain/index.js';

/** Domain ↔ wire: absent values are empty strings on the wire, as proto3 has them. */
export const contactMessage = (c: ContactChannel): identityV1.ContactChannel => ({ kind: c.kind, value: c.value, verifiedAt: c.verifiedAt ?? '' });

export const applicantMessage = (a: ApplicantView): identityV1.Applicant => ({
  id: a.id,
  username: a.username,
  displayName: a.displayName,
  kind: a.kind,
  identifierType: a.identifierType,
  identifierMasked: a.identifierMasked,
  identifier: a.identifier,
  entityName: a.entityName,
  contacts: a.contacts.map(contactMessage),
  createdAt: a.createdAt,
});

export const orgUnitMessage = (u: OrgUnit): identityV1.OrgUnit => ({ code: u.code, name: u.name, level: u.level, parentCode: u.parentCode ?? '' });

export const hallMessage = (h: Hall): identityV1.Hall => ({
  id: h.id,
  name: h.name,
  orgUnit: h.orgUnit,
  kind: h.kind,
  parentHallId: h.parentHallId ?? '',
  address: h.address ?? '',
});

export const windowMessage = (w: ServiceWindow): identityV1.ServiceWindow => ({ ...w, agencies: [...w.agencies] });

export const windowFromMessage = (w: identityV1.ServiceWindow | undefined): ServiceWindow => ({
  id: w?.id ?? '',
  hallId: w?.hallId ?? '',
  name: w?.name ?? '',
  kind: (w?.kind ?? '') as WindowKind,
  agencies: [...(w?.agencies ?? [])],
  enabled: w?.enabled ?? false,
});

export const staffMessage = (s: StaffMember): identityV1.Staff => ({
  id: s.id,
  username: s.username,
  displayName: s.displayName,
  roles: [...s.roles],
  orgUnit: s.orgUnit ?? '',
  agency: s.agency ?? '',
  hall: s.hall ?? '',
  windows: [...s.windows],
  enabled: s.enabled,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
});

export const delegationMessage = (d: Delegation, now: Date): identityV1.Delegation => ({
  id: d.id,
  principalId: d.principalId,
  principalUsername: d.principalUsername,
  substituteId: d.substituteId,
  substituteUsername: d.substituteUsername,
  orgUnit: d.orgUnit,
  agency: d.agency,
  role: d.role,
  from: d.from,
  until: d.until,
  createdAt: d.createdAt,
  createdBy: d.createdBy,
  revokedAt: d.revokedAt ?? '',
  revokedBy: d.revokedBy ?? '',
  status: delegationStatus(d, now),
  reason: d.reason,
});

export const auditEntryMessage = (e: AuditEntry): identityV1.AuditEntry => ({
  id: e.id,
  seq: e.seq,
  at: e.at,
  service: e.service,
  actor: { ...e.actor, roles: [...e.actor.roles] },
  action: e.action,
  resource: e.resource,
  window: e.window,
  traceId: e.traceId,
  outcome: e.outcome,
  reason: e.reason,
  onBehalfOf: e.onBehalfOf,
  sourceService: e.source?.service ?? '',
  sourceEntryId: e.source?.entryId ?? '',
  prevHash: e.prevHash,
  hash: e.hash,
});
