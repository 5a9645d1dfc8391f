import { ConfigError } from '@onewindow/kernel';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseServiceConfig, SERVICES } from './config.js';

describe('parseServiceConfig', () => {
  it('runs embedded with no configuration at all, on the service’s own ports', () => {
    const config = parseServiceConfig('intake', {}, {});
    expect(config).toMatchObject({
      service: 'intake',
      STORE: 'sqlite',
      BUS: 'embedded',
      GRPC_PORT: SERVICES.intake.grpc,
      OPS_PORT: SERVICES.intake.ops,
      OIDC_ISSUER: 'http://127.0.0.1:8080/realms/onewindow',
    });
  });

  it('switches to cluster adapters by configuration alone', () => {
    const config = parseServiceConfig('fees', { STORE: 'mongo', MONGO_URL: 'mongodb://db:27017', BUS: 'kafka', KAFKA_BROKERS: 'k1:9092,k2:9092' }, {});
    expect(config).toMatchObject({ STORE: 'mongo', MONGO_DB: 'onewindow_fees', KAFKA_BROKERS: ['k1:9092', 'k2:9092'] });
  });

  it('refuses a cluster store or bus without its address', () => {
    expect(() => parseServiceConfig('fees', { STORE: 'mongo', BUS: 'kafka' }, {})).toThrow(ConfigError);
    try {
      parseServiceConfig('fees', { STORE: 'mongo', BUS: 'kafka' }, {});
    } catch (err) {
      expect((err as ConfigError).problems.join('\n')).toMatch(/MONGO_URL[\s\S]*KAFKA_BROKERS/);
    }
  });

  it('validates the service’s own variables with the common ones', () => {
    const parse = () => parseServiceConfig('certificate', { STORE: 'nosql' }, { ISSUER_NAME: z.string().min(2) });
    expect(parse).toThrow(/STORE[\s\S]*ISSUER_NAME|ISSUER_NAME[\s\S]*STORE/);
  });
});
