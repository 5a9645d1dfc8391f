import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { authenticateUser } from '../authenticate-user/authenticate-user.js';
import { demo, principal, rejection, testIdentity } from '../../testing/identity.js';

const registration = {
  username: 'wang-xiaoming',
  password: 'a-long-secret-pass',
  displayName: '王小明',
  kind: 'NaturalPerson',
  residentId: '11010519491231002X',
  uscc: '',
  entityName: '',
  mobile: '13912345678',
  email: '',
};

describe('registering an applicant', () => {
  it('creates the sign-in account and the profile, the number masked', async () => {
    const { useCases, users, recorded } = await testIdentity();
    const view = await useCases.registerApplicant.execute(registration);
    expect(view).toMatchObject({ username: 'wang-xiaoming', identifierType: 'residentId', identifierMasked: '110105********002X', identifier: '' });
    const account = await authenticateUser({ users }, { username: 'wang-xiaoming', password: 'a-long-secret-pass' });
    expect(account).toMatchObject({ id: view.id, kind: 'applicant' });
    expect(recorded.at(-1)).toMatchObject({ action: 'identity.applicant.register', resource: `applicant:${view.id}`, outcome: 'ALLOWED' });
  });

  it('refuses a bad identifier with IDENTIFIER_INVALID and stores nothing anywhere', async () => {
    const { useCases, users, repositories } = await testIdentity();
    const err = await rejection(useCases.registerApplicant.execute({ ...registration, residentId: '110105194912310021' }));
    expect(err).toMatchObject({ kind: 'invalid', code: 'IDENTIFIER_INVALID', details: [{ field: 'residentId', message: expect.stringContaining('CHECK_DIGIT') }] });
    expect(await users.findByUsername('wang-xiaoming')).toBeNull();
    expect(await repositories.applicants.findByUsername('wang-xiaoming')).toBeNull();
  });

  it('refuses a second account for the same number, and a taken username', async () => {
    const { useCases } = await testIdentity();
    await useCases.registerApplicant.execute(registration);
    expect(await rejection(useCases.registerApplicant.execute({ ...registration, username: 'someone-else' }))).toMatchObject({ code: 'APPLICANT_EXISTS' });
    expect(await rejection(useCases.registerApplicant.execute({ ...registration, residentId: '371300200102102444' }))).toMatchObject({
      code: 'USERNAME_TAKEN',
    });
  });

  it('keeps the number sealed at rest: neither the document nor the file holds it', async () => {
    const { useCases, file, store } = await testIdentity();
    await useCases.registerApplicant.execute(registration);
    const db = new DatabaseSync(file, { readOnly: true });
    const docs = (db.prepare('SELECT doc FROM "applicants"').all() as { doc: string }[]).map((r) => r.doc).join('\n');
    db.close();
    expect(docs).toContain('110105********002X');
    expect(docs).not.toContain('11010519491231002X');
    expect(docs).not.toContain('510116197505171410');
    await store.ping();
  });
});

describe('reading applicants', () => {
  it('shows the full number to the applicant and platform administrators, masked to staff', async () => {
    const { useCases } = await testIdentity();
    const { id } = await useCases.registerApplicant.execute(registration);
    const self = principal(id, 'wang-xiaoming', ['applicant']);
    expect((await useCases.getApplicant.execute(self, id)).identifier).toBe('11010519491231002X');
    expect((await useCases.getApplicant.execute(demo.admin, id)).identifier).toBe('11010519491231002X');
    for (const staff of [demo.clerk, demo.approver, demo.supervisor]) {
      expect(await useCases.getApplicant.execute(staff, id)).toMatchObject({ identifier: '', identifierMasked: '110105********002X' });
    }
  });

  it('refuses another applicant before looking, so "no" says nothing about who exists', async () => {
    const { useCases } = await testIdentity();
    const { id } = await useCases.registerApplicant.execute(registration);
    expect(await rejection(useCases.getApplicant.execute(demo.applicant, id))).toMatchObject({ kind: 'forbidden' });
    expect(await rejection(useCases.getApplicant.execute(demo.applicant, 'u-nobody'))).toMatchObject({ kind: 'forbidden' });
    expect(await rejection(useCases.getApplicant.execute(demo.clerk, 'u-nobody'))).toMatchObject({ kind: 'not_found' });
  });

  it('finds an applicant by the full number in any case, and refuses partial or invalid numbers', async () => {
    const { useCases } = await testIdentity();
    expect(await useCases.findApplicant.execute(demo.clerk, { type: 'residentId', value: '510116197505171410' })).toMatchObject({
      username: 'applicant-demo',
      identifierMasked: '510116********1410',
    });
    expect(await rejection(useCases.findApplicant.execute(demo.clerk, { type: 'residentId', value: '510116********1410' }))).toMatchObject({ code: 'IDENTIFIER_INVALID' });
    expect(await rejection(useCases.findApplicant.execute(demo.clerk, { type: 'passport', value: 'E123' }))).toMatchObject({ code: 'IDENTIFIER_TYPE_UNKNOWN' });
    expect(await rejection(useCases.findApplicant.execute(demo.applicant, { type: 'residentId', value: '11010519491231002X' }))).toMatchObject({ kind: 'forbidden' });
  });
});
