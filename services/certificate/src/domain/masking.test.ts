import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName } from './masking.js';

describe('masking a holder for public verification', () => {
  it.each([
    ['张三', '张*'],
    ['张小三', '张*三'],
    ['欧阳小明', '欧**明'],
    ['成都市某某餐饮有限公司', '成都*******公司'],
    ['', ''],
  ])('masks the name %s as %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('keeps four characters at each end of an id number, and only the last of a short one', () => {
    expect(maskIdNumber('510104199001011234')).toBe('5101**********1234');
    expect(maskIdNumber('91510100MA61234567')).not.toContain('MA6123');
    expect(maskIdNumber('AB1234')).toBe('*****4');
  });
});
