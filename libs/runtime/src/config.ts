import { ConfigError, envSchemas, parseEnv } from '@onewindow/kernel';
import { z } from 'zod';
import ports from './ports.json' with { type: 'json' };

/**
 * The platform's services and their default loopback ports in embedded mode.
 * All below 32768, outside the ephemeral ranges (Linux 32768–60999, Windows
 * and macOS 49152–65535) from which outgoing connections take their local
 * port: one of those can hold a service's port just as it starts (gRPC's
 * customary 50051 is inside both). Kept in ports.json, which the launcher
 * (scripts/platform.mjs) reads too.
 */
export const SERVICES = ports;
export type ServiceName = keyof typeof SERVICES;

const base = (service: ServiceName) => {
  const ports = SERVICES[service];
  return z.object({
    ONEWINDOW_ENV: z.enum(['development', 'production']).default('development'),
    LOG_LEVEL: envSchemas.logLevel(),
    BIND_HOST: z.string().default('127.0.0.1'),
    OPS_PORT: envSchemas.port(ports.ops),
    GRPC_PORT: envSchemas.port('grpc' in ports ? ports.grpc : 0),
    DATA_DIR: z.string().default('data'),
    STORE: z.enum(['sqlite', 'mongo']).default('sqlite'),
    MONGO_URL: z.string().optional(),
    MONGO_DB: z.string().default(`onewindow_${service}`),
    BUS: z.enum(['embedded', 'kafka']).default('embedded'),
    BUS_FILE: z.string().optional(),
    BUS_PARTITIONS: z.coerce.number().int().min(1).max(256).default(8),
    KAFKA_BROKERS: envSchemas.list().optional(),
    OIDC_ISSUER: z.url().default('http://127.0.0.1:8080/realms/onewindow'),
    OIDC_AUDIENCE: z.string().default('onewindow-api'),
    OIDC_JWKS_URI: z.url().optional(),
  });
};

/** Where a service finds the others over gRPC (host:port). */
export const peerAddress = (service: ServiceName) =>
  z.string().default(`127.0.0.1:${'grpc' in SERVICES[service] ? SERVICES[service].grpc : 0}`);

export type PlatformConfig = z.infer<ReturnType<typeof base>> & { service: ServiceName };

/**
 * Parses a service's environment: the platform's common settings plus the
 * service's own, all validated at once. Cross-field rules (a MongoDB URL when
 * the store is mongo, brokers when the bus is kafka) fail fast here too.
 */
export function parseServiceConfig<E extends z.ZodRawShape>(
  service: ServiceName,
  env: Record<string, string | undefined>,
  extra: E,
): PlatformConfig & z.infer<z.ZodObject<E>> {
  const config = parseEnv(base(service).extend(extra), env) as z.infer<ReturnType<typeof base>> & z.infer<z.ZodObject<E>>;
  const problems = [
    ...(config.STORE === 'mongo' && !config.MONGO_URL ? ['MONGO_URL: required when STORE=mongo'] : []),
    ...(config.BUS === 'kafka' && !config.KAFKA_BROKERS?.length ? ['KAFKA_BROKERS: required when BUS=kafka'] : []),
  ];
  if (problems.length) throw new ConfigError(problems);
  return { ...config, service };
}
