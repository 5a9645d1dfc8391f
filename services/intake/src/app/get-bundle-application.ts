import { authorize, type Principal } from '@onewindow/auth';
import { invalid, notFound } from '@onewindow/kernel';
import { bundleDelivery, type BundleApplication, type BundleDelivery } from '../domain/bundle.js';
import type { BundleApplicationRepository, CaseRepository } from './ports.js';

/** A bundle application with where each of its cases stands: DELIVERED once all of them have ended. */
export class GetBundleApplication {
  constructor(
    private readonly applications: BundleApplicationRepository,
    private readonly cases: CaseRepository,
  ) {}

  async execute(principal: Principal, id: string): Promise<{ application: BundleApplication; delivery: BundleDelivery }> {
    if (!id.trim()) throw invalid('BUNDLE_APPLICATION_ID_REQUIRED', 'an id is required', [{ field: 'id', message: 'required' }]);
    const application = await this.applications.get(id.trim());
    if (!application) throw notFound('BUNDLE_APPLICATION_NOT_FOUND', `no bundle application ${id}`);
    authorize(principal, 'case.read', {
      applicantId: application.applicantId,
      hall: application.hall,
      ...(application.filedByAgent ? { agents: [application.filedBySubject] } : {}),
    });
    const cases = await this.cases.byIds(application.members.map((m) => m.caseId));
    return { application, delivery: bundleDelivery(application, cases) };
  }
}
