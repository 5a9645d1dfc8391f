// Types for verify.mjs (used by the end-to-end test of the load harness).
export interface RunVerification {
  ok: boolean;
  submitted: number;
  found: number;
  byStatus: Record<string, number>;
  lost: number;
  unexpected: number;
  notClosed: { id: string; status: string }[];
  closedWithoutLicence: string[];
  sharedLicenceIds: number;
  licencesInStore: number | null;
  duplicateLicences: { caseId: string; licences: number }[];
  casesWithoutLicenceInStore: string[];
  licencesForUnknownCases: string[];
  storeError?: string;
}

export function token(tokenUrl: string, username: string, password?: string): Promise<string>;
export function listAllCases(gatewayUrl: string, bearer: string): Promise<Record<string, unknown>[]>;
export function verifyRun(options: {
  gatewayUrl: string;
  tokenUrl: string;
  submitted: number;
  mode?: 'embedded' | 'cluster';
  dataDir?: string;
  mongoUrl?: string;
  waitMs?: number;
  log?: (line: string) => void;
}): Promise<RunVerification>;
