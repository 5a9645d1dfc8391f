import { certificateV1 } from '@onewindow/contracts';
import { unauthenticated } from '@onewindow/kernel';
import { bindService, type CallContext } from '@onewindow/rpc';
import type { CheckLicenceForReuse } from '../app/check-licence-for-reuse.js';
import type { GetLicence } from '../app/get-licence.js';
import type { VerifyLicence } from '../app/verify-licence.js';
import type { Licence } from '../domain/licence.js';

export interface CertificateUseCases {
  readonly getLicence: GetLicence;
  readonly verifyLicence: VerifyLicence;
  readonly checkLicenceForReuse: CheckLicenceForReuse;
}

const caller = (ctx: CallContext) => {
  if (!ctx.principal) throw unauthenticated('TOKEN_MISSING', 'a bearer token is required');
  return ctx.principal;
};

export function certificateGrpc(useCases: CertificateUseCases) {
  return bindService(
    certificateV1.CertificateServiceService,
    {
      getLicence: async (req: certificateV1.GetLicenceRequest, ctx: CallContext) => ({
        licence: toMessage(await useCases.getLicence.execute(caller(ctx), { licenceId: req.licenceId })),
      }),
      verifyLicence: async (req: certificateV1.VerifyLicenceRequest) => ({
        ...(await useCases.verifyLicence.execute({ licenceId: req.licenceId })),
      }),
      checkLicenceForReuse: async (req: certificateV1.CheckLicenceForReuseRequest, ctx: CallContext) => ({
        ...(await useCases.checkLicenceForReuse.execute(caller(ctx), req)),
      }),
    },
    { public: ['verifyLicence'] },
  );
}

export function toMessage(licence: Licence): certificateV1.Licence {
  return {
    id: licence.id,
    licenceType: licence.licenceType,
    caseId: licence.caseId,
    caseNumber: licence.caseNumber,
    holderId: licence.holderId,
    holderName: licence.holderName,
    issuer: licence.issuerName,
    issuedAt: licence.issuedAt,
    status: licence.status,
    signedContent: licence.signedContent,
    signature: licence.signature,
    publicKey: licence.publicKey,
  };
}
