import type { Clock } from '@onewindow/kernel';
import type { Store } from '@onewindow/store';
import { storeBundleApplications } from './adapters/bundle-application-repository.js';
import { storeCaseNumberSequence } from './adapters/case-number-sequence.js';
import { storeCaseRepository } from './adapters/case-repository.js';
import { storeCatalogRepository } from './adapters/catalog-repository.js';
import { intakeConsumers } from './adapters/consumers.js';
import { storeCreditRecords } from './adapters/credit-repository.js';
import { storeFileRegister } from './adapters/file-register.js';
import { intakeGrpc } from './adapters/grpc.js';
import { AcceptCase } from './app/accept-case.js';
import { AddMaterials } from './app/add-materials.js';
import { GetCreditRecord, SetCreditFlag } from './app/credit-records.js';
import { GetBundleApplication } from './app/get-bundle-application.js';
import { GetCase } from './app/get-case.js';
import { GetCaseDocument } from './app/get-case-document.js';
import { GetCatalogItem } from './app/get-catalog-item.js';
import { ListBundles } from './app/list-bundles.js';
import { ListCases } from './app/list-cases.js';
import { ListCatalogItems } from './app/list-catalog-items.js';
import type { DocumentRenderer, FileStore, IdentifierProtection, LicenceLibrary, WorkingDays } from './app/ports.js';
import { PreReviewCase } from './app/pre-review-case.js';
import { RecordDecision } from './app/record-decision.js';
import { RecordLicenceIssued } from './app/record-licence-issued.js';
import { RejectCase } from './app/reject-case.js';
import { RequestSupplement } from './app/request-supplement.js';
import { SeedCatalog } from './app/seed-catalog.js';
import { SubmitBundleApplication } from './app/submit-bundle-application.js';
import { SubmitCase } from './app/submit-case.js';
import { RequestPreReview, SubmitDraft } from './app/submit-draft.js';
import { SweepDeadlines } from './app/sweep-deadlines.js';
import { UploadFile } from './app/upload-file.js';
import type { CaseNumberFormat } from './domain/case-number.js';

export interface IntakeDeps {
  readonly store: Store;
  readonly clock: Clock;
  /** Official working days (holidays and make-up workdays), for the Art. 32 and pending deadlines. */
  readonly calendar: WorkingDays;
  readonly caseNumberFormat: CaseNumberFormat;
  /** Where a case is filed when the request names no hall. */
  readonly defaultHall: string;
  /** Uploaded materials and issued PDFs, by content hash. */
  readonly files: FileStore;
  readonly renderer: DocumentRenderer;
  /** The certificate service's holder library (免证办). */
  readonly licences: LicenceLibrary;
  readonly protection: IdentifierProtection;
  readonly maxFileBytes: number;
}

/** Wires the service from its adapters: `main.ts` passes the runtime's, tests their own. */
export function composeIntake(deps: IntakeDeps) {
  const { store, clock, calendar, files, renderer, licences, protection } = deps;
  const catalog = storeCatalogRepository(store);
  const cases = storeCaseRepository(store);
  const fileRegister = storeFileRegister(store);
  const credit = storeCreditRecords(store);
  const applications = storeBundleApplications(store);
  const submitDeps = {
    catalog,
    cases,
    sequence: storeCaseNumberSequence(store),
    clock,
    calendar,
    caseNumberFormat: deps.caseNumberFormat,
    defaultHall: deps.defaultHall,
    protection,
    fileRegister,
    licences,
  };
  const windowDeps = { cases, catalog, clock, renderer, files };
  const useCases = {
    seedCatalog: new SeedCatalog(catalog),
    listCatalogItems: new ListCatalogItems(catalog),
    getCatalogItem: new GetCatalogItem(catalog),
    listBundles: new ListBundles(catalog),
    uploadFile: new UploadFile(files, fileRegister, clock, deps.maxFileBytes),
    submitCase: new SubmitCase(submitDeps),
    getCase: new GetCase(cases),
    listCases: new ListCases(cases),
    submitDraft: new SubmitDraft(cases, clock, calendar),
    requestPreReview: new RequestPreReview(cases, clock),
    preReviewCase: new PreReviewCase(cases, catalog, clock),
    acceptCase: new AcceptCase({ ...windowDeps, calendar, credit, fileRegister }),
    rejectCase: new RejectCase(windowDeps),
    requestSupplement: new RequestSupplement(windowDeps),
    addMaterials: new AddMaterials({ cases, catalog, clock, fileRegister, licences }),
    getCaseDocument: new GetCaseDocument(cases, files),
    submitBundleApplication: new SubmitBundleApplication({ ...submitDeps, applications }),
    getBundleApplication: new GetBundleApplication(applications, cases),
    getCreditRecord: new GetCreditRecord(credit),
    setCreditFlag: new SetCreditFlag(credit, clock),
    sweepDeadlines: new SweepDeadlines(windowDeps),
    recordDecision: new RecordDecision(cases, clock),
    recordLicenceIssued: new RecordLicenceIssued(cases, clock),
  };
  return { useCases, rpc: intakeGrpc(useCases), consumers: intakeConsumers(useCases) };
}

export type Intake = ReturnType<typeof composeIntake>;
