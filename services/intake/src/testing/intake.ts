// Test support: the service composed on a throwaway store and file folder, with a hand-moved clock.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Principal } from '@onewindow/auth';
import { bundledCalendar } from '@onewindow/calendar';
import { ManualClock } from '@onewindow/kernel';
import { onTestFinished } from 'vitest';
import { diskFileStore } from '../adapters/disk-file-store.js';
import { vaultProtection } from '../adapters/identifier-protection.js';
import type { DocumentRenderer, FileStore, LicenceCheck, LicenceLibrary } from '../app/ports.js';
import type { SubmitCaseCommand } from '../app/submit-case.js';
import { composeIntake } from '../compose.js';
import type { Bundle } from '../domain/bundle.js';
import type { MaterialRef } from '../domain/case.js';
import { DEFAULT_CASE_NUMBER_FORMAT, parseCaseNumberFormat } from '../domain/case-number.js';
import type { DocumentContent } from '../domain/documents.js';
import { contentOf, type ServiceItem } from '../domain/service-item.js';
import { feeItemFixture, HALL, itemFixture, testStore } from './fixtures.js';

export interface TestIntakeOptions {
  readonly items?: readonly ServiceItem[];
  readonly bundles?: readonly Bundle[];
  readonly caseNumberFormat?: string;
  readonly defaultHall?: string;
  readonly maxFileBytes?: number;
}

/** 10:00 in Chengdu on Monday 5 January 2026. */
export const START = '2026-01-05T02:00:00.000Z';
/** Five working days after Monday 5 January 2026: the last day to answer a case received at START. */
export const NOTICE_DUE = '2026-01-12';
const DAY = 24 * 60 * 60 * 1000;

/** A small file whose magic bytes say PDF. */
export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/**
 * Documents rendered as the JSON of what they say, so tests read their
 * content back; the real PDF renderer has its own tests.
 */
export const textRenderer: DocumentRenderer = {
  render: async (content: DocumentContent) => Buffer.from(JSON.stringify(content), 'utf8'),
};

/** Certificate's holder library, as a table the test fills. */
export function fakeLicenceLibrary() {
  const licences = new Map<string, { holderId: string; licenceType: string; status: 'VALID' | 'REVOKED' }>();
  const library: LicenceLibrary = {
    async checkForReuse(_caller, request): Promise<LicenceCheck> {
      const licence = licences.get(request.licenceId);
      const refuse = (reason: string) => ({ usable: false, reason, licenceType: licence?.licenceType ?? '' });
      if (!licence) return refuse('NOT_FOUND');
      if (licence.holderId !== request.holderId) return refuse('NOT_HOLDER');
      if (licence.status !== 'VALID') return refuse('REVOKED');
      if (request.licenceType && licence.licenceType !== request.licenceType) return refuse('WRONG_TYPE');
      return { usable: true, reason: '', licenceType: licence.licenceType };
    },
  };
  return { library, issue: (id: string, holderId: string, licenceType: string, status: 'VALID' | 'REVOKED' = 'VALID') => licences.set(id, { holderId, licenceType, status }) };
}

function tempFileStore(): FileStore {
  const dir = mkdtempSync(join(tmpdir(), 'intake-files-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return diskFileStore(dir);
}

export async function testIntake(options: TestIntakeOptions = {}) {
  const store = testStore();
  const clock = new ManualClock(START);
  const files = tempFileStore();
  const licences = fakeLicenceLibrary();
  const intake = composeIntake({
    store,
    clock,
    calendar: bundledCalendar(),
    caseNumberFormat: parseCaseNumberFormat(options.caseNumberFormat ?? DEFAULT_CASE_NUMBER_FORMAT),
    defaultHall: options.defaultHall ?? HALL,
    files,
    renderer: textRenderer,
    licences: licences.library,
    protection: vaultProtection(randomBytes(32)),
    maxFileBytes: options.maxFileBytes ?? 1024 * 1024,
  });
  await intake.useCases.seedCatalog.execute((options.items ?? [itemFixture(), feeItemFixture()]).map(contentOf), options.bundles ?? []);

  /** Uploads a small PDF as `principal` and returns a material reference to it. */
  const material = async (principal: Principal, code: string): Promise<MaterialRef> => {
    const file = await intake.useCases.uploadFile.execute(principal, { content: PDF_BYTES, declaredType: 'application/pdf', filename: `${code}.pdf` });
    return { code, fileId: file.id, licenceId: null };
  };

  /** What a case's document says (the test renderer stores its content as JSON). */
  const documentText = async (principal: Principal, caseId: string, documentId: string): Promise<DocumentContent> => {
    const doc = await intake.useCases.getCaseDocument.execute(principal, { caseId, documentId });
    return JSON.parse(doc.content.toString('utf8')) as DocumentContent;
  };

  /** Moves the clock by whole days. */
  const afterDays = (days: number) => clock.advance(days * DAY);

  return { store, clock, files, licences, material, documentText, afterDays, ...intake };
}

export type TestIntake = Awaited<ReturnType<typeof testIntake>>;

/** A submission command with sensible defaults: the applicant files for themselves, nothing attached. */
export const submission = (overrides: Partial<SubmitCaseCommand> = {}): SubmitCaseCommand => ({
  itemCode: 'SCJG-DJ-001',
  idempotencyKey: '',
  materials: [],
  commitments: [],
  hall: '',
  form: {},
  draft: false,
  applicant: null,
  ...overrides,
});
