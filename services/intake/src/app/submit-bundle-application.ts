import type { Principal } from '@onewindow/auth';
import { conflict, invalid, isDomainError, newId, type ErrorDetail } from '@onewindow/kernel';
import { STORE_DUPLICATE } from '@onewindow/store/port';
import type { BundleApplication } from '../domain/bundle.js';
import type { Case, MaterialRef } from '../domain/case.js';
import { noticeDueDate } from '../domain/deadlines.js';
import type { PartyInput } from '../domain/party.js';
import type { ServiceItem } from '../domain/service-item.js';
import { createCase, validateSubmission, type CommitmentInput } from '../domain/submission.js';
import { announce } from './announce.js';
import { resolveFiling, type Filing } from './filing.js';
import { checkMaterialRefs } from './material-refs.js';
import type { BundleApplicationRepository } from './ports.js';
import { idempotencyKeyOf, nextCaseNumber, type SubmitCaseDeps } from './submit-case.js';

export interface SubmitBundleCommand {
  readonly bundleCode: string;
  readonly idempotencyKey: string;
  readonly hall: string;
  /** 一表申请: one form for every item of the bundle. */
  readonly form: Readonly<Record<string, string>>;
  readonly materials: readonly (MaterialRef & { readonly itemCode: string })[];
  readonly commitments: readonly (CommitmentInput & { readonly itemCode: string })[];
  readonly applicant: PartyInput | null;
}

export interface BundleSubmission {
  readonly application: BundleApplication;
  readonly cases: readonly Case[];
}

/**
 * 一件事一次办: one application that fans out to one case per item of the
 * bundle, each with its own number, at its own agency. The application is
 * written first with every case id fixed, then each case: a retry with the
 * same Idempotency-Key creates whatever a crash left out, and nothing twice.
 */
export class SubmitBundleApplication {
  constructor(private readonly deps: SubmitCaseDeps & { readonly applications: BundleApplicationRepository }) {}

  async execute(principal: Principal, command: SubmitBundleCommand): Promise<BundleSubmission> {
    const { catalog, applications, clock } = this.deps;
    const now = clock.now();
    const filing = resolveFiling(this.deps, principal, command.applicant, command.hall.trim(), now);
    const key = idempotencyKeyOf(command.idempotencyKey);
    const first = key ? await applications.findByIdempotencyKey(principal.subject, key) : null;
    if (first) return this.complete(first, command, filing, principal);
    const bundle = await catalog.bundle(command.bundleCode.trim());
    if (!bundle) throw invalid('BUNDLE_UNKNOWN', `no bundle ${command.bundleCode}`, [{ field: 'bundleCode', message: 'not in the catalog' }]);
    const items = await this.items(bundle.members.map((m) => m.itemCode));
    this.checkCodes(command, items);
    for (const item of items) {
      validateSubmission({ ...this.memberSubmission(command, filing, item), bundleApplicationId: 'pending', draft: false });
      await checkMaterialRefs(this.deps, principal, filing.applicant.id, item, this.refsFor(command, item.code));
    }
    const members = [];
    for (const item of items) members.push({ itemCode: item.code, caseId: newId(now.getTime()), caseNumber: await nextCaseNumber(this.deps, now) });
    const application: BundleApplication = {
      id: newId(now.getTime()),
      bundleCode: bundle.code,
      bundleName: bundle.name,
      applicantId: filing.applicant.id,
      applicantName: filing.applicant.name,
      filedBySubject: principal.subject,
      filedByAgent: filing.filedBy.role === 'AGENT',
      hall: filing.hall,
      members,
      idempotencyKey: key,
      createdAt: now.toISOString(),
    };
    try {
      await applications.add(application);
    } catch (err) {
      const winner = key && isDomainError(err) && err.code === STORE_DUPLICATE ? await applications.findByIdempotencyKey(principal.subject, key) : null;
      if (!winner) throw err;
      return this.complete(winner, command, filing, principal);
    }
    return this.complete(application, command, filing, principal);
  }

  /** Creates the member cases not created yet; replays find them all there. */
  private async complete(application: BundleApplication, command: SubmitBundleCommand, filing: Filing, principal: Principal): Promise<BundleSubmission> {
    if (application.bundleCode !== command.bundleCode.trim()) {
      throw conflict('IDEMPOTENCY_KEY_REUSED', `the idempotency key was used for bundle application ${application.id} of another bundle`);
    }
    const { cases, clock, calendar } = this.deps;
    const existing = new Map((await cases.byIds(application.members.map((m) => m.caseId))).map((c) => [c.id, c]));
    const items = await this.items(application.members.map((m) => m.itemCode));
    const all: Case[] = [];
    for (const [i, member] of application.members.entries()) {
      const found = existing.get(member.caseId);
      if (found) {
        all.push(found);
        continue;
      }
      const item = items[i];
      if (!item) throw invalid('ITEM_UNKNOWN', `no service item ${member.itemCode}`);
      await checkMaterialRefs(this.deps, principal, filing.applicant.id, item, this.refsFor(command, item.code));
      const now = clock.now();
      const { case: created, events } = createCase({
        ...this.memberSubmission(command, filing, item),
        bundleApplicationId: application.id,
        id: member.caseId,
        caseNumber: member.caseNumber,
        draft: false,
        noticeDueDate: noticeDueDate(calendar, now.toISOString()),
        now,
      });
      try {
        await cases.add(created, announce(created.id, events, now));
        all.push(created);
      } catch (err) {
        if (!(isDomainError(err) && err.code === STORE_DUPLICATE)) throw err;
        const raced = await cases.get(member.caseId);
        if (!raced) throw err;
        all.push(raced.case);
      }
    }
    return { application, cases: all };
  }

  private async items(codes: readonly string[]): Promise<ServiceItem[]> {
    const items: ServiceItem[] = [];
    for (const code of codes) {
      const item = await this.deps.catalog.current(code);
      if (!item) throw invalid('ITEM_UNKNOWN', `the bundle names ${code}, which is not in the catalog`);
      items.push(item);
    }
    return items;
  }

  private checkCodes(command: SubmitBundleCommand, items: readonly ServiceItem[]): void {
    const codes = new Set(items.map((i) => i.code));
    const problems: ErrorDetail[] = [];
    command.materials.forEach((m, i) => {
      if (!codes.has(m.itemCode)) problems.push({ field: `materials.${i}.itemCode`, message: `${m.itemCode} is not in the bundle` });
    });
    command.commitments.forEach((m, i) => {
      if (!codes.has(m.itemCode)) problems.push({ field: `commitments.${i}.itemCode`, message: `${m.itemCode} is not in the bundle` });
    });
    if (problems.length) throw invalid('CASE_INVALID', 'invalid bundle application', problems);
  }

  private refsFor(command: SubmitBundleCommand, itemCode: string): MaterialRef[] {
    return command.materials.filter((m) => m.itemCode === itemCode).map(({ code, fileId, licenceId }) => ({ code, fileId, licenceId }));
  }

  private memberSubmission(command: SubmitBundleCommand, filing: Filing, item: ServiceItem) {
    return {
      item,
      ...filing,
      materials: this.refsFor(command, item.code),
      commitments: command.commitments.filter((m) => m.itemCode === item.code).map(({ materialCode, text }) => ({ materialCode, text })),
      form: command.form,
      idempotencyKey: null,
    };
  }
}
