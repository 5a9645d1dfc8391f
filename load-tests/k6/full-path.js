// Scenario 1, the full path, open model: RATE new cases per second, each
// walked from submission to a verified licence and the applicant's messages
// (see path.js). Complete cases per second = cases_completed / run time.
// READ_RATE > 0 adds the read traffic (reads.js) alongside, as in a real
// morning.
//
//   k6 run -e BASE_URL=http://127.0.0.1:17080 -e RATE=20 -e DURATION=60s load-tests/k6/full-path.js
/* global __ENV, __VU, __ITER */
import exec from 'k6/execution';
import { Counter, Rate, Trend } from 'k6/metrics';
import { loginAll, num, RUN_ID, tokenKeeper, trendStats } from './lib.js';
import { submissionPlan, stepThresholds, stuckCases, walkOneCase } from './path.js';
import { readScenario, readThresholds, readTraffic, seedReads } from './reads.js';

const RATE = num('RATE', 10);
const READ_RATE = num('READ_RATE', 0);
const DURATION = __ENV.DURATION || '60s';
const WARMUP = __ENV.WARMUP || '10s';
const P99_MS = num('P99_MS', 100);
const P95_MS = num('P95_MS', P99_MS);
const MAX_VUS = num('MAX_VUS', Math.max(50, RATE * 10));

const completed = new Counter('cases_completed');
const caseDuration = new Trend('case_duration', true);
const pathFailed = new Rate('path_failed');

export const options = {
  scenarios: {
    full_path: {
      executor: 'ramping-arrival-rate',
      exec: 'fullPath',
      startRate: Math.max(1, Math.floor(RATE / 10)),
      timeUnit: '1s',
      preAllocatedVUs: Math.min(MAX_VUS, Math.max(10, RATE * 3)),
      maxVUs: MAX_VUS,
      stages: [
        { target: RATE, duration: WARMUP },
        { target: RATE, duration: DURATION },
      ],
      // Cases in flight when the arrivals stop are walked to the end.
      gracefulStop: '60s',
    },
    ...(READ_RATE > 0 ? { reads: readScenario(READ_RATE, WARMUP, DURATION) } : {}),
  },
  thresholds: {
    http_req_failed: ['rate<=0'],
    path_failed: ['rate<=0'],
    cases_stuck: ['count<=0'],
    dropped_iterations: ['count<=0'],
    ...stepThresholds(P95_MS, P99_MS),
    ...(READ_RATE > 0 ? readThresholds(P95_MS, P99_MS) : {}),
  },
  summaryTrendStats: trendStats,
  setupTimeout: '180s',
};

export function setup() {
  const tokens = loginAll(['applicant', 'clerk', 'approver']);
  const plan = submissionPlan();
  const seed = READ_RATE > 0 ? seedReads({ tokenOf: (role) => tokens[role].token, plan, runId: RUN_ID }) : null;
  return { tokens, plan, seed };
}

let tokenOf;

export function fullPath(data) {
  tokenOf ??= tokenKeeper(data.tokens);
  const started = Date.now();
  const walked = walkOneCase({ plan: data.plan, tokenOf, key: `${RUN_ID}-${exec.scenario.name}-${__VU}-${__ITER}` });
  if (walked.stuck) stuckCases.add(1);
  pathFailed.add(!walked.ok);
  if (walked.ok) {
    completed.add(1);
    caseDuration.add(Date.now() - started);
  }
}

export function reads(data) {
  tokenOf ??= tokenKeeper(data.tokens);
  readTraffic(data.seed, tokenOf);
}
