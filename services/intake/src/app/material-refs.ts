import type { Principal } from '@onewindow/auth';
import { invalid, isDomainError, type ErrorDetail } from '@onewindow/kernel';
import type { MaterialRef } from '../domain/case.js';
import { materialOf, type ServiceItem } from '../domain/service-item.js';
import type { FileRepository, LicenceLibrary } from './ports.js';

export interface MaterialRefDeps {
  readonly fileRegister: FileRepository;
  readonly licences: LicenceLibrary;
}

/**
 * Every reference resolves before a case takes it: a file must be an upload
 * of the caller's, a licence (免证办) must be one certificate confirms is the
 * applicant's, valid, and of the type the material accepts.
 */
export async function checkMaterialRefs(
  deps: MaterialRefDeps,
  caller: Principal,
  applicantId: string,
  item: ServiceItem,
  refs: readonly MaterialRef[],
): Promise<void> {
  const problems: ErrorDetail[] = [];
  for (const [i, ref] of refs.entries()) {
    const field = `materials.${i}`;
    if (ref.fileId) {
      const file = await deps.fileRegister.get(ref.fileId);
      if (!file || file.uploadedBy !== caller.subject) problems.push({ field: `${field}.fileId`, message: `no upload ${ref.fileId} of yours` });
    }
    const licenceType = materialOf(item, ref.code)?.replaceableByLicenceType;
    if (ref.licenceId && licenceType) {
      const reason = await licenceRefusal(deps.licences, caller, { licenceId: ref.licenceId, holderId: applicantId, licenceType });
      if (reason) problems.push({ field: `${field}.licenceId`, message: reason });
    }
  }
  if (problems.length) throw invalid('MATERIAL_REF_INVALID', 'a material reference does not resolve', problems);
}

const REASONS: Readonly<Record<string, string>> = {
  NOT_FOUND: 'no such licence',
  NOT_HOLDER: "not the applicant's licence",
  REVOKED: 'the licence is no longer valid',
  WRONG_TYPE: 'a licence of another type',
};

async function licenceRefusal(
  library: LicenceLibrary,
  caller: Principal,
  request: { licenceId: string; holderId: string; licenceType: string },
): Promise<string | null> {
  try {
    const check = await library.checkForReuse(caller, request);
    return check.usable ? null : `${REASONS[check.reason] ?? check.reason} (needs a valid ${request.licenceType})`;
  } catch (err) {
    // A licence the caller may not use for this applicant is refused like any other bad reference.
    if (isDomainError(err) && (err.kind === 'forbidden' || err.kind === 'not_found' || err.kind === 'invalid')) {
      return `the licence cannot be used for this applicant: ${err.message}`;
    }
    throw err;
  }
}
