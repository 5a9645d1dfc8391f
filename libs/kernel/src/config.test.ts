import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, envSchemas, parseEnv } from './config.js';

const schema = z.object({
  PORT: envSchemas.port(8080),
  SECRET: z.string().min(16),
  VERBOSE: envSchemas.bool(false),
  BROKERS: envSchemas.list().optional(),
});

describe('parseEnv', () => {
  it('applies defaults and coerces types', () => {
    const config = parseEnv(schema, { SECRET: 'a-long-enough-secret', BROKERS: 'a:1, b:2,' });
    expect(config).toEqual({ PORT: 8080, SECRET: 'a-long-enough-secret', VERBOSE: false, BROKERS: ['a:1', 'b:2'] });
  });

  it('names every bad variable at once and never invents a secret', () => {
    try {
      parseEnv(schema, { PORT: '70000', VERBOSE: 'yes' });
      expect.unreachable('parseEnv accepted a bad environment');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const names = (err as ConfigError).problems.map((p) => p.split(':')[0]).sort();
      expect(names).toEqual(['PORT', 'SECRET', 'VERBOSE']);
    }
  });
});
