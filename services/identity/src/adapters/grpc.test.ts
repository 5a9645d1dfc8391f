import type { Principal } from '@onewindow/auth';
import { identityV1 } from '@onewindow/contracts';
import { parseEnvelope, type EventEnvelope } from '@onewindow/events';
import { createLogger, DomainError, unauthenticated } from '@onewindow/kernel';
import { createRpcClient, startRpcServer, type RpcClient } from '@onewindow/rpc';
import { auditRefusals, openAuditTrail } from '@onewindow/runtime';
import { describe, expect, it, onTestFinished } from 'vitest';
import { demo, principal, testIdentity } from '../testing/identity.js';

const logger = createLogger({ service: 'identity-test', level: 'silent' });
const service = principal('sa-services', 'service-account-onewindow-services', ['service'], { clientId: 'onewindow-services' });
const known: Principal[] = [...Object.values(demo), service];

type IdentityClient = RpcClient<typeof identityV1.IdentityServiceService>;

async function served(options: { accounts?: boolean } = {}) {
  const t = await testIdentity(options);
  const server = await startRpcServer({
    host: '127.0.0.1',
    port: 0,
    logger,
    verifier: {
      verify: async (token) => {
        const found = known.find((p) => p.token === token);
        if (!found) throw unauthenticated('TOKEN_INVALID', 'unknown token');
        return found;
      },
    },
    services: [t.rpc],
    audit: auditRefusals('identity', openAuditTrail('identity', t.store)),
  });
  const client: IdentityClient = createRpcClient(identityV1.IdentityServiceClient, `127.0.0.1:${server.port}`, { logger });
  onTestFinished(async () => {
    client.close();
    await server.close(0);
  });
  return { ...t, client };
}

async function rejection(call: Promise<unknown>): Promise<DomainError> {
  const err: unknown = await call.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(err)}`);
  return err;
}

describe('identity gRPC', () => {
  it('answers GetMe with permissions and windows, and ValidateIdentifier without a token', async () => {
    const { client } = await served();
    const me = await client.call('getMe', {}, { token: demo.clerk.token });
    expect(me).toMatchObject({ username: 'clerk-demo', hall: 'hall-510100-01', windows: ['hall-510100-01-w01', 'hall-510100-01-w02'] });
    expect(me.permissions).toEqual(expect.arrayContaining(['case.accept', 'org.read', 'applicant.read']));
    expect(await client.call('validateIdentifier', { type: 'residentId', value: '11010519491231002X' })).toEqual({ valid: true, reason: 'OK' });
    expect(await rejection(client.call('getMe', {}))).toMatchObject({ kind: 'unauthenticated' });
  });

  it('registers applicants without a token, refusing a bad number as INVALID_ARGUMENT / IDENTIFIER_INVALID', async () => {
    const { client } = await served();
    const request = { username: 'li-hua', password: 'a-long-secret-pass', displayName: '李华', kind: 'LegalEntity', residentId: '', uscc: '91350100M000100Y44', entityName: '某某有限公司', mobile: '', email: '' };
    expect(await rejection(client.call('registerApplicant', request))).toMatchObject({ kind: 'invalid', code: 'IDENTIFIER_INVALID', details: [{ field: 'uscc' }] });
    const { applicant } = await client.call('registerApplicant', { ...request, uscc: '91350100M000100Y43' });
    expect(applicant).toMatchObject({ kind: 'LegalEntity', identifierType: 'uscc', identifierMasked: '913501********0Y43', identifier: '', entityName: '某某有限公司' });
  });

  it('lets a service ask who stands in for whom right now', async () => {
    const { client, clock } = await served();
    const from = new Date(clock.now().getTime()).toISOString();
    const until = new Date(clock.now().getTime() + 86_400_000).toISOString();
    const { delegation } = await client.call('createDelegation', { principalId: '', substituteId: demo.approverB.subject, from, until, reason: '' }, { token: demo.approver.token });
    expect(delegation).toMatchObject({ status: 'ACTIVE', substituteUsername: 'approver-b-demo', revokedAt: '' });
    const { delegations } = await client.call('listActiveDelegations', { substituteId: demo.approverB.subject, principalId: '', at: '' }, { token: service.token });
    expect(delegations.map((d) => d.id)).toEqual([delegation?.id]);
  });

  it('changes staff through optional fields: absent stays, present replaces', async () => {
    const { client } = await served({ accounts: true });
    const { staff } = await client.call('updateStaff', { staffId: demo.clerk.subject, windows: { values: ['hall-510100-01-w02'] }, roles: undefined }, { token: demo.admin.token });
    expect(staff).toMatchObject({ roles: ['clerk'], windows: ['hall-510100-01-w02'], hall: 'hall-510100-01', enabled: true });
  });

  it('audits a refusal at the boundary: in the service trail, announced, then in the platform trail', async () => {
    const { client, store, useCases } = await served();
    expect(await rejection(client.call('listAuditEntries', { subject: '', afterId: '', limit: 0 }, { token: demo.clerk.token }))).toMatchObject({ kind: 'forbidden' });
    const pending = await store.outbox.pending(100);
    const audit = pending.filter((m) => m.topic === 'onewindow.audit.v1').map((m) => parseEnvelope(m.payload) as EventEnvelope<Record<string, unknown>>);
    expect(audit).toHaveLength(1);
    const entry = audit[0]!;
    expect(entry).toMatchObject({ type: 'onewindow.audit.entry.recorded.v1', source: 'onewindow/identity', subject: demo.clerk.subject });
    expect(entry.data).toMatchObject({
      service: 'identity',
      outcome: 'DENIED',
      action: 'onewindow.identity.v1.IdentityService/ListAuditEntries',
      reason: 'no role of the caller grants audit.read',
      actor: { subject: demo.clerk.subject, hall: 'hall-510100-01' },
    });
    const [handler] = (await import('./consumers.js')).identityConsumers(useCases.collectAuditEntry);
    await handler!.handle(entry, { topic: 'onewindow.audit.v1', key: '', value: '', partition: 0, offset: '0', headers: {} });
    const { entries, chainValid } = await client.call('listAuditEntries', { subject: demo.clerk.subject, afterId: '', limit: 0 }, { token: demo.supervisor.token });
    expect(chainValid).toBe(true);
    expect(entries).toEqual([expect.objectContaining({ outcome: 'DENIED', sourceService: 'identity', sourceEntryId: entry.data['id'] })]);
  });

  it("lets an applicant verify their own contact and refuses another's at the boundary, auditing the refusal without the code", async () => {
    const { client, store } = await served();
    const other = principal('u-other', 'other-applicant', ['applicant']);
    known.push(other);
    onTestFinished(() => void known.splice(known.indexOf(other), 1));
    const own = { applicantId: demo.applicant.subject, kind: 'mobile' };
    expect(await client.call('requestContactVerification', own, { token: demo.applicant.token })).toMatchObject({ kind: 'mobile', destination: '13800000000', attemptsAllowed: 5 });
    const request = (await store.outbox.pending(100)).map((m) => parseEnvelope(m.payload)).find((e) => e.type === 'onewindow.identity.contact-verification.requested.v1');
    const code = (request?.data as { code: string }).code;

    const refused = await rejection(client.call('confirmContactVerification', { ...own, verificationCode: code }, { token: other.token }));
    expect(refused).toMatchObject({ kind: 'forbidden', message: 'applicant: not their own record' });
    expect(await rejection(client.call('requestContactVerification', own, { token: other.token }))).toMatchObject({ kind: 'forbidden' });
    const denied = (await store.outbox.pending(100)).filter((m) => m.topic === 'onewindow.audit.v1').map((m) => parseEnvelope(m.payload).data as Record<string, unknown>);
    expect(denied.filter((d) => d['outcome'] === 'DENIED')).toEqual([
      expect.objectContaining({ action: 'onewindow.identity.v1.IdentityService/ConfirmContactVerification', resource: `applicant:${demo.applicant.subject}` }),
      expect.objectContaining({ action: 'onewindow.identity.v1.IdentityService/RequestContactVerification', resource: `applicant:${demo.applicant.subject}` }),
    ]);
    expect(JSON.stringify(denied)).not.toMatch(new RegExp(`(?<![0-9a-f])${code}(?![0-9a-f])`));

    const { contact } = await client.call('confirmContactVerification', { applicantId: '', kind: 'mobile', verificationCode: code }, { token: demo.applicant.token });
    expect(contact).toMatchObject({ kind: 'mobile', value: '13800000000', verifiedAt: expect.stringMatching(/^2026-/) });
    const { applicant } = await client.call('getApplicant', { applicantId: demo.applicant.subject }, { token: demo.applicant.token });
    expect(applicant?.contacts).toEqual([contact]);
  });
});
