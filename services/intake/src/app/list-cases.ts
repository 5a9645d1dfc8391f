import { authorize, decide, jurisdictionOf, type Principal } from '@onewindow/auth';
import { invalid } from '@onewindow/kernel';
import { isCaseStatus, type Case } from '../domain/case.js';
import type { CaseRepository, CaseScope } from './ports.js';

export interface ListCasesQuery {
  /** 0: the default page size; larger than the maximum: the maximum. */
  readonly pageSize: number;
  readonly pageToken: string;
  readonly status: string;
}

export interface CaseListPage {
  readonly cases: readonly Case[];
  /** Empty on the last page. */
  readonly nextPageToken: string;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/**
 * The widest listing the policy grants the caller: every case (platform
 * admin, services), a supervisor's jurisdiction, the cases of the clerk's
 * hall, or the applicant's own (with those they filed as an agent).
 */
export function listingScope(principal: Principal): CaseScope {
  const jurisdiction = jurisdictionOf(principal);
  if (jurisdiction.kind === 'all' && decide(principal, 'case.list').allowed) return { kind: 'all' };
  if (jurisdiction.kind === 'subtree' && decide(principal, 'case.list', { orgUnit: jurisdiction.root }).allowed) {
    return { kind: 'division', prefix: jurisdiction.prefix };
  }
  if (principal.hall && decide(principal, 'case.list', { hall: principal.hall }).allowed) {
    return { kind: 'hall', hall: principal.hall };
  }
  authorize(principal, 'case.list', { applicantId: principal.subject });
  return { kind: 'applicant', applicantId: principal.subject };
}

// Page tokens are opaque to clients: the last id of the page, base64url.
const encodeToken = (id: string) => Buffer.from(id, 'utf8').toString('base64url');
function decodeToken(token: string): string {
  const id = Buffer.from(token, 'base64url').toString('utf8');
  if (!/^[0-9a-f-]{36}$/.test(id)) throw invalid('PAGE_TOKEN_INVALID', 'the page token is not valid', [{ field: 'pageToken', message: 'invalid' }]);
  return id;
}

export class ListCases {
  constructor(private readonly cases: CaseRepository) {}

  async execute(principal: Principal, query: ListCasesQuery): Promise<CaseListPage> {
    const scope = listingScope(principal);
    if (!Number.isInteger(query.pageSize) || query.pageSize < 0) {
      throw invalid('PAGE_SIZE_INVALID', 'page size must be ≥ 0', [{ field: 'pageSize', message: 'must be ≥ 0' }]);
    }
    const status = query.status.trim();
    if (status && !isCaseStatus(status)) {
      throw invalid('STATUS_UNKNOWN', `unknown case status ${status}`, [{ field: 'status', message: 'unknown' }]);
    }
    const size = Math.min(query.pageSize || DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    const found = await this.cases.list(scope, {
      limit: size + 1,
      ...(query.pageToken ? { afterId: decodeToken(query.pageToken) } : {}),
      ...(status && isCaseStatus(status) ? { status } : {}),
    });
    const page = found.slice(0, size);
    const last = page.at(-1);
    return { cases: page, nextPageToken: found.length > size && last ? encodeToken(last.id) : '' };
  }
}
