// Baseline driver: as many requests as the hello-world server answers, closed
// model (VUS virtual users back to back), to find the ceiling of one HTTP hop
// on this machine with k6 beside it, as in the real run.
/* global __ENV */
import http from 'k6/http';
import { check } from 'k6';

export const options = {
  scenarios: { hello: { executor: 'constant-vus', vus: Number(__ENV.VUS || 32), duration: __ENV.DURATION || '10s' } },
  summaryTrendStats: ['avg', 'med', 'p(95)', 'p(99)', 'max'],
};

export default function () {
  const r = http.get(`${__ENV.BASE_URL}/hello`);
  check(r, { 'hello (200)': (x) => x.status === 200 });
}
