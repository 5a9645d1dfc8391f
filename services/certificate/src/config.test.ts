import { ConfigError } from '@onewindow/kernel';
import { parseServiceConfig } from '@onewindow/runtime';
import { describe, expect, it } from 'vitest';
import { certificateSettings } from './config.js';

describe('certificate settings', () => {
  it('defaults to the demo issuer, whose code passes the GB 32100 check', () => {
    const config = parseServiceConfig('certificate', {}, certificateSettings);
    expect(config).toMatchObject({ ISSUER_USCC: '11510100MB0000000U', ISSUER_NAME: '成都市行政审批局' });
  });

  it('takes a valid code in any case and keeps it upper-case', () => {
    const config = parseServiceConfig('certificate', { ISSUER_USCC: '91350100m000100y43' }, certificateSettings);
    expect(config.ISSUER_USCC).toBe('91350100M000100Y43');
  });

  it('fails fast, naming the variable, on a code whose check character is wrong', () => {
    const attempt = () => parseServiceConfig('certificate', { ISSUER_USCC: '91350100M000100Y44', ISSUER_NAME: ' ' }, certificateSettings);
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (err) {
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toContain('ISSUER_USCC');
      expect(problems).toContain('ISSUER_NAME');
    }
  });
});
