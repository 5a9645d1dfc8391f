import type { Clock } from '@onewindow/kernel';
import type { Store } from '@onewindow/store';
import { storeCaseNumberSequence } from './adapters/case-number-sequence.js';
import { storeCaseRepository } from './adapters/case-repository.js';
import { storeCatalogRepository } from './adapters/catalog-repository.js';
import { intakeConsumers } from './adapters/consumers.js';
import { intakeGrpc } from './adapters/grpc.js';
import { AcceptCase } from './app/accept-case.js';
import { GetCase } from './app/get-case.js';
import { GetCatalogItem } from './app/get-catalog-item.js';
import { ListCases } from './app/list-cases.js';
import { ListCatalogItems } from './app/list-catalog-items.js';
import { RecordDecision } from './app/record-decision.js';
import { RecordLicenceIssued } from './app/record-licence-issued.js';
import { SeedCatalog } from './app/seed-catalog.js';
import { SubmitCase } from './app/submit-case.js';
import type { CaseNumberFormat } from './domain/case-number.js';

export interface IntakeDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly caseNumberFormat: CaseNumberFormat;
  /** Where a case is filed when the request names no hall. */
  readonly defaultHall: string;
}

/** Wires the service from its adapters: `main.ts` passes the runtime's, tests their own. */
export function composeIntake({ store, clock, caseNumberFormat, defaultHall }: IntakeDeps) {
  const catalog = storeCatalogRepository(store);
  const cases = storeCaseRepository(store);
  const useCases = {
    seedCatalog: new SeedCatalog(catalog),
    listCatalogItems: new ListCatalogItems(catalog),
    getCatalogItem: new GetCatalogItem(catalog),
    submitCase: new SubmitCase({ catalog, cases, sequence: storeCaseNumberSequence(store), clock, caseNumberFormat, defaultHall }),
    getCase: new GetCase(cases),
    listCases: new ListCases(cases),
    acceptCase: new AcceptCase(cases, catalog, clock),
    recordDecision: new RecordDecision(cases, clock),
    recordLicenceIssued: new RecordLicenceIssued(cases, clock),
  };
  return { useCases, rpc: intakeGrpc(useCases), consumers: intakeConsumers(useCases) };
}

export type Intake = ReturnType<typeof composeIntake>;
