import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { maskIdentifier } from './mask.js';

describe('logs', () => {
  it('masks an identifier to its first six and last four characters', () => {
    expect(maskIdentifier('11010519491231002X')).toBe('110105********002X');
    expect(maskIdentifier('short')).toBe('*****');
  });

  it('never writes identity numbers or secrets in clear', () => {
    const lines: string[] = [];
    const logger = createLogger({ service: 't', level: 'info', destination: { write: (l: string) => void lines.push(l) } });
    logger.info({ applicant: { residentId: '11010519491231002X' }, password: 'onewindow-demo', authorization: 'Bearer x' }, 'submitted');
    expect(lines[0]).not.toContain('11010519491231002X');
    expect(lines[0]).not.toContain('onewindow-demo');
    expect(lines[0]).not.toContain('Bearer x');
    expect(JSON.parse(lines[0]!)).toMatchObject({ service: 't', msg: 'submitted' });
  });
});
