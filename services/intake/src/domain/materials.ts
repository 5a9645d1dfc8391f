import { invalid } from '@onewindow/kernel/errors';
import { givenCodes, requireStatus, type Case, type MaterialRef, type Transition } from './case.js';
import { materialProblems, signCommitments, type CommitmentInput } from './submission.js';
import { missingMaterials, type ServiceItem } from './service-item.js';

export interface AddMaterialsInput {
  readonly item: ServiceItem;
  readonly materials: readonly MaterialRef[];
  readonly commitments: readonly CommitmentInput[];
  readonly now: Date;
}

/**
 * Materials handed in after the case was created. A new reference replaces
 * the one the case had for that code. On a draft or a submitted case this
 * completes the application; after a one-time notice only the listed
 * materials are taken, and the case returns to SUBMITTED once all of them
 * are in; after an acceptance with pending materials only those are taken,
 * and the pending commitment is fulfilled once all of them are in. Both
 * completions announce case.supplemented.
 */
export function addMaterials(c: Case, input: AddMaterialsInput): Transition {
  requireStatus(c, ['DRAFT', 'SUBMITTED', 'SUPPLEMENT_REQUESTED', 'ACCEPTED'], 'adding materials');
  const codes = [...input.materials.map((m) => m.code), ...input.commitments.map((m) => m.materialCode)];
  if (!codes.length) throw invalid('MATERIALS_REQUIRED', 'give at least one material', [{ field: 'materials', message: 'required' }]);
  const problems = materialProblems(input.item, input.materials, input.commitments);
  if (problems.length) throw invalid('CASE_INVALID', 'invalid materials', problems);
  const expected = expectedCodes(c);
  if (expected) {
    const unexpected = codes.filter((code) => !expected.includes(code));
    if (unexpected.length) {
      throw invalid('MATERIAL_NOT_REQUESTED', `only ${expected.join(', ')} are awaited; not ${unexpected.join(', ')}`, [
        { field: 'materials', message: `awaited: ${expected.join(', ')}` },
      ]);
    }
  }
  const replaced = new Set(codes);
  const materials = [...c.materials.filter((m) => !replaced.has(m.code)), ...input.materials];
  const commitments = [
    ...c.commitments.filter((m) => !replaced.has(m.materialCode)),
    ...signCommitments(input.commitments, c.applicantName, input.now),
  ];
  const amended: Case = { ...c, materials, commitments, missingMaterials: missingMaterials(input.item, givenCodes({ materials, commitments })) };
  return completeAwaited(amended, codes, input.now);
}

/** The codes the case waits for, or null when any material may be added. */
function expectedCodes(c: Case): readonly string[] | null {
  if (c.status === 'SUPPLEMENT_REQUESTED') return (c.supplementRequest?.deficiencies ?? []).map((d) => d.materialCode);
  if (c.status === 'ACCEPTED') {
    if (!c.pending || c.pending.suppliedAt) {
      throw invalid('NOTHING_PENDING', `case ${c.caseNumber} awaits no materials`, [{ field: 'materials', message: 'nothing is pending' }]);
    }
    return c.pending.materialCodes;
  }
  return null;
}

function completeAwaited(c: Case, codes: readonly string[], now: Date): Transition {
  const at = now.toISOString();
  if (c.status === 'SUPPLEMENT_REQUESTED' && c.supplementRequest) {
    const request = c.supplementRequest;
    const supplied = union(request.supplied, codes);
    const done = request.deficiencies.every((d) => supplied.includes(d.materialCode));
    if (!done) return { case: { ...c, supplementRequest: { ...request, supplied } }, events: [] };
    const back: Case = { ...c, status: 'SUBMITTED', supplementRequest: { ...request, supplied, supplementedAt: at } };
    return { case: back, events: [supplemented(back, 'SUPPLEMENT_REQUEST', supplied, at)] };
  }
  if (c.status === 'ACCEPTED' && c.pending) {
    const pending = c.pending;
    const supplied = union(pending.supplied, codes);
    const done = pending.materialCodes.every((code) => supplied.includes(code));
    const next: Case = { ...c, pending: { ...pending, supplied, suppliedAt: done ? at : null } };
    return { case: next, events: done ? [supplemented(next, 'PENDING', supplied, at)] : [] };
  }
  return { case: c, events: [] };
}

const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];

function supplemented(c: Case, stage: 'SUPPLEMENT_REQUEST' | 'PENDING', codes: readonly string[], at: string) {
  return {
    type: 'onewindow.intake.case.supplemented.v1' as const,
    data: { caseId: c.id, caseNumber: c.caseNumber, applicantId: c.applicantId, hall: c.hall, stage, materialCodes: [...codes], supplementedAt: at },
  };
}
