// One case through the whole intake and approval path, with its metrics.
/* global __ENV */
import { check } from 'k6';
import http from 'k6/http';
import { Counter, Trend } from 'k6/metrics';
import { BASE_URL, call, ITEM_CODE, until } from './lib.js';

export const STEPS = ['upload', 'submit', 'accept', 'list_tasks', 'complete', 'get_case', 'verify', 'messages'];
/** What the applicant must have been told once the case is closed (notifications consumed every step). */
export const NOTIFIED = [
  'onewindow.intake.case.submitted.v1',
  'onewindow.intake.case.accepted.v1',
  'onewindow.approval.case.decided.v1',
  'onewindow.certificate.licence.issued.v1',
  'onewindow.intake.case.closed.v1',
];

const stepTrend = Object.fromEntries(STEPS.map((s) => [s, new Trend(`step_${s}`, true)]));
const asyncTrend = {
  acceptToTask: new Trend('async_accept_to_task', true),
  completeToClosed: new Trend('async_complete_to_closed', true),
  closedToNotified: new Trend('async_closed_to_notified', true),
};
export const submitted = new Counter('cases_submitted');
/** Cases setup() walked through for the read traffic: the end check expects them too. */
export const seeded = new Counter('cases_seeded');
export const stuckCases = new Counter('cases_stuck');

/**
 * What a submission carries: the catalog item's required material codes, and
 * whether the API takes uploads (POST /api/v1/files in the OpenAPI document).
 * With uploads, each case uploads one small PDF and hands it in for every
 * required material; without, materials name placeholder file ids.
 */
export function submissionPlan(itemCode = ITEM_CODE) {
  const item = call('GET', `/api/v1/catalog/items/${itemCode}`, { step: 'setup' });
  if (item.status !== 200) throw new Error(`catalog item ${itemCode}: ${item.status} ${item.raw.body}`);
  const codes = (item.body.requiredMaterials || item.body.materials || []).filter((m) => m.required !== false).map((m) => m.code);
  const doc = call('GET', '/openapi.json', { step: 'setup' });
  const canUpload = doc.status === 200 && !!doc.body.paths['/api/v1/files'] && !!doc.body.paths['/api/v1/files'].post;
  const mode = __ENV.UPLOADS || (canUpload ? 'per-case' : 'none');
  return { codes, uploads: mode === 'per-case' };
}

/** A small, valid, unique PDF (unique so content-addressed storage does not dedupe it away). */
function pdf(key) {
  return `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj
% load-test material ${key}
trailer << /Root 1 0 R >>
%%EOF
`;
}

function materialsOf(plan, tokenOf, key, add) {
  if (!plan.uploads) return { ok: true, materials: plan.codes.map((code) => ({ code, fileId: `load-${code}` })) };
  const upload = http.post(`${BASE_URL}/api/v1/files?filename=${encodeURIComponent(`${key}.pdf`)}`, pdf(key), {
    headers: { authorization: `Bearer ${tokenOf('applicant')}`, 'content-type': 'application/pdf' },
    tags: { name: 'upload', step: 'upload' },
  });
  add(stepTrend.upload, upload.timings.duration);
  let fileId;
  try {
    fileId = upload.json().id;
  } catch {
    fileId = undefined;
  }
  if (!check(upload, { 'material uploaded (201)': (r) => r.status === 201 && !!fileId })) return { ok: false };
  return { ok: true, materials: plan.codes.map((code) => ({ code, fileId })) };
}

/**
 * Walks one case; returns { ok, caseId, licenceId, stuck }. `record` false
 * (setup's seeding) keeps the step trends to the measured scenarios.
 */
export function walkOneCase({ plan, tokenOf, key, record = true }) {
  const add = (trend, value) => record && trend.add(value);
  const result = { ok: false, stuck: false, caseId: undefined, licenceId: undefined };

  const handedIn = materialsOf(plan, tokenOf, key, add);
  if (!handedIn.ok) return result;
  const materials = handedIn.materials;
  const submit = call('POST', '/api/v1/cases', {
    token: tokenOf('applicant'),
    headers: { 'idempotency-key': key },
    body: { itemCode: ITEM_CODE, materials },
    step: 'submit',
  });
  add(stepTrend.submit, submit.duration);
  if (!check(submit, { 'submitted (201)': (r) => r.status === 201 && !!r.body && !!r.body.id })) return result;
  (record ? submitted : seeded).add(1);
  const caseId = (result.caseId = submit.body.id);

  const accept = call('POST', `/api/v1/cases/${caseId}/accept`, { token: tokenOf('clerk'), body: { opinion: '材料齐全' }, step: 'accept' });
  add(stepTrend.accept, accept.duration);
  if (!check(accept, { 'accepted (200, ACCEPTED)': (r) => r.status === 200 && !!r.body && r.body.status === 'ACCEPTED' })) return result;
  const acceptedAt = Date.now();

  const task = until(() => {
    const inbox = call('GET', `/api/v1/tasks?status=OPEN&caseId=${caseId}`, { token: tokenOf('approver'), step: 'list_tasks' });
    add(stepTrend.list_tasks, inbox.duration);
    if (inbox.status !== 200 || !inbox.body) return undefined;
    return (inbox.body.tasks || []).find((t) => t.caseId === caseId);
  });
  if (!check(task, { 'task reached the approver inbox': (t) => t !== undefined })) return { ...result, stuck: true };
  add(asyncTrend.acceptToTask, Date.now() - acceptedAt);

  const complete = call('POST', `/api/v1/tasks/${task.id}/complete`, {
    token: tokenOf('approver'),
    headers: { 'idempotency-key': `${key}-complete` },
    body: { outcome: 'APPROVE', opinion: '同意', legalBasis: ['《中华人民共和国市场主体登记管理条例》第十九条'] },
    step: 'complete',
  });
  add(stepTrend.complete, complete.duration);
  if (!check(complete, { 'task completed (200)': (r) => r.status === 200 })) return result;
  const completedAt = Date.now();

  const closed = until(() => {
    const c = call('GET', `/api/v1/cases/${caseId}`, { token: tokenOf('applicant'), step: 'get_case' });
    add(stepTrend.get_case, c.duration);
    return c.status === 200 && c.body && c.body.status === 'CLOSED' ? c.body : undefined;
  });
  if (!check(closed, { 'case CLOSED with a licence': (c) => c !== undefined && !!c.licenceId })) return { ...result, stuck: true };
  const closedAt = Date.now();
  add(asyncTrend.completeToClosed, closedAt - completedAt);
  result.licenceId = closed.licenceId;

  const verify = call('GET', `/api/v1/licences/${encodeURIComponent(closed.licenceId)}/verify`, { step: 'verify' });
  add(stepTrend.verify, verify.duration);
  if (!check(verify, { 'licence verifies': (r) => r.status === 200 && !!r.body && r.body.valid === true })) return result;

  const told = until(() => {
    const m = call('GET', `/api/v1/cases/${caseId}/messages`, { token: tokenOf('applicant'), step: 'messages' });
    add(stepTrend.messages, m.duration);
    if (m.status !== 200 || !m.body) return undefined;
    const types = new Set((m.body.messages || []).map((x) => x.eventType));
    return NOTIFIED.every((t) => types.has(t)) ? true : undefined;
  });
  if (!check(told, { 'applicant told of every step': (t) => t === true })) return { ...result, stuck: true };
  add(asyncTrend.closedToNotified, Date.now() - closedAt);
  return { ...result, ok: true };
}

export function stepThresholds(p95, p99) {
  return Object.fromEntries(STEPS.map((s) => [`step_${s}`, [`p(95)<${p95}`, `p(99)<${p99}`]]));
}
