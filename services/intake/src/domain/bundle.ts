import { invalid, type ErrorDetail } from '@onewindow/kernel/errors';
import { FINAL_STATUSES, type Case, type CaseOutcome, type CaseStatus } from './case.js';

/**
 * 一件事一次办: one application that fans out to several items, across
 * agencies, and comes back as one delivery (统一出件).
 */
export interface BundleMember {
  readonly itemCode: string;
  readonly name: string;
  readonly agency: string;
}

export interface Bundle {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly note: string | null;
  readonly members: readonly BundleMember[];
}

const CODE = /^[A-Z0-9][A-Z0-9-]{1,63}$/;

/** Validates a bundle against the items published with it; every problem at once. */
export function defineBundle(bundle: Bundle, itemCodes: ReadonlySet<string>): Bundle {
  const problems: ErrorDetail[] = [];
  if (!CODE.test(bundle.code)) problems.push({ field: 'code', message: 'must be upper-case letters, digits and dashes' });
  if (!bundle.name.trim()) problems.push({ field: 'name', message: 'required' });
  if (bundle.members.length < 2) problems.push({ field: 'members', message: 'a bundle has at least two items' });
  const codes = bundle.members.map((m) => m.itemCode);
  if (new Set(codes).size !== codes.length) problems.push({ field: 'members', message: 'an item is named twice' });
  bundle.members.forEach((m, i) => {
    if (!itemCodes.has(m.itemCode)) problems.push({ field: `members.${i}.itemCode`, message: `${m.itemCode || m.name} is not a catalog item` });
  });
  if (problems.length) throw invalid('BUNDLE_INVALID', `invalid bundle ${bundle.code}`, problems);
  return bundle;
}

export interface BundleApplicationMember {
  readonly itemCode: string;
  readonly caseId: string;
  readonly caseNumber: string;
}

/** One bundle application: its member cases are created with ids fixed up front, so a retry completes it. */
export interface BundleApplication {
  readonly id: string;
  readonly bundleCode: string;
  readonly bundleName: string;
  readonly applicantId: string;
  readonly applicantName: string;
  readonly filedBySubject: string;
  /** An agent who filed it may follow it like the applicant (帮办代办). */
  readonly filedByAgent: boolean;
  readonly hall: string;
  readonly members: readonly BundleApplicationMember[];
  readonly idempotencyKey: string | null;
  readonly createdAt: string;
}

export interface BundleDelivery {
  /** DELIVERED once every member case has ended: the results go out together. */
  readonly status: 'IN_PROGRESS' | 'DELIVERED';
  readonly members: readonly {
    readonly itemCode: string;
    readonly caseId: string;
    readonly caseNumber: string;
    readonly status: CaseStatus | 'MISSING';
    readonly outcome: CaseOutcome | 'NOT_ACCEPTED' | null;
    readonly licenceId: string | null;
  }[];
}

/** Where a bundle application stands, from its member cases as they are now. */
export function bundleDelivery(application: BundleApplication, cases: readonly Case[]): BundleDelivery {
  const byId = new Map(cases.map((c) => [c.id, c]));
  const members = application.members.map((m) => {
    const c = byId.get(m.caseId);
    const outcome: BundleDelivery['members'][number]['outcome'] = c?.status === 'NOT_ACCEPTED' ? 'NOT_ACCEPTED' : (c?.outcome ?? null);
    return { ...m, status: c?.status ?? ('MISSING' as const), outcome, licenceId: c?.licenceId ?? null };
  });
  const done = members.every((m) => m.status !== 'MISSING' && FINAL_STATUSES.includes(m.status));
  return { status: done ? 'DELIVERED' : 'IN_PROGRESS', members };
}
