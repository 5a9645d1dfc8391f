import { describe, expect, it } from 'vitest';
import { DEMO_ISSUER, isValidUscc } from './issuer.js';

// From /work/shared/domain/check-digits.json (the platform's GB 32100 vectors).
const VALID = ['91350100M000100Y43', '93450400N80F7A7E07', '121301810XFAW631PB', '9151011630ADN7N7UT'];
const INVALID = [
  '13371300D7TTCJJKML', // check character wrong
  '131301812J4GXDT9H3', // one body character changed
  '91350100M000100Y4I', // I is not in the alphabet
  '91350100M000100Y4', // too short
  '9345040FN80F7A7E07', // letter in the division code
];

describe('isValidUscc', () => {
  it.each(VALID)('accepts %s', (code) => expect(isValidUscc(code)).toBe(true));
  it.each(INVALID)('refuses %s', (code) => expect(isValidUscc(code)).toBe(false));

  it('accepts the demo issuer code', () => {
    expect(isValidUscc(DEMO_ISSUER.uscc)).toBe(true);
  });
});
