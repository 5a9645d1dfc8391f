import { ConfigError } from '@onewindow/kernel';
import { parseServiceConfig } from '@onewindow/runtime';
import { z } from 'zod';
import type { WebhookConfig } from './adapters/webhook.js';

const MIN_SECRET_LENGTH = 32;

/** An empty variable (`OUTBOUND_WEBHOOK_URL=` in an env file, an empty Helm value) counts as unset. */
const unsetIfEmpty = (v: unknown) => (v === '' ? undefined : v);

/** The notifications service's own settings, on top of the platform's (see @onewindow/runtime). */
export const notificationsSettings = {
  /** The SMS / mail gateway's webhook; unset, SMS and email stay queued and are not delivered. */
  OUTBOUND_WEBHOOK_URL: z.preprocess(unsetIfEmpty, z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
  /** The HMAC key the webhook requests are signed with: shared with the gateway, never defaulted. */
  OUTBOUND_WEBHOOK_SECRET: z.preprocess(
    unsetIfEmpty,
    z.string().min(MIN_SECRET_LENGTH, `must be at least ${MIN_SECRET_LENGTH} characters`).optional(),
  ),
  OUTBOUND_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
};

/**
 * Parses the environment the composition root hands over, and names every
 * bad variable at once, a webhook URL without its secret included.
 */
export function parseNotificationsConfig(env: Record<string, string | undefined>) {
  const problems = env['OUTBOUND_WEBHOOK_URL'] && !env['OUTBOUND_WEBHOOK_SECRET'] ? ['OUTBOUND_WEBHOOK_SECRET: required when OUTBOUND_WEBHOOK_URL is set'] : [];
  let config;
  try {
    config = parseServiceConfig('notifications', env, notificationsSettings);
  } catch (err) {
    throw err instanceof ConfigError ? new ConfigError([...err.problems, ...problems]) : err;
  }
  if (problems.length) throw new ConfigError(problems);
  const webhook: WebhookConfig | null =
    config.OUTBOUND_WEBHOOK_URL && config.OUTBOUND_WEBHOOK_SECRET
      ? { url: config.OUTBOUND_WEBHOOK_URL, secret: config.OUTBOUND_WEBHOOK_SECRET, timeoutMs: config.OUTBOUND_WEBHOOK_TIMEOUT_MS }
      : null;
  return { ...config, webhook };
}

/** What an operator must hear at start about SMS and email delivery; empty when all is well. */
export function deliveryWarnings(config: { ONEWINDOW_ENV: string; webhook: WebhookConfig | null }): string[] {
  if (!config.webhook) {
    const warning =
      'SMS and email (contact-verification codes) are queued in `outbound` but NOT delivered: set OUTBOUND_WEBHOOK_URL and OUTBOUND_WEBHOOK_SECRET to hand them to the SMS / mail gateway';
    return [config.ONEWINDOW_ENV === 'production' ? `PRODUCTION: ${warning}; applicants cannot verify a contact until then` : warning];
  }
  if (config.ONEWINDOW_ENV === 'production' && config.webhook.url.startsWith('http:')) {
    return ['OUTBOUND_WEBHOOK_URL is plain http: messages carrying one-time codes cross the network unencrypted'];
  }
  return [];
}
