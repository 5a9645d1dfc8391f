import { ConfigError } from '@onewindow/kernel';
import { describe, expect, it } from 'vitest';
import { deliveryWarnings, parseNotificationsConfig } from './config.js';

const SECRET = 'x'.repeat(32);

const problemsOf = (env: Record<string, string>) => {
  try {
    parseNotificationsConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('notifications configuration', () => {
  it('runs without a webhook, warning that SMS and email are queued but not delivered and what to set', () => {
    const config = parseNotificationsConfig({});
    expect(config.webhook).toBeNull();
    expect(deliveryWarnings(config)).toEqual([expect.stringMatching(/NOT delivered.*OUTBOUND_WEBHOOK_URL/)]);
    expect(parseNotificationsConfig({ OUTBOUND_WEBHOOK_URL: '' }).webhook).toBeNull();
  });

  it('warns louder in production, yet starts', () => {
    expect(deliveryWarnings(parseNotificationsConfig({ ONEWINDOW_ENV: 'production' }))).toEqual([expect.stringMatching(/^PRODUCTION: .*cannot verify/)]);
  });

  it('takes a webhook with its secret, the timeout 5 s unless set', () => {
    const config = parseNotificationsConfig({ OUTBOUND_WEBHOOK_URL: 'https://sms.example.gov.cn/send', OUTBOUND_WEBHOOK_SECRET: SECRET });
    expect(config.webhook).toEqual({ url: 'https://sms.example.gov.cn/send', secret: SECRET, timeoutMs: 5_000 });
    expect(deliveryWarnings(config)).toEqual([]);
  });

  it('refuses a webhook without its secret, a short secret, and a URL that is not http(s), naming each', () => {
    expect(problemsOf({ OUTBOUND_WEBHOOK_URL: 'https://sms.example.gov.cn/send' })).toEqual(['OUTBOUND_WEBHOOK_SECRET: required when OUTBOUND_WEBHOOK_URL is set']);
    expect(problemsOf({ OUTBOUND_WEBHOOK_URL: 'ftp://sms.example.gov.cn', OUTBOUND_WEBHOOK_SECRET: 'short' })).toEqual([
      expect.stringMatching(/^OUTBOUND_WEBHOOK_URL: /),
      expect.stringMatching(/^OUTBOUND_WEBHOOK_SECRET: must be at least 32/),
    ]);
  });

  it('warns in production about a plain http webhook', () => {
    const config = parseNotificationsConfig({ ONEWINDOW_ENV: 'production', OUTBOUND_WEBHOOK_URL: 'http://10.0.0.5/sms', OUTBOUND_WEBHOOK_SECRET: SECRET });
    expect(deliveryWarnings(config)).toEqual([expect.stringContaining('plain http')]);
  });
});
