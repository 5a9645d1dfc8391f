import { describe, expect, it } from 'vitest';
import { applicant, recordingUpstream, serveGateway, type Call } from '../../../testing/gateway.js';
import { intakeRoutes } from './intake.js';

/** An intake upstream that records what it is asked and answers with canned replies. */
const fakeIntake = (calls: Call[]) =>
  recordingUpstream('intake', calls, {
    uploadFile: { file: { id: 'file-1', contentType: 'application/pdf' } },
    getCaseDocument: { content: Buffer.from('%PDF-1.7 receipt'), contentType: 'application/pdf', filename: 'OW-1-受理回执.pdf', title: '受理回执' },
    submitCase: { case: { id: 'case-1', status: 'SUBMITTED' } },
  });

const gateway = (calls: Call[]) => serveGateway({ routes: intakeRoutes(fakeIntake(calls), { uploadLimitBytes: 1024 }) });

const auth = { authorization: `Bearer ${applicant.token}` };

describe('intake routes in the gateway', () => {
  it('passes an upload to intake as bytes with its declared type and name', async () => {
    const calls: Call[] = [];
    const url = await gateway(calls);
    const answer = await fetch(`${url}/api/v1/files?filename=scan.pdf`, { method: 'POST', headers: { ...auth, 'content-type': 'application/pdf' }, body: Buffer.from('%PDF-1.7 x') });
    expect(answer.status).toBe(201);
    expect(await answer.json()).toEqual({ id: 'file-1', contentType: 'application/pdf' });
    expect(calls).toEqual([{ method: 'uploadFile', request: { content: Buffer.from('%PDF-1.7 x'), declaredContentType: 'application/pdf', filename: 'scan.pdf' } }]);
  });

  it('refuses a body over the upload limit with 413 FILE_TOO_LARGE, and a body of another type, before asking intake', async () => {
    const calls: Call[] = [];
    const url = await gateway(calls);
    const large = await fetch(`${url}/api/v1/files`, { method: 'POST', headers: { ...auth, 'content-type': 'application/pdf' }, body: Buffer.alloc(2048) });
    expect(large.status).toBe(413);
    expect(await large.json()).toMatchObject({ code: 'FILE_TOO_LARGE' });
    const json = await fetch(`${url}/api/v1/files`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"$gt":""}' });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ code: 'MEDIA_TYPE_UNSUPPORTED' });
    expect(calls).toEqual([]);
  });

  it('serves a case document as PDF bytes with a download name', async () => {
    const url = await gateway([]);
    const answer = await fetch(`${url}/api/v1/cases/case-1/documents/doc-1`, { headers: auth });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/pdf');
    expect(answer.headers.get('content-disposition')).toBe(`inline; filename="OW-1-____.pdf"; filename*=UTF-8''${encodeURIComponent('OW-1-受理回执.pdf')}`);
    expect(Buffer.from(await answer.arrayBuffer()).toString()).toBe('%PDF-1.7 receipt');
  });

  it('refuses operator injection and unknown fields in a submission without asking intake', async () => {
    const calls: Call[] = [];
    const url = await gateway(calls);
    for (const body of [{ itemCode: { $gt: '' } }, { itemCode: 'SCJG-DJ-001', materials: [{ code: 'M01', fileId: { $ne: null } }] }, { itemCode: 'SCJG-DJ-001', $where: '1' }]) {
      const answer = await fetch(`${url}/api/v1/cases`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(answer.status).toBe(400);
      expect(await answer.json()).toMatchObject({ code: 'REQUEST_INVALID' });
    }
    expect(calls).toEqual([]);
  });
});
