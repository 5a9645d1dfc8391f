import { DomainError } from '@onewindow/kernel';
import { describe, expect, it } from 'vitest';
import { applicant, recordingUpstream, serveGateway, type Call } from '../../../testing/gateway.js';
import { identityRoutes } from './identity.js';

const contact = { kind: 'mobile', value: '13800000000', verifiedAt: '2026-01-05T02:01:00.000Z' };

/** An identity upstream that records what it is asked and answers with canned replies, or the error set for a method. */
const fakeIdentity = (calls: Call[], errors: Record<string, DomainError> = {}) =>
  recordingUpstream(
    'identity',
    calls,
    {
      requestContactVerification: { kind: 'mobile', destination: '13800000000', expiresAt: '2026-01-05T02:10:00.000Z', resendAfter: '2026-01-05T02:01:00.000Z', attemptsAllowed: 5 },
      confirmContactVerification: { contact },
      getApplicant: { applicant: { id: 'u-applicant', contacts: [contact] } },
    },
    errors,
  );

const gateway = (calls: Call[], errors: Record<string, DomainError> = {}) => serveGateway({ routes: identityRoutes(fakeIdentity(calls, errors)) });

const post = (url: string, body?: unknown) =>
  fetch(url, { method: 'POST', headers: { authorization: `Bearer ${applicant.token}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

describe('contact verification routes in the gateway', () => {
  it("asks identity for a code to the caller's own contact and answers 202", async () => {
    const calls: Call[] = [];
    const url = await gateway(calls);
    const answer = await post(`${url}/api/v1/me/contacts/mobile/verification`);
    expect(answer.status).toBe(202);
    expect(await answer.json()).toMatchObject({ destination: '13800000000', expiresAt: '2026-01-05T02:10:00.000Z', attemptsAllowed: 5 });
    expect(calls).toEqual([{ method: 'requestContactVerification', request: { applicantId: 'u-applicant', kind: 'mobile' } }]);
  });

  it('passes the code from the body and answers the verified contact', async () => {
    const calls: Call[] = [];
    const url = await gateway(calls);
    const answer = await post(`${url}/api/v1/me/contacts/mobile/verification/confirm`, { code: '048213' });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual(contact);
    expect(calls).toEqual([{ method: 'confirmContactVerification', request: { applicantId: 'u-applicant', kind: 'mobile', verificationCode: '048213' } }]);
  });

  it('refuses an unknown kind and a code that is not six digits without asking identity', async () => {
    const calls: Call[] = [];
    const url = await gateway(calls);
    const fax = await post(`${url}/api/v1/me/contacts/fax/verification`);
    expect(fax.status).toBe(400);
    expect(await fax.json()).toMatchObject({ code: 'CONTACT_KIND_INVALID' });
    for (const body of [{ code: '12345' }, { code: { $gt: '' } }, { code: '123456', extra: 1 }, {}]) {
      const answer = await post(`${url}/api/v1/me/contacts/mobile/verification/confirm`, body);
      expect(answer.status).toBe(400);
      expect(await answer.json()).toMatchObject({ code: 'REQUEST_INVALID' });
    }
    expect(calls).toEqual([]);
  });

  it("maps identity's refusals: 429 with Retry-After during the cooldown, 400 for a wrong code, 409 once locked", async () => {
    const url = await gateway([], {
      requestContactVerification: new DomainError('rate_limited', 'CONTACT_VERIFICATION_COOLDOWN', 'wait', [{ field: 'retryAfterSeconds', message: '42' }]),
      confirmContactVerification: new DomainError('precondition', 'CONTACT_VERIFICATION_LOCKED', 'request a new code'),
    });
    const early = await post(`${url}/api/v1/me/contacts/mobile/verification`);
    expect(early.status).toBe(429);
    expect(early.headers.get('retry-after')).toBe('42');
    expect(early.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await early.json()).toMatchObject({ code: 'CONTACT_VERIFICATION_COOLDOWN' });
    const locked = await post(`${url}/api/v1/me/contacts/mobile/verification/confirm`, { code: '048213' });
    expect(locked.status).toBe(409);
    expect(await locked.json()).toMatchObject({ code: 'CONTACT_VERIFICATION_LOCKED' });
  });

  it("shows the caller's contacts with their verification, and documents the three routes", async () => {
    const calls: Call[] = [];
    const url = await gateway(calls);
    const mine = await fetch(`${url}/api/v1/me/contacts`, { headers: { authorization: `Bearer ${applicant.token}` } });
    expect(await mine.json()).toEqual({ contacts: [contact] });
    expect(calls).toEqual([{ method: 'getApplicant', request: { applicantId: 'u-applicant' } }]);
    const doc = (await (await fetch(`${url}/openapi.json`)).json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(Object.keys(doc.paths['/api/v1/me/contacts/{kind}/verification']?.['post']?.responses ?? {})).toContain('202');
    expect(doc.paths['/api/v1/me/contacts/{kind}/verification/confirm']?.['post']).toBeDefined();
    expect(doc.paths['/api/v1/me/contacts']?.['get']).toBeDefined();
  });
});
