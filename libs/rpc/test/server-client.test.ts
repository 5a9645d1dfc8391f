import { credentials, status, type ServiceError } from '@grpc/grpc-js';
import { routingV1 } from '@onewindow/contracts';
import { conflict, DomainError, invalid, notFound, unavailable } from '@onewindow/kernel';
import { Registry } from 'prom-client';
import { describe, expect, it, vi } from 'vitest';
import { bindService, prometheusRpcMetrics, type CallContext } from '../src/index.js';
import {
  capturingLogger,
  CLERK_TOKEN,
  partner,
  rejectionOf,
  routingClient,
  serveRouting,
  sleep,
  type ListPartners,
} from './support.js';

const seen: CallContext[] = [];
const listing: ListPartners = async (_request, ctx) => {
  seen.push(ctx);
  return { partners: [partner('p-sh')] };
};

describe('authentication', () => {
  it('serves a public method to a caller without a token, with no principal', async () => {
    const server = await serveRouting(listing, { isPublic: true });
    const response = await routingClient(server.port).call('listPartners', {});
    expect(response.partners.map((p) => p.id)).toEqual(['p-sh']);
    expect(seen.at(-1)?.principal).toBeNull();
  });

  it('still gives a public method the principal when a valid token is sent', async () => {
    const server = await serveRouting(listing, { isPublic: true });
    await routingClient(server.port).call('listPartners', {}, { token: CLERK_TOKEN });
    expect(seen.at(-1)?.principal?.subject).toBe('u-clerk-wang');
  });

  it('refuses a protected method without a token, before the handler runs', async () => {
    let called = false;
    const server = await serveRouting(async () => {
      called = true;
      return { partners: [] };
    });
    const err = await rejectionOf(routingClient(server.port).call('listPartners', {}));
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ kind: 'unauthenticated', code: 'TOKEN_MISSING' });
    expect(called).toBe(false);
  });

  it("refuses a protected method with a token the verifier rejects, keeping the verifier's code", async () => {
    const server = await serveRouting(listing);
    const err = await rejectionOf(routingClient(server.port).call('listPartners', {}, { token: 'forged' }));
    expect(err).toMatchObject({ kind: 'unauthenticated', code: 'TOKEN_INVALID' });
  });

  it("passes the verifier's unavailable verdict through, so an identity-provider outage is not reported as a bad token", async () => {
    const server = await serveRouting(listing, {
      verifier: {
        async verify() {
          throw unavailable('IDP_UNAVAILABLE', 'keys could not be fetched');
        },
      },
    });
    const err = await rejectionOf(routingClient(server.port).call('listPartners', {}, { token: CLERK_TOKEN }));
    expect(err).toMatchObject({ kind: 'unavailable', code: 'IDP_UNAVAILABLE' });
  });

  it('treats a verifier that fails with a plain Error as an invalid token', async () => {
    const server = await serveRouting(listing, {
      verifier: {
        async verify() {
          throw new Error('JWSSignatureVerificationFailed');
        },
      },
    });
    const err = await rejectionOf(routingClient(server.port).call('listPartners', {}, { token: CLERK_TOKEN }));
    expect(err).toMatchObject({ kind: 'unauthenticated', code: 'TOKEN_INVALID' });
  });

  it('serves a protected method to a valid token and hands the handler the principal', async () => {
    const server = await serveRouting(listing);
    const response = await routingClient(server.port).call('listPartners', {}, { token: CLERK_TOKEN });
    expect(response.partners[0]?.name).toBe('上海市一网通办');
    const ctx = seen.at(-1);
    expect(ctx?.principal).toMatchObject({ subject: 'u-clerk-wang', roles: ['clerk'], token: CLERK_TOKEN });
    expect(ctx?.metadata.get('authorization')).toEqual([`Bearer ${CLERK_TOKEN}`]);
  });
});

describe('errors', () => {
  it('rebuilds a not_found DomainError with its stable code and message on the client', async () => {
    const server = await serveRouting(async () => {
      throw notFound('PARTNER_NOT_FOUND', '未找到合作省份 p-xx');
    });
    const err = await rejectionOf(routingClient(server.port).call('listPartners', {}, { token: CLERK_TOKEN }));
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ kind: 'not_found', code: 'PARTNER_NOT_FOUND', message: '未找到合作省份 p-xx' });
  });

  it('carries validation details, Chinese text included, to the client', async () => {
    const details = [{ field: 'divisionCode', message: '行政区划代码必须为6位数字' }, { message: 'one more' }];
    const server = await serveRouting(async () => {
      throw invalid('PARTNER_INVALID', 'bad partner', details);
    });
    const err = await rejectionOf(routingClient(server.port).call('listPartners', {}, { token: CLERK_TOKEN }));
    expect(err).toMatchObject({ kind: 'invalid', code: 'PARTNER_INVALID', details });
  });

  it('sends STORE_VERSION_CONFLICT as ABORTED and other conflicts as ALREADY_EXISTS on the wire', async () => {
    const wireStatus = async (error: DomainError) => {
      const server = await serveRouting(async () => {
        throw error;
      }, { isPublic: true });
      const raw = new routingV1.RoutingServiceClient(`127.0.0.1:${server.port}`, credentials.createInsecure());
      try {
        return await new Promise<ServiceError>((resolve) =>
          raw.listPartners({}, (err) => resolve(err as ServiceError)),
        );
      } finally {
        raw.close();
      }
    };
    const aborted = await wireStatus(conflict('STORE_VERSION_CONFLICT', 'stale version'));
    expect(aborted.code).toBe(status.ABORTED);
    expect(aborted.metadata.get('x-error-code')).toEqual(['STORE_VERSION_CONFLICT']);
    expect((await wireStatus(conflict('PARTNER_EXISTS', 'exists'))).code).toBe(status.ALREADY_EXISTS);
  });

  it('turns an unexpected Error into internal with a generic message, and logs the real one on the server', async () => {
    const { logger, lines } = capturingLogger();
    const server = await serveRouting(async () => {
      throw new Error('connect ECONNREFUSED mongodb://admin:s3cret@10.0.0.5');
    }, { logger });
    const err = await rejectionOf(routingClient(server.port).call('listPartners', {}, { token: CLERK_TOKEN }));
    expect(err).toMatchObject({ kind: 'internal', code: 'INTERNAL', message: 'internal error' });
    expect(JSON.stringify(err)).not.toContain('s3cret');
    const line = lines.find((l) => l['status'] === 'INTERNAL');
    expect(line).toMatchObject({ level: 50, method: 'onewindow.routing.v1.RoutingService/ListPartners' });
    expect(JSON.stringify(line)).toContain('ECONNREFUSED');
  });

  it("passes a dependency's unavailable error through as unavailable with its code", async () => {
    const server = await serveRouting(async () => {
      throw unavailable('STORE_UNAVAILABLE', 'store is down');
    }, { isPublic: true });
    const err = await rejectionOf(routingClient(server.port).call('listPartners', {}));
    expect(err).toMatchObject({ kind: 'unavailable', code: 'STORE_UNAVAILABLE' });
  });
});

describe('deadlines and transport failures', () => {
  it('maps a deadline the handler overruns to unavailable / UPSTREAM_TIMEOUT, and aborts ctx.signal', async () => {
    let signal: AbortSignal | undefined;
    const server = await serveRouting(async (_req, ctx) => {
      signal = ctx.signal;
      expect(ctx.deadline).toBeInstanceOf(Date);
      await sleep(600);
      return { partners: [] };
    }, { isPublic: true });
    const err = await rejectionOf(routingClient(server.port, 150).call('listPartners', {}));
    expect(err).toMatchObject({ kind: 'unavailable', code: 'UPSTREAM_TIMEOUT' });
    // The server aborts on its own deadline or on the client's cancel, either of which may come after the client gave up.
    await vi.waitFor(() => expect(signal?.aborted).toBe(true), { timeout: 5_000 });
  });

  it('does not run the handler when the deadline passed while the token was being verified', async () => {
    const { logger, lines } = capturingLogger();
    let called = false;
    const server = await serveRouting(
      async () => {
        called = true;
        return { partners: [] };
      },
      {
        verifier: {
          async verify() {
            await sleep(300);
            throw new Error('never reached by the assertion');
          },
        },
        isPublic: true,
        logger,
      },
    );
    const err = await rejectionOf(routingClient(server.port, 100).call('listPartners', {}, { token: 'slow' }));
    expect(err).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    // The server goes on verifying after the client gave up; its line for the call comes after the handler would have run.
    await vi.waitFor(() => expect(lines.some((l) => l['msg'] === 'rpc call')).toBe(true), { timeout: 5_000 });
    expect(called).toBe(false);
  });

  it('maps a server that is not there to unavailable / UPSTREAM_UNAVAILABLE', async () => {
    const server = await serveRouting(listing, { isPublic: true });
    await server.close(0);
    const err = await rejectionOf(routingClient(server.port).call('listPartners', {}));
    expect(err).toMatchObject({ kind: 'unavailable', code: 'UPSTREAM_UNAVAILABLE' });
  });

  it('respects an absolute deadline earlier than the default', async () => {
    const server = await serveRouting(async () => {
      await sleep(500);
      return { partners: [] };
    }, { isPublic: true });
    const client = routingClient(server.port, 5000);
    const started = Date.now();
    const err = await rejectionOf(client.call('listPartners', {}, { deadline: new Date(Date.now() + 100) }));
    expect(err).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(450);
  });
});

describe('lifecycle and observability', () => {
  /** Resolves `running` once the handler runs: only then is the call in flight; a close before it refuses the call instead. */
  const handlerStarted = () => {
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => (started = resolve));
    return { running, started };
  };

  it('lets an in-flight call finish on graceful close, and refuses calls after it', async () => {
    const handling = handlerStarted();
    const server = await serveRouting(async () => {
      handling.started();
      await sleep(300);
      return { partners: [partner('p-late')] };
    }, { isPublic: true });
    const client = routingClient(server.port);
    await client.waitForReady(2000);
    const inFlight = client.call('listPartners', {});
    await handling.running;
    const closed = server.close(5000);
    await expect(inFlight).resolves.toEqual({ partners: [partner('p-late')] });
    await closed;
    await expect(client.call('listPartners', {})).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('cuts calls still running when the grace period ends', async () => {
    const handling = handlerStarted();
    const server = await serveRouting(async () => {
      handling.started();
      await sleep(2000);
      return { partners: [] };
    }, { isPublic: true });
    const client = routingClient(server.port);
    const inFlight = rejectionOf(client.call('listPartners', {}));
    await handling.running;
    await server.close(100);
    expect(await inFlight).toMatchObject({ kind: 'unavailable' });
  });

  it('counts calls by method and status code and records their latency', async () => {
    const registry = new Registry();
    let fail = false;
    const server = await serveRouting(async () => {
      if (fail) throw notFound('PARTNER_NOT_FOUND', 'no such partner');
      return { partners: [] };
    }, { isPublic: true, metrics: prometheusRpcMetrics(registry) });
    const client = routingClient(server.port);
    await client.call('listPartners', {});
    await client.call('listPartners', {});
    fail = true;
    await rejectionOf(client.call('listPartners', {}));

    const text = await registry.metrics();
    const method = 'method="onewindow.routing.v1.RoutingService/ListPartners"';
    expect(text).toContain(`grpc_server_handled_total{${method},code="OK"} 2`);
    expect(text).toContain(`grpc_server_handled_total{${method},code="NOT_FOUND"} 1`);
    expect(text).toContain(`grpc_server_handling_seconds_count{${method}} 3`);
    expect(() => prometheusRpcMetrics(registry)).not.toThrow();
  });

  it('logs one line per call with method, status and duration', async () => {
    const { logger, lines } = capturingLogger();
    const server = await serveRouting(listing, { logger });
    const client = routingClient(server.port);
    await client.call('listPartners', {}, { token: CLERK_TOKEN });
    await rejectionOf(client.call('listPartners', {}));
    const calls = lines.filter((l) => l['msg'] === 'rpc call');
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({ status: 'OK', subject: 'u-clerk-wang', method: 'onewindow.routing.v1.RoutingService/ListPartners' });
    expect(typeof calls[0]?.['ms']).toBe('number');
    expect(calls[1]).toMatchObject({ status: 'UNAUTHENTICATED', error_code: 'TOKEN_MISSING' });
    expect(JSON.stringify(lines)).not.toContain(CLERK_TOKEN);
  });
});

describe('types read off the contract', () => {
  it('rejects unknown methods and wrong request shapes at compile time', () => {
    const compileOnly = (client: ReturnType<typeof routingClient>) => {
      // @ts-expect-error no such method on RoutingService
      void client.call('deletePartner', {});
      return client.call('listPartners', {}).then((response) => {
        // @ts-expect-error the response carries Partner messages, not strings
        const names: string[] = response.partners;
        return names;
      });
    };
    expect(typeof compileOnly).toBe('function');
  });

  it('refuses to bind a public method the service does not have', () => {
    expect(() =>
      // @ts-expect-error only listPartners exists
      bindService(routingV1.RoutingServiceService, { listPartners: listing }, { public: ['deletePartner'] }),
    ).toThrow(/unknown public methods/);
  });
});
