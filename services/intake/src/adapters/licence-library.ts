import type { certificateV1 } from '@onewindow/contracts';
import type { RpcClient } from '@onewindow/rpc';
import type { LicenceLibrary } from '../app/ports.js';

/** The holder's licence library through certificate's gRPC API, asked with the filer's own token. */
export function grpcLicenceLibrary(certificate: RpcClient<typeof certificateV1.CertificateServiceService>): LicenceLibrary {
  return {
    async checkForReuse(caller, request) {
      const answer = await certificate.call('checkLicenceForReuse', request, { token: caller.token });
      return { usable: answer.usable, reason: answer.reason, licenceType: answer.licenceType };
    },
  };
}
