// Identity end to end: every service its own process, driven through REST.
// Time-dependent rules (a stand-in expiring, a start in the past) are proven
// in the use-case tests with a ManualClock; here delegations start now.
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type RunningPlatform } from '../../scripts/platform.mjs';
import { Api, eventually } from './client.js';

type Json = Record<string, unknown>;

const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-e2e-identity-'));
let platform: RunningPlatform;
let api: Api;
const tokens: Record<string, string> = {};
const as = (user: string) => ({ token: tokens[user] });
const PASSWORD = 'a-long-initial-password-1';

/** The SMS / mail gateway: notifications posts every SMS and email here, as to a province's unified SMS platform. */
const WEBHOOK_SECRET = randomBytes(32).toString('hex');
const webhookRequests: { headers: IncomingHttpHeaders; body: string }[] = [];
let webhook: Server;

beforeAll(async () => {
  webhook = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      webhookRequests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
  const OUTBOUND_WEBHOOK_URL = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/sms`;
  platform = await startPlatform({
    dataDir,
    portOffset: 5000,
    base: { ...process.env, LOG_LEVEL: 'info', OUTBOUND_WEBHOOK_URL, OUTBOUND_WEBHOOK_SECRET: WEBHOOK_SECRET },
  });
  api = new Api(platform.gatewayUrl);
  for (const user of ['applicant-demo', 'clerk-demo', 'approver-demo', 'approver-b-demo', 'supervisor-demo', 'admin-demo']) tokens[user] = await api.token(user);
});

afterAll(async () => {
  await platform?.stop();
  webhook?.closeAllConnections();
  await new Promise((resolve) => webhook?.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('identity through the gateway', () => {
  it('publishes every identity operation in the OpenAPI document', async () => {
    const doc = await api.call<{ paths: Json }>('GET', '/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/me', '/api/v1/identifiers/validate', '/api/v1/applicants', '/api/v1/applicants/{applicantId}', '/api/v1/applicants/lookup',
        '/api/v1/org-units', '/api/v1/org-units/{code}', '/api/v1/agencies', '/api/v1/halls', '/api/v1/halls/{hallId}/windows',
        '/api/v1/halls/{hallId}/windows/{windowId}', '/api/v1/roles', '/api/v1/staff', '/api/v1/staff/{staffId}', '/api/v1/delegations',
        '/api/v1/delegations/{delegationId}/revoke', '/api/v1/partner-clients', '/api/v1/audit',
        '/api/v1/me/contacts', '/api/v1/me/contacts/{kind}/verification', '/api/v1/me/contacts/{kind}/verification/confirm',
      ]),
    );
  });

  it('says who the caller is, what they may do and where they work', async () => {
    const clerk = await api.call('GET', '/api/v1/me', as('clerk-demo'));
    expect(clerk.body).toMatchObject({ username: 'clerk-demo', roles: ['clerk'], orgUnit: '510100', hall: 'hall-510100-01', windows: ['hall-510100-01-w01', 'hall-510100-01-w02'] });
    expect(clerk.body['permissions']).toEqual(expect.arrayContaining(['case.accept', 'applicant.read']));
    expect(clerk.body['permissions']).not.toContain('staff.manage');
    const supervisor = await api.call('GET', '/api/v1/me', as('supervisor-demo'));
    expect(supervisor.body['permissions']).toEqual(expect.arrayContaining(['audit.read', 'case.read']));
    expect(supervisor.body['permissions']).not.toContain('case.accept');
    expect((await api.call('GET', '/api/v1/me')).status).toBe(401);
  });

  it('validates identifiers without a token', async () => {
    const ok = await api.call('POST', '/api/v1/identifiers/validate', { body: { type: 'residentId', value: '11010519491231002X' } });
    expect(ok.body).toEqual({ valid: true, reason: 'OK' });
    const bad = await api.call('POST', '/api/v1/identifiers/validate', { body: { type: 'uscc', value: '91350100M000100Y44' } });
    expect(bad.body).toEqual({ valid: false, reason: 'CHECK_DIGIT' });
  });
});

describe('applicants: identifiers refused when bad, sealed at rest, masked when shown', () => {
  let applicantId = '';
  const registration = { username: 'wang-xiaoming', password: 'a-long-secret-pass', displayName: '王小明', kind: 'NaturalPerson', mobile: '13912345678' };

  it('refuses a bad resident ID with a clear error and stores nothing', async () => {
    const refused = await api.call('POST', '/api/v1/applicants', { body: { ...registration, residentId: '110105194912310021' } });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'IDENTIFIER_INVALID', errors: [{ field: 'residentId', message: expect.stringContaining('CHECK_DIGIT') }] });
    await expect(api.token('wang-xiaoming', 'a-long-secret-pass')).rejects.toThrow(/401/);
  });

  it('registers the same person with a valid number, who can then sign in', async () => {
    const created = await api.call('POST', '/api/v1/applicants', { body: { ...registration, residentId: '11010519491231002X' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'NaturalPerson', identifierMasked: '110105********002X', identifier: '' });
    applicantId = created.body['id'] as string;
    tokens['wang-xiaoming'] = await api.token('wang-xiaoming', 'a-long-secret-pass');
    expect((await api.call('GET', '/api/v1/me', as('wang-xiaoming'))).body).toMatchObject({ subject: applicantId, roles: ['applicant'] });
    const again = await api.call('POST', '/api/v1/applicants', { body: { ...registration, username: 'another-name', residentId: '11010519491231002X' } });
    expect(again.body['code']).toBe('APPLICANT_EXISTS');
  });

  it('shows the full number to the applicant and a platform administrator only', async () => {
    const own = await api.call('GET', `/api/v1/applicants/${applicantId}`, as('wang-xiaoming'));
    expect(own.body['identifier']).toBe('11010519491231002X');
    expect((await api.call('GET', `/api/v1/applicants/${applicantId}`, as('admin-demo'))).body['identifier']).toBe('11010519491231002X');
    const atWindow = await api.call('POST', '/api/v1/applicants/lookup', { ...as('clerk-demo'), body: { type: 'residentId', value: '11010519491231002x' } });
    expect(atWindow.body).toMatchObject({ id: applicantId, identifierMasked: '110105********002X', identifier: '' });
    expect((await api.call('GET', `/api/v1/applicants/${applicantId}`, as('applicant-demo'))).status).toBe(403);
  });

  it('keeps no identity number in clear in the identity store', () => {
    const files = readdirSync(dataDir).filter((f) => f.startsWith('identity.db'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = readFileSync(join(dataDir, file));
      expect(bytes.includes('11010519491231002X'), file).toBe(false);
      expect(bytes.includes('510116197505171410'), file).toBe(false);
    }
  });
});

describe("verifying an applicant's mobile", () => {
  interface Sms {
    id: string;
    channel: string;
    to: string;
    text: string;
    idempotencyKey: unknown;
    /** The signature checks out against the shared secret. */
    signed: boolean;
  }

  /** The SMS the gateway received for a number: what the phone would receive. */
  function smsTo(number: string): Sms[] {
    return webhookRequests
      .map(({ headers, body }) => {
        const expected = createHmac('sha256', WEBHOOK_SECRET).update(`${String(headers['x-onewindow-timestamp'])}.${body}`).digest('hex');
        return { ...(JSON.parse(body) as Sms), idempotencyKey: headers['idempotency-key'], signed: headers['x-onewindow-signature'] === `sha256=${expected}` };
      })
      .filter((sms) => sms.channel === 'SMS' && sms.to === number);
  }

  /** How notifications recorded a message in its `outbound` queue. */
  function outboundStatus(id: string): unknown {
    const db = new DatabaseSync(join(dataDir, 'notifications.db'), { readOnly: true });
    try {
      const row = db.prepare(`SELECT json_extract(doc, '$.deliveryStatus') AS status FROM "outbound" WHERE id = ?`).get(id) as { status: string } | undefined;
      return row?.status;
    } finally {
      db.close();
    }
  }

  it('sends a code by SMS, refuses a wrong one, and verifies the contact with the right one', async () => {
    const me = (await api.call('GET', '/api/v1/me', as('applicant-demo'))).body['subject'] as string;
    expect((await api.call('GET', '/api/v1/me/contacts', as('applicant-demo'))).body).toEqual({ contacts: [{ kind: 'mobile', value: '13800000000', verifiedAt: '' }] });

    const sent = await api.call('POST', '/api/v1/me/contacts/mobile/verification', as('applicant-demo'));
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({ kind: 'mobile', destination: '13800000000', attemptsAllowed: 5 });
    const again = await api.call('POST', '/api/v1/me/contacts/mobile/verification', as('applicant-demo'));
    expect(again.status).toBe(429);
    expect(again.body).toMatchObject({ code: 'CONTACT_VERIFICATION_COOLDOWN' });
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0);

    const [sms] = await eventually(async () => (smsTo('13800000000').length ? smsTo('13800000000') : undefined), 'the SMS with the code at the gateway');
    expect(sms).toMatchObject({ idempotencyKey: sms?.id, signed: true });
    await eventually(async () => (outboundStatus(sms?.id ?? '') === 'SENT' ? true : undefined), 'the SMS marked sent');
    const body = sms?.text ?? '';
    const code = /验证码为 (\d{6})/.exec(body)?.[1] ?? '';
    expect(code).toMatch(/^\d{6}$/);
    const expiresAt = new Date(Date.parse(sent.body['expiresAt'] as string) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(body).toContain(`北京时间 ${expiresAt} 前`);

    const wrongCode = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const wrong = await api.call('POST', '/api/v1/me/contacts/mobile/verification/confirm', { ...as('applicant-demo'), body: { code: wrongCode } });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'CONTACT_VERIFICATION_CODE_WRONG', errors: [{ field: 'code', message: 'wrong code, 4 attempt(s) left' }] });
    expect((await api.call('POST', '/api/v1/me/contacts/mobile/verification/confirm', { ...as('clerk-demo'), body: { code } })).status).toBe(403);

    const right = await api.call('POST', '/api/v1/me/contacts/mobile/verification/confirm', { ...as('applicant-demo'), body: { code } });
    expect(right.status).toBe(200);
    expect(right.body).toEqual({ kind: 'mobile', value: '13800000000', verifiedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    const profile = await api.call<{ contacts: Json[] }>('GET', `/api/v1/applicants/${me}`, as('applicant-demo'));
    expect(profile.body.contacts).toEqual([right.body]);
    const reused = await api.call('POST', '/api/v1/me/contacts/mobile/verification/confirm', { ...as('applicant-demo'), body: { code } });
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ code: 'CONTACT_VERIFICATION_USED' });

    const trail = await eventually(async () => {
      const answer = await api.call<{ entries: Json[] }>('GET', `/api/v1/audit?subject=${me}`, as('admin-demo'));
      const verified = answer.body.entries?.find((e) => e['action'] === 'identity.contact.verify' && e['outcome'] === 'ALLOWED');
      return verified ? answer.body.entries : undefined;
    }, 'the verification in the platform audit trail');
    expect(trail.filter((e) => String(e['action']).startsWith('identity.contact.')).map((e) => [e['action'], e['outcome']])).toEqual([
      ['identity.contact.verification.request', 'ALLOWED'],
      ['identity.contact.verify', 'DENIED'],
      ['identity.contact.verify', 'ALLOWED'],
    ]);
    // As a number of its own: six digits can occur inside a hash or an id by chance.
    const theCode = new RegExp(`(?<![0-9a-f])${code}(?![0-9a-f])`);
    expect(JSON.stringify(trail)).not.toMatch(theCode);
    for (const log of readdirSync(join(dataDir, 'logs'))) expect(readFileSync(join(dataDir, 'logs', log), 'utf8'), log).not.toMatch(theCode);
  });
});

describe('organisation and staff', () => {
  const ids: Record<string, string> = {};

  it('lets a platform administrator grow the org tree, and checks every code against its parent', async () => {
    const refused = await api.call('POST', '/api/v1/org-units', { ...as('admin-demo'), body: { code: '510108', name: '成华区', parentCode: '510000' } });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'ORG_UNIT_INVALID', errors: [{ field: 'parentCode', message: 'the parent of 510108 is 510100' }] });
    const created = await api.call('POST', '/api/v1/org-units', { ...as('admin-demo'), body: { code: '510108', name: '成华区' } });
    expect(created.body).toEqual({ code: '510108', name: '成华区', level: 'COUNTY', parentCode: '510100' });
    expect((await api.call('POST', '/api/v1/org-units', { ...as('clerk-demo'), body: { code: '510109', name: '高新区' } })).status).toBe(403);
    const children = await api.call<{ orgUnits: Json[] }>('GET', '/api/v1/org-units?parent=510100', as('clerk-demo'));
    expect(children.body.orgUnits.map((u) => u['code'])).toEqual(expect.arrayContaining(['510104', '510107', '510108']));
  });

  it('staffs the 武侯区 hall: an administrator adds a hall administrator, who adds a clerk and nothing more', async () => {
    const hallAdmin = await api.call('POST', '/api/v1/staff', {
      ...as('admin-demo'),
      body: { username: 'hall-admin-wuhou', displayName: '周八', roles: ['hall_admin'], orgUnit: '510107', hall: 'hall-510107-01', initialPassword: PASSWORD },
    });
    expect(hallAdmin.status).toBe(201);
    tokens['hall-admin-wuhou'] = await api.token('hall-admin-wuhou', PASSWORD);
    expect((await api.call('GET', '/api/v1/me', as('hall-admin-wuhou'))).body).toMatchObject({ roles: ['hall_admin'], orgUnit: '510107', hall: 'hall-510107-01' });

    const clerk = await api.call('POST', '/api/v1/staff', {
      ...as('hall-admin-wuhou'),
      body: { username: 'clerk-wuhou', displayName: '吴九', roles: ['clerk'], orgUnit: '510107', hall: 'hall-510107-01', windows: ['hall-510107-01-w01'], initialPassword: PASSWORD },
    });
    expect(clerk.status).toBe(201);
    ids['clerk-wuhou'] = clerk.body['id'] as string;
    tokens['clerk-wuhou'] = await api.token('clerk-wuhou', PASSWORD);

    const approver = await api.call('POST', '/api/v1/staff', {
      ...as('hall-admin-wuhou'),
      body: { username: 'approver-wuhou', displayName: '郑十', roles: ['approver'], orgUnit: '510107', agency: '市场监督管理局', hall: 'hall-510107-01', initialPassword: PASSWORD },
    });
    expect(approver.status).toBe(403);
    expect(approver.body['detail']).toBe('hall_admin: may grant the clerk role only');
    const elsewhere = await api.call('POST', '/api/v1/halls/hall-510100-01/windows/hall-510100-01-w09', {
      ...as('hall-admin-wuhou'),
      body: { name: '综合窗口 9', kind: 'COMPREHENSIVE' },
    });
    expect(elsewhere.status).toBe(403);
    const own = await api.call('POST', '/api/v1/halls/hall-510107-01/windows/hall-510107-01-w02', {
      ...as('hall-admin-wuhou'),
      body: { name: '市场监管窗口', kind: 'AGENCY', agencies: ['市场监督管理局'] },
    });
    expect(own.body).toMatchObject({ id: 'hall-510107-01-w02', kind: 'AGENCY', agencies: ['市场监督管理局'], enabled: true });
  });

  it('moves a clerk to another window, and the next token carries the change', async () => {
    const updated = await api.call('POST', `/api/v1/staff/${ids['clerk-wuhou']}`, { ...as('hall-admin-wuhou'), body: { windows: ['hall-510107-01-w02'] } });
    expect(updated.body).toMatchObject({ windows: ['hall-510107-01-w02'], hall: 'hall-510107-01' });
    const fresh = await api.token('clerk-wuhou', PASSWORD);
    expect((await api.call('GET', '/api/v1/me', { token: fresh })).body['windows']).toEqual(['hall-510107-01-w02']);
    const bad = await api.call('POST', `/api/v1/staff/${ids['clerk-wuhou']}`, { ...as('admin-demo'), body: { windows: ['hall-510100-01-w01'] } });
    expect(bad.body).toMatchObject({ code: 'STAFF_INVALID', errors: [{ field: 'windows', message: 'window hall-510100-01-w01 is not in hall hall-510107-01' }] });
  });

  it('lists roles and the staff each caller oversees', async () => {
    const roles = await api.call<{ roles: Json[] }>('GET', '/api/v1/roles', as('clerk-demo'));
    expect(roles.body.roles.find((r) => r['name'] === 'supervisor')).toMatchObject({ titleZh: '电子监察人员', permissions: expect.arrayContaining(['audit.read']) });
    const hall = await api.call<{ staff: Json[] }>('GET', '/api/v1/staff', as('hall-admin-wuhou'));
    expect(hall.body.staff.map((m) => m['username']).sort()).toEqual(['clerk-wuhou', 'hall-admin-wuhou']);
    expect((await api.call('GET', '/api/v1/staff?orgUnit=510100', as('hall-admin-wuhou'))).status).toBe(403);
  });

  it('registers a partner platform whose client then gets partner tokens', async () => {
    const created = await api.call('POST', '/api/v1/partner-clients', { ...as('admin-demo'), body: { clientId: 'partner-chongqing', name: '重庆市一网通办' } });
    expect(created.status).toBe(201);
    const answer = await fetch(api.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'partner-chongqing', client_secret: created.body['clientSecret'] as string }),
    });
    const token = ((await answer.json()) as { access_token: string }).access_token;
    expect((await api.call('GET', '/api/v1/me', { token })).body).toMatchObject({ roles: ['partner'], subject: created.body['subject'] });
    expect((await api.call('POST', '/api/v1/partner-clients', { ...as('supervisor-demo'), body: { clientId: 'partner-x1', name: 'x' } })).status).toBe(403);
  });
});

describe('stand-ins (AB角)', () => {
  let delegationId = '';
  const me = async (user: string) => (await api.call('GET', '/api/v1/me', as(user))).body['subject'] as string;

  it('lets an approver name a colleague of the same agency for a period, once', async () => {
    const substituteId = await me('approver-b-demo');
    const from = new Date(Date.now() + 1000).toISOString();
    const until = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const created = await api.call('POST', '/api/v1/delegations', { ...as('approver-demo'), body: { substituteId, from, until, reason: '出差' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ principalUsername: 'approver-demo', substituteUsername: 'approver-b-demo', orgUnit: '510100', agency: '市场监督管理局', role: 'approver' });
    delegationId = created.body['id'] as string;

    const overlapping = await api.call('POST', '/api/v1/delegations', { ...as('approver-demo'), body: { substituteId, from, until } });
    expect(overlapping.body).toMatchObject({ code: 'DELEGATION_INVALID', errors: [{ field: 'from' }] });
    const self = await api.call('POST', '/api/v1/delegations', { ...as('approver-b-demo'), body: { substituteId, from, until } });
    expect(self.body['errors']).toEqual(expect.arrayContaining([{ field: 'substituteId', message: 'an approver cannot stand in for themselves' }]));
  });

  it('answers who stands in for whom, to the substitute, and refuses other org units', async () => {
    const substituteId = await me('approver-b-demo');
    const at = new Date(Date.now() + 60_000).toISOString();
    const active = await eventually(async () => {
      const answer = await api.call<{ delegations: Json[] }>('GET', `/api/v1/delegations?substituteId=${substituteId}&active=true&at=${encodeURIComponent(at)}`, as('approver-b-demo'));
      return answer.body.delegations?.length ? answer.body.delegations : undefined;
    }, 'the delegation to be in force');
    expect(active.map((d) => d['id'])).toEqual([delegationId]);
    expect((await api.call('GET', `/api/v1/delegations?substituteId=${substituteId}`, as('clerk-wuhou'))).status).toBe(403);
  });

  it('revokes it, after which it is no longer in force', async () => {
    const revoked = await api.call('POST', `/api/v1/delegations/${delegationId}/revoke`, as('approver-demo'));
    expect(revoked.body).toMatchObject({ status: 'REVOKED' });
    const principalId = await me('approver-demo');
    const active = await api.call<{ delegations: Json[] }>('GET', `/api/v1/delegations?principalId=${principalId}&active=true`, as('approver-demo'));
    expect(active.body.delegations).toEqual([]);
  });
});

describe('a request from another org unit is refused and audited', () => {
  let caseId = '';

  it('refuses a 武侯区 clerk the case of the 成都市 hall at intake’s gRPC boundary', async () => {
    const submitted = await api.call('POST', '/api/v1/cases', { ...as('applicant-demo'), body: { itemCode: 'SCJG-DJ-001' } });
    expect(submitted.status).toBe(201);
    caseId = submitted.body['id'] as string;
    expect(submitted.body['hall']).toBe('hall-510100-01');
    const refused = await api.call('POST', `/api/v1/cases/${caseId}/accept`, { ...as('clerk-wuhou'), body: {} });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN', detail: 'clerk: case is not at their hall' });
  });

  it('shows the refusal in the platform trail to the supervisor of the jurisdiction, with the chain intact', async () => {
    const clerkId = (await api.call('GET', '/api/v1/me', as('clerk-wuhou'))).body['subject'] as string;
    const entry = await eventually(async () => {
      const trail = await api.call<{ entries: Json[]; chainValid: boolean }>('GET', `/api/v1/audit?subject=${clerkId}`, as('supervisor-demo'));
      return trail.body.entries?.find((e) => e['service'] === 'intake' && e['outcome'] === 'DENIED');
    }, 'the refusal in the audit trail');
    expect(entry).toMatchObject({
      action: 'onewindow.intake.v1.IntakeService/AcceptCase',
      resource: `case:${caseId}`,
      reason: 'clerk: case is not at their hall',
      actor: { subject: clerkId, username: 'clerk-wuhou', orgUnit: '510107', hall: 'hall-510107-01', roles: ['clerk'] },
      traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
      sourceService: 'intake',
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const trail = await api.call('GET', `/api/v1/audit?subject=${clerkId}`, as('admin-demo'));
    expect(trail.body).toMatchObject({ chainValid: true });
    expect(trail.body['chainChecked']).toBeGreaterThan(0);
  });

  it('keeps the trail from those outside the jurisdiction, and audits that refusal too', async () => {
    const supervisor = await api.call('POST', '/api/v1/staff', {
      ...as('admin-demo'),
      body: { username: 'supervisor-jinjiang', displayName: '钱一', roles: ['supervisor'], orgUnit: '510104', initialPassword: PASSWORD },
    });
    expect(supervisor.status).toBe(201);
    const token = await api.token('supervisor-jinjiang', PASSWORD);
    const clerkId = (await api.call('GET', '/api/v1/me', as('clerk-wuhou'))).body['subject'] as string;
    const seen = await api.call<{ entries: Json[] }>('GET', `/api/v1/audit?subject=${clerkId}`, { token });
    expect(seen.status).toBe(200);
    expect(seen.body.entries).toEqual([]);

    const byClerk = await api.call('GET', '/api/v1/audit', as('clerk-wuhou'));
    expect(byClerk.status).toBe(403);
    await eventually(async () => {
      const trail = await api.call<{ entries: Json[] }>('GET', `/api/v1/audit?subject=${clerkId}`, as('admin-demo'));
      return trail.body.entries?.find((e) => e['service'] === 'identity' && e['action'] === 'onewindow.identity.v1.IdentityService/ListAuditEntries');
    }, 'the identity refusal in the audit trail');
  });
});
