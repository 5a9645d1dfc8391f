// The end check of a load run: every case submitted reached CLOSED with
// exactly one licence; nothing lost, nothing duplicated. Black box first (the
// REST API, as the applicant who submitted every case), then the certificate
// service's own store, read only, for licences per case: the API shows one
// licence id per case and could not show a second licence for the same case.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function token(tokenUrl, username, password = 'onewindow-demo') {
  const answer = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'onewindow-console', username, password }),
  });
  const body = await answer.json().catch(() => ({}));
  if (!answer.ok || !body.access_token) throw new Error(`no token for ${username}: ${answer.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

/** Every case the caller sees, page by page. */
export async function listAllCases(gatewayUrl, bearer) {
  const cases = [];
  let pageToken = '';
  for (let page = 0; page < 100_000; page++) {
    const url = `${gatewayUrl}/api/v1/cases${pageToken ? `?pageToken=${encodeURIComponent(pageToken)}` : ''}`;
    const answer = await fetch(url, { headers: { authorization: `Bearer ${bearer}` }, signal: AbortSignal.timeout(30_000) });
    if (!answer.ok) throw new Error(`GET /api/v1/cases: ${answer.status} ${await answer.text()}`);
    const body = await answer.json();
    cases.push(...(body.cases ?? []));
    pageToken = body.nextPageToken ?? '';
    if (!pageToken) return cases;
  }
  throw new Error('GET /api/v1/cases: more than 100000 pages');
}

/** caseId → number of licences, from the certificate service's store (read only). */
async function licencesPerCase({ mode, dataDir, mongoUrl }) {
  if (mode === 'cluster') {
    const { MongoClient } = await import('mongodb');
    const client = await MongoClient.connect(mongoUrl);
    try {
      const rows = await client
        .db('onewindow_certificate')
        .collection('licences')
        .aggregate([{ $group: { _id: '$d.caseId', n: { $sum: 1 } } }])
        .toArray();
      return new Map(rows.map((r) => [String(r._id), r.n]));
    } finally {
      await client.close();
    }
  }
  const file = join(dataDir, 'certificate.db');
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  const db = new DatabaseSync(file, { readOnly: true, timeout: 5000 });
  try {
    const rows = db.prepare(`SELECT json_extract(doc, '$.caseId') AS caseId, COUNT(*) AS n FROM licences GROUP BY caseId`).all();
    return new Map(rows.map((r) => [String(r.caseId), Number(r.n)]));
  } finally {
    db.close();
  }
}

/**
 * Waits (up to `waitMs`) for the platform to settle, then checks. `submitted`
 * is what the load generator counted as accepted by the API (201s).
 */
export async function verifyRun({ gatewayUrl, tokenUrl, submitted, mode = 'embedded', dataDir, mongoUrl, waitMs = 120_000, log = () => {} }) {
  const bearer = await token(tokenUrl, 'applicant-demo');
  const deadline = Date.now() + waitMs;
  let cases;
  for (;;) {
    cases = await listAllCases(gatewayUrl, bearer);
    const open = cases.filter((c) => c.status !== 'CLOSED').length;
    if (open === 0 || Date.now() >= deadline) break;
    log(`  … ${open} of ${cases.length} cases not CLOSED yet; waiting`);
    await sleep(2000);
  }
  const byStatus = {};
  for (const c of cases) byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
  const withoutLicence = cases.filter((c) => c.status === 'CLOSED' && !c.licenceId).map((c) => c.id);
  const licenceIds = cases.map((c) => c.licenceId).filter(Boolean);
  const sharedLicenceIds = licenceIds.length - new Set(licenceIds).size;

  let perCase;
  let storeError;
  try {
    perCase = await licencesPerCase({ mode, dataDir, mongoUrl });
  } catch (err) {
    storeError = err.message;
  }
  const caseIds = new Set(cases.map((c) => c.id));
  const duplicateLicences = perCase ? [...perCase].filter(([, n]) => n > 1).map(([id, n]) => ({ caseId: id, licences: n })) : [];
  const casesWithoutLicenceInStore = perCase ? cases.filter((c) => !perCase.has(c.id)).map((c) => c.id) : [];
  const licencesForUnknownCases = perCase ? [...perCase.keys()].filter((id) => !caseIds.has(id)) : [];

  const notClosed = cases.filter((c) => c.status !== 'CLOSED').map((c) => ({ id: c.id, status: c.status }));
  // Lost: the API answered 201 for more cases than the platform knows.
  const lost = Math.max(0, submitted - cases.length);
  const unexpected = Math.max(0, cases.length - submitted);
  const ok =
    lost === 0 &&
    unexpected === 0 &&
    notClosed.length === 0 &&
    withoutLicence.length === 0 &&
    sharedLicenceIds === 0 &&
    perCase !== undefined &&
    duplicateLicences.length === 0 &&
    casesWithoutLicenceInStore.length === 0 &&
    licencesForUnknownCases.length === 0;
  return {
    ok,
    submitted,
    found: cases.length,
    byStatus,
    lost,
    unexpected,
    notClosed: notClosed.slice(0, 20),
    closedWithoutLicence: withoutLicence.slice(0, 20),
    sharedLicenceIds,
    licencesInStore: perCase ? [...perCase.values()].reduce((a, b) => a + b, 0) : null,
    duplicateLicences: duplicateLicences.slice(0, 20),
    casesWithoutLicenceInStore: casesWithoutLicenceInStore.slice(0, 20),
    licencesForUnknownCases: licencesForUnknownCases.slice(0, 20),
    ...(storeError ? { storeError } : {}),
  };
}
