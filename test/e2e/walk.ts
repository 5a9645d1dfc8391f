// The steps of the walking skeleton both end-to-end suites take, embedded
// (test/e2e) and on the real servers (test/cluster): same requests, same
// expectations; only how long the asynchronous hops may take differs.
import { expect } from 'vitest';
import { eventually, type Api } from './client.js';

type Json = Record<string, unknown>;
/** Access tokens by demo user. */
export type Tokens = Readonly<Record<string, string>>;

/**
 * The clerk accepts a submitted case, the approver approves the task it
 * opens, and the case closes with a licence that verifies without a token.
 * Returns the licence id.
 */
export async function walkToVerifiedLicence(api: Api, tokens: Tokens, caseId: string, timeoutMs?: number): Promise<string> {
  const accepted = await api.call('POST', `/api/v1/cases/${caseId}/accept`, { token: tokens['clerk-demo'], body: { opinion: '材料齐全' } });
  expect(accepted.status).toBe(200);
  expect(accepted.body['status']).toBe('ACCEPTED');

  const task = await eventually(
    async () => {
      const inbox = await api.call<{ tasks: Json[] }>('GET', '/api/v1/tasks', { token: tokens['approver-demo'] });
      return inbox.body.tasks?.find((t) => t['caseId'] === caseId);
    },
    'the approval task (case.accepted over the bus)',
    timeoutMs,
  );
  const done = await api.call('POST', `/api/v1/tasks/${task['id'] as string}/complete`, {
    token: tokens['approver-demo'],
    body: { outcome: 'APPROVE', opinion: '同意', legalBasis: ['《中华人民共和国市场主体登记管理条例》第十九条'] },
  });
  expect(done.status).toBe(200);

  const closed = await eventually(
    async () => {
      const c = await api.call('GET', `/api/v1/cases/${caseId}`, { token: tokens['applicant-demo'] });
      return c.body['status'] === 'CLOSED' ? c.body : undefined;
    },
    'the case to close (case.decided → licence.issued over the bus)',
    timeoutMs,
  );
  const licenceId = closed['licenceId'] as string;
  expect(licenceId).toMatch(/^1\.2\.156\.3005\.2\./);

  const licence = await api.call('GET', `/api/v1/licences/${licenceId}`, { token: tokens['applicant-demo'] });
  expect(licence.status).toBe(200);
  expect(licence.body['caseId']).toBe(caseId);
  const verified = await api.call('GET', `/api/v1/licences/${licenceId}/verify`);
  expect(verified.status).toBe(200);
  expect(verified.body['valid']).toBe(true);
  return licenceId;
}

/** The applicant was sent a message for each step of the case, up to its closing. */
export async function expectToldAtEveryStep(api: Api, tokens: Tokens, caseId: string, timeoutMs?: number): Promise<void> {
  const messages = await eventually(
    async () => {
      const m = await api.call<{ messages: Json[] }>('GET', `/api/v1/cases/${caseId}/messages`, { token: tokens['applicant-demo'] });
      const types = new Set(m.body.messages?.map((x) => x['eventType']));
      return types.has('onewindow.intake.case.closed.v1') ? types : undefined;
    },
    'a message for every step',
    timeoutMs,
  );
  for (const type of ['onewindow.intake.case.submitted.v1', 'onewindow.intake.case.accepted.v1', 'onewindow.approval.case.decided.v1', 'onewindow.certificate.licence.issued.v1'])
    expect(messages).toContain(type);
}

/** A case whose item carries a fee (ZRZY-QR-021, residential: 80 yuan) is billed once accepted, in integer fen. */
export async function expectFeeBilled(api: Api, tokens: Tokens, timeoutMs?: number): Promise<void> {
  const submitted = await api.call('POST', '/api/v1/cases', { token: tokens['applicant-demo'], body: { itemCode: 'ZRZY-QR-021', form: { propertyUse: 'residential' } } });
  expect(submitted.status).toBe(201);
  const id = submitted.body['id'] as string;
  expect((await api.call('POST', `/api/v1/cases/${id}/accept`, { token: tokens['clerk-demo'], body: {} })).status).toBe(200);
  const bill = await eventually(
    async () => {
      const b = await api.call<{ bills: Json[] }>('GET', `/api/v1/cases/${id}/bills`, { token: tokens['applicant-demo'] });
      return b.body.bills?.[0];
    },
    'the bill',
    timeoutMs,
  );
  expect(bill['amountFen']).toBe(8000);
  expect(bill['currency']).toBe('CNY');
}
