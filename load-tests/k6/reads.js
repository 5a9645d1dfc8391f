// Read traffic: an applicant checking a case's status, anyone searching the
// catalog, anyone verifying a licence. Cases and licences to read are seeded
// once in setup() by walking a few cases through the whole path.
import { check } from 'k6';
import { Trend } from 'k6/metrics';
import { call, num } from './lib.js';
import { walkOneCase } from './path.js';

const readTrend = {
  case_status: new Trend('read_case_status', true),
  catalog_search: new Trend('read_catalog_search', true),
  verify_licence: new Trend('read_verify_licence', true),
};
/** Share of each read in the mix. */
const MIX = [
  ['case_status', num('READ_MIX_CASE', 0.5)],
  ['catalog_search', num('READ_MIX_CATALOG', 0.3)],
  ['verify_licence', num('READ_MIX_VERIFY', 0.2)],
];

export function readScenario(rate, warmup, duration) {
  return {
    executor: 'ramping-arrival-rate',
    exec: 'reads',
    startRate: Math.max(1, Math.floor(rate / 10)),
    timeUnit: '1s',
    preAllocatedVUs: Math.max(5, Math.ceil(rate / 5)),
    maxVUs: Math.max(20, rate * 2),
    stages: [
      { target: rate, duration: warmup },
      { target: rate, duration },
    ],
    gracefulStop: '10s',
  };
}

export function readThresholds(p95, p99) {
  return Object.fromEntries(Object.keys(readTrend).map((k) => [`read_${k}`, [`p(95)<${p95}`, `p(99)<${p99}`]]));
}

/** Walks `count` cases through the path (not measured) and collects catalog keywords. */
export function seedReads({ tokenOf, plan, runId, count = num('SEED_CASES', 5) }) {
  const caseIds = [];
  const licenceIds = [];
  for (let i = 0; i < count; i++) {
    const walked = walkOneCase({ plan, tokenOf, key: `${runId}-seed-${i}`, record: false });
    if (!walked.ok) throw new Error(`seeding the read traffic: case ${i} did not go through (${walked.caseId ?? 'not submitted'})`);
    caseIds.push(walked.caseId);
    licenceIds.push(walked.licenceId);
  }
  const catalog = call('GET', '/api/v1/catalog/items', { step: 'setup' });
  const items = (catalog.body && catalog.body.items) || [];
  const keywords = [...new Set(items.flatMap((i) => [i.name, i.nameEn, i.baseCode].filter(Boolean).map((w) => String(w).slice(0, 4))))];
  if (keywords.length === 0) keywords.push('登记');
  return { caseIds, licenceIds, keywords };
}

const pick = (list) => list[Math.floor(Math.random() * list.length)];

function kind() {
  let r = Math.random() * MIX.reduce((a, [, w]) => a + w, 0);
  for (const [name, weight] of MIX) {
    if ((r -= weight) < 0) return name;
  }
  return MIX[0][0];
}

export function readTraffic(seed, tokenOf) {
  const what = kind();
  if (what === 'case_status') {
    const r = call('GET', `/api/v1/cases/${pick(seed.caseIds)}`, { token: tokenOf('applicant'), step: 'read_case_status' });
    readTrend.case_status.add(r.duration);
    check(r, { 'case status read (200)': (x) => x.status === 200 && !!x.body && typeof x.body.status === 'string' });
  } else if (what === 'catalog_search') {
    const r = call('GET', `/api/v1/catalog/items?keyword=${encodeURIComponent(pick(seed.keywords))}`, { step: 'read_catalog_search' });
    readTrend.catalog_search.add(r.duration);
    check(r, { 'catalog searched (200)': (x) => x.status === 200 && !!x.body && Array.isArray(x.body.items) });
  } else {
    const r = call('GET', `/api/v1/licences/${encodeURIComponent(pick(seed.licenceIds))}/verify`, { step: 'read_verify_licence' });
    readTrend.verify_licence.add(r.duration);
    check(r, { 'licence verified (200, valid)': (x) => x.status === 200 && !!x.body && x.body.valid === true });
  }
}
