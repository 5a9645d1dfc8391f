// Composition root of the certificate service: the only place that reads the environment.
import { systemClock } from '@onewindow/kernel';
import { openRuntime, parseServiceConfig, serve } from '@onewindow/runtime';
import { caseDecidedConsumer } from './adapters/events/case-decided-consumer.js';
import { certificateGrpc } from './adapters/grpc.js';
import { storeLicenceRepository } from './adapters/store/licence-repository.js';
import { storeSealKeyRepository } from './adapters/seal-key-repository.js';
import { storeSerialCounter } from './adapters/store/serial-counter.js';
import { sm2SealCrypto } from './adapters/sm2-seal-crypto.js';
import { CheckLicenceForReuse } from './app/check-licence-for-reuse.js';
import { GetLicence } from './app/get-licence.js';
import { IssueLicence } from './app/issue-licence.js';
import { Seal } from './app/seal.js';
import { VerifyLicence } from './app/verify-licence.js';
import { certificateSettings } from './config.js';

const config = parseServiceConfig('certificate', process.env, certificateSettings);
const rt = await openRuntime(config);
const licences = storeLicenceRepository(rt.store);
const seal = new Seal(storeSealKeyRepository(rt.store), sm2SealCrypto, systemClock);
// Creates the seal key on first start, and fails fast if the store cannot give it.
await seal.activeKey();

const issueLicence = new IssueLicence({
  licences,
  serials: storeSerialCounter(rt.store),
  seal,
  issuer: { name: config.ISSUER_NAME, uscc: config.ISSUER_USCC },
  clock: systemClock,
});

await serve(rt, {
  rpc: [
    certificateGrpc({
      getLicence: new GetLicence(licences),
      verifyLicence: new VerifyLicence(licences, seal),
      checkLicenceForReuse: new CheckLicenceForReuse(licences),
    }),
  ],
  consumers: [caseDecidedConsumer(issueLicence)],
});
