import { describe, expect, it } from 'vitest';
import { acceptedCaseFixture, caseFixture, draftCaseFixture, errorOf, itemFixture } from '../testing/fixtures.js';
import type { Case } from './case.js';
import { addMaterials, type AddMaterialsInput } from './materials.js';

const NOW = new Date('2026-01-07T02:00:00.000Z');
const item = itemFixture();
const file = (code: string) => ({ code, fileId: `file-${code}`, licenceId: null });
const add = (overrides: Partial<AddMaterialsInput> = {}): AddMaterialsInput => ({ item, materials: [], commitments: [], now: NOW, ...overrides });

const afterNotice = (): Case =>
  caseFixture({
    status: 'SUPPLEMENT_REQUESTED',
    notifiedAt: '2026-01-06T02:00:00.000Z',
    supplementRequest: {
      deficiencies: [
        { materialCode: 'M01', problem: 'DEFICIENT', note: '未签字' },
        { materialCode: 'M02', problem: 'MISSING', note: '' },
        { materialCode: 'M03', problem: 'MISSING', note: '' },
      ],
      opinion: '',
      requestedBy: 'u-clerk-li',
      requestedAt: '2026-01-06T02:00:00.000Z',
      supplied: [],
      supplementedAt: null,
    },
  });

const withPending = (): Case =>
  acceptedCaseFixture({
    acceptanceKind: 'WITH_PENDING',
    pending: { materialCodes: ['M03'], commitment: { text: '承诺', signedBy: '张三', fileId: null }, deadlineWorkingDays: 3, dueDate: '2026-01-08', supplied: [], suppliedAt: null },
  });

describe('addMaterials', () => {
  it('completes a draft: replaces the reference for a code and recomputes what is missing, quietly', () => {
    const { case: c, events } = addMaterials(draftCaseFixture(), add({ materials: [file('M01'), file('M02')] }));
    expect(c.materials).toEqual([file('M01'), file('M02')]);
    expect(c.missingMaterials).toEqual(['M03']);
    expect(events).toEqual([]);
  });

  it('takes a commitment in place of a proof on a submitted case', () => {
    const { case: c } = addMaterials(caseFixture(), add({ commitments: [{ materialCode: 'M03', text: '住所真实' }] }));
    expect(c.commitments).toMatchObject([{ materialCode: 'M03', signedBy: '张三', verification: 'PENDING' }]);
    expect(c.missingMaterials).toEqual(['M02']);
  });

  it('after a one-time notice, waits for every listed material, then returns the case to SUBMITTED and announces case.supplemented', () => {
    const partly = addMaterials(afterNotice(), add({ materials: [file('M01'), file('M02')] }));
    expect(partly.case).toMatchObject({ status: 'SUPPLEMENT_REQUESTED', supplementRequest: { supplied: ['M01', 'M02'], supplementedAt: null } });
    expect(partly.events).toEqual([]);

    const { case: c, events } = addMaterials(partly.case, add({ materials: [file('M03')] }));
    expect(c).toMatchObject({ status: 'SUBMITTED', missingMaterials: [], supplementRequest: { supplementedAt: NOW.toISOString() } });
    expect(events).toEqual([
      {
        type: 'onewindow.intake.case.supplemented.v1',
        data: { caseId: c.id, caseNumber: c.caseNumber, applicantId: c.applicantId, hall: c.hall, stage: 'SUPPLEMENT_REQUEST', materialCodes: ['M01', 'M02', 'M03'], supplementedAt: NOW.toISOString() },
      },
    ]);
  });

  it('refuses, after a notice, a material the notice did not ask for', () => {
    const c = afterNotice();
    const narrowed = { ...c, supplementRequest: c.supplementRequest && { ...c.supplementRequest, deficiencies: c.supplementRequest.deficiencies.slice(1) } };
    expect(errorOf(() => addMaterials(narrowed, add({ materials: [file('M01')] })))).toMatchObject({ kind: 'invalid', code: 'MATERIAL_NOT_REQUESTED' });
  });

  it('takes the pending materials of an acceptance with pending materials, and announces when all are in', () => {
    const { case: c, events } = addMaterials(withPending(), add({ materials: [file('M03')] }));
    expect(c).toMatchObject({ status: 'ACCEPTED', pending: { supplied: ['M03'], suppliedAt: NOW.toISOString() } });
    expect(events[0]).toMatchObject({ type: 'onewindow.intake.case.supplemented.v1', data: { stage: 'PENDING', materialCodes: ['M03'] } });
  });

  it('refuses materials for an accepted case that awaits none, or that are not the pending ones', () => {
    expect(errorOf(() => addMaterials(acceptedCaseFixture(), add({ materials: [file('M02')] }))).code).toBe('NOTHING_PENDING');
    expect(errorOf(() => addMaterials(withPending(), add({ materials: [file('M02')] }))).code).toBe('MATERIAL_NOT_REQUESTED');
  });

  it.each(['PRE_REVIEW', 'NOT_ACCEPTED', 'TERMINATED', 'CLOSED'] as const)('refuses materials for a case that is %s', (status) => {
    expect(errorOf(() => addMaterials(caseFixture({ status }), add({ materials: [file('M02')] })))).toMatchObject({ kind: 'precondition', code: 'CASE_WRONG_STATE' });
  });

  it('refuses an empty hand-in and invalid references', () => {
    expect(errorOf(() => addMaterials(caseFixture(), add())).code).toBe('MATERIALS_REQUIRED');
    expect(errorOf(() => addMaterials(caseFixture(), add({ materials: [{ code: 'M09', fileId: 'f', licenceId: null }] }))).code).toBe('CASE_INVALID');
  });
});
