// Composition root of the routing service: the only place that reads the environment.
import { openRuntime, parseServiceConfig, serve } from '@onewindow/runtime';
import { storePartnerRepository } from './adapters/partner-repository.js';
import { routingGrpc } from './adapters/grpc.js';
import { ListPartners } from './app/list-partners.js';

const config = parseServiceConfig('routing', process.env, {});
const rt = await openRuntime(config);
const partners = storePartnerRepository(rt.store);

await serve(rt, { rpc: [routingGrpc({ listPartners: new ListPartners(partners) })] });
