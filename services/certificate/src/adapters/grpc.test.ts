import type { Principal } from '@onewindow/auth';
import { certificateV1 } from '@onewindow/contracts';
import { createLogger, unauthenticated } from '@onewindow/kernel';
import { createRpcClient, startRpcServer } from '@onewindow/rpc';
import { afterEach, describe, expect, it } from 'vitest';
import { CheckLicenceForReuse } from '../app/check-licence-for-reuse.js';
import { GetLicence } from '../app/get-licence.js';
import { VerifyLicence } from '../app/verify-licence.js';
import { certificateFixture, decidedFixture, holder, otherApplicant } from '../testing/fixtures.js';
import { certificateGrpc } from './grpc.js';
import { sm2SealCrypto } from './sm2-seal-crypto.js';

const principals: Principal[] = [holder(), otherApplicant()];
const principalFor = (token: string): Principal => {
  const found = principals.find((p) => p.token === token);
  if (!found) throw unauthenticated('TOKEN_INVALID', 'unknown token');
  return found;
};

const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function serveCertificate() {
  const { licences, seal, issueLicence } = await certificateFixture();
  const issued = await issueLicence.execute(decidedFixture());
  if (issued.kind !== 'ISSUED') throw new Error('expected a licence');
  const server = await startRpcServer({
    host: '127.0.0.1',
    port: 0,
    logger: createLogger({ service: 'certificate-test', level: 'silent' }),
    verifier: { verify: async (token) => principalFor(token) },
    services: [
      certificateGrpc({
        getLicence: new GetLicence(licences),
        verifyLicence: new VerifyLicence(licences, seal),
        checkLicenceForReuse: new CheckLicenceForReuse(licences),
      }),
    ],
  });
  closers.push(() => server.close(100));
  const client = createRpcClient(certificateV1.CertificateServiceClient, `127.0.0.1:${server.port}`);
  closers.push(() => client.close());
  return { client, licence: issued.licence };
}

describe('CertificateService over gRPC', () => {
  it('gives the holder the licence with a signature anyone can check with the public key', async () => {
    const { client, licence } = await serveCertificate();

    const { licence: got } = await client.call('getLicence', { licenceId: licence.id }, { token: holder().token });

    expect(got).toMatchObject({ id: licence.id, holderId: holder().subject, holderName: '张三', issuer: '成都市行政审批局', status: 'VALID' });
    expect(sm2SealCrypto.verify(got?.signedContent ?? '', got?.signature ?? '', got?.publicKey ?? '')).toBe(true);
  });

  it("refuses GetLicence without a token and to another applicant", async () => {
    const { client, licence } = await serveCertificate();
    await expect(client.call('getLicence', { licenceId: licence.id })).rejects.toMatchObject({ kind: 'unauthenticated' });
    await expect(client.call('getLicence', { licenceId: licence.id }, { token: otherApplicant().token })).rejects.toMatchObject({
      kind: 'forbidden',
    });
  });

  it('verifies a licence for anyone, without a token', async () => {
    const { client, licence } = await serveCertificate();

    const answer = await client.call('verifyLicence', { licenceId: licence.id });
    const unknown = await client.call('verifyLicence', { licenceId: 'no-such-licence' });

    expect(answer).toEqual({
      valid: true,
      status: 'VALID',
      reason: 'OK',
      licenceType: 'FOOD_BUSINESS_LICENCE',
      holderName: '张三',
      issuer: '成都市行政审批局',
      issuedAt: licence.issuedAt,
    });
    expect(unknown).toMatchObject({ valid: false, reason: 'NOT_FOUND' });
  });

  it('tells intake whether a licence may replace a paper copy (免证办), for the holder only', async () => {
    const { client, licence } = await serveCertificate();
    const request = { licenceId: licence.id, holderId: holder().subject, licenceType: 'FOOD_BUSINESS_LICENCE' };

    const answer = await client.call('checkLicenceForReuse', request, { token: holder().token });

    expect(answer).toMatchObject({ usable: true, reason: '', licenceType: 'FOOD_BUSINESS_LICENCE', status: 'VALID' });
    expect(await client.call('checkLicenceForReuse', { ...request, licenceType: 'BUSINESS_LICENCE' }, { token: holder().token })).toMatchObject({
      usable: false,
      reason: 'WRONG_TYPE',
    });
    await expect(client.call('checkLicenceForReuse', request)).rejects.toMatchObject({ kind: 'unauthenticated' });
    await expect(client.call('checkLicenceForReuse', request, { token: otherApplicant().token })).rejects.toMatchObject({ kind: 'forbidden' });
  });
});
