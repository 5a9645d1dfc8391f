import { DomainError } from '@onewindow/kernel/errors';
import { describe, expect, it } from 'vitest';
import { definePartner } from './partner.js';

const valid = { id: 'gd', name: '广东省政务服务平台', divisionCode: '440000', endpoint: 'routing.gd.example:50057' };

describe('definePartner', () => {
  it('accepts a complete registration and defaults it to active', () => {
    expect(definePartner(valid)).toEqual({ ...valid, status: 'ACTIVE' });
  });

  it('reports every bad field at once', () => {
    const attempt = () => definePartner({ ...valid, name: ' ', divisionCode: '44', endpoint: 'no-port' });
    expect(attempt).toThrow(DomainError);
    try {
      attempt();
    } catch (err) {
      expect((err as DomainError).details.map((d) => d.field)).toEqual(['name', 'divisionCode', 'endpoint']);
    }
  });
});
