import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { Lifecycle } from './lifecycle.js';

describe('Lifecycle', () => {
  it('stops components in reverse order, once, even when one fails', async () => {
    const order: string[] = [];
    const lifecycle = new Lifecycle(createLogger({ service: 't', level: 'silent' }));
    lifecycle.onStop('store', () => void order.push('store'));
    lifecycle.onStop('consumer', () => {
      order.push('consumer');
      throw new Error('boom');
    });
    lifecycle.onStop('server', async () => void order.push('server'));
    await Promise.all([lifecycle.stop(), lifecycle.stop()]);
    expect(order).toEqual(['server', 'consumer', 'store']);
  });
});
