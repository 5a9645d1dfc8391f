// Scenario 2, read traffic only, open model: READ_RATE reads per second,
// mixed case status (applicant), catalog search (public) and public licence
// verification. setup() walks SEED_CASES cases through the path first.
//
//   k6 run -e BASE_URL=http://127.0.0.1:17080 -e READ_RATE=100 -e DURATION=60s load-tests/k6/read-traffic.js
/* global __ENV */
import { loginAll, num, RUN_ID, tokenKeeper, trendStats } from './lib.js';
import { submissionPlan } from './path.js';
import { readScenario, readThresholds, readTraffic, seedReads } from './reads.js';

const READ_RATE = num('READ_RATE', 50);
const P99_MS = num('P99_MS', 100);
const P95_MS = num('P95_MS', P99_MS);

export const options = {
  scenarios: { reads: readScenario(READ_RATE, __ENV.WARMUP || '10s', __ENV.DURATION || '60s') },
  thresholds: {
    http_req_failed: ['rate<=0'],
    checks: ['rate>=1'],
    dropped_iterations: ['count<=0'],
    ...readThresholds(P95_MS, P99_MS),
  },
  summaryTrendStats: trendStats,
  setupTimeout: '180s',
};

export function setup() {
  const tokens = loginAll(['applicant', 'clerk', 'approver']);
  const seed = seedReads({ tokenOf: (role) => tokens[role].token, plan: submissionPlan(), runId: RUN_ID });
  return { tokens, seed };
}

let tokenOf;

export function reads(data) {
  tokenOf ??= tokenKeeper(data.tokens);
  readTraffic(data.seed, tokenOf);
}
