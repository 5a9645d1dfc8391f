// Test support: the service composed on a throwaway store, with a hand-moved clock.
import { ManualClock } from '@onewindow/kernel';
import type { SubmitCaseCommand } from '../app/submit-case.js';
import { composeIntake } from '../compose.js';
import { DEFAULT_CASE_NUMBER_FORMAT, parseCaseNumberFormat } from '../domain/case-number.js';
import { contentOf, type ServiceItem } from '../domain/service-item.js';
import { feeItemFixture, HALL, itemFixture, testStore } from './fixtures.js';

export interface TestIntakeOptions {
  readonly items?: readonly ServiceItem[];
  readonly caseNumberFormat?: string;
  readonly defaultHall?: string;
}

/** 10:00 in Chengdu on Monday 5 January 2026. */
export const START = '2026-01-05T02:00:00.000Z';

export async function testIntake(options: TestIntakeOptions = {}) {
  const store = testStore();
  const clock = new ManualClock(START);
  const intake = composeIntake({
    store,
    clock,
    caseNumberFormat: parseCaseNumberFormat(options.caseNumberFormat ?? DEFAULT_CASE_NUMBER_FORMAT),
    defaultHall: options.defaultHall ?? HALL,
  });
  await intake.useCases.seedCatalog.execute((options.items ?? [itemFixture(), feeItemFixture()]).map(contentOf));
  return { store, clock, ...intake };
}

/** A submission command with sensible defaults. */
export const submission = (overrides: Partial<SubmitCaseCommand> = {}): SubmitCaseCommand => ({
  itemCode: 'SCJG-DJ-001',
  idempotencyKey: '',
  materials: [{ code: 'M01', fileId: 'file-1', licenceId: null }],
  hall: '',
  form: {},
  ...overrides,
});
