import { describe, expect, it } from 'vitest';
import { isValidPaymentCode, luhnCheckDigit, parsePaymentCode, paymentCodeFrom } from './payment-code.js';

const BODY = '4800123456789012345';

describe('luhnCheckDigit', () => {
  it('matches the published Luhn example (7992739871 → 3)', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3);
  });

  it('completes a known valid card number (4539 1488 0343 6467)', () => {
    expect(luhnCheckDigit('453914880343646')).toBe(7);
  });
});

describe('paymentCodeFrom', () => {
  it('appends the check digit to 19 digits, making 20', () => {
    const code = paymentCodeFrom(BODY);
    expect(code).toMatch(/^\d{20}$/);
    expect(code.startsWith(BODY)).toBe(true);
    expect(isValidPaymentCode(code)).toBe(true);
  });

  it('refuses a body of the wrong length or with non-digits', () => {
    expect(() => paymentCodeFrom('123')).toThrow(/19 digits/);
    expect(() => paymentCodeFrom('48001234567890123a5')).toThrow(/19 digits/);
  });
});

describe('isValidPaymentCode', () => {
  const code = paymentCodeFrom(BODY);

  it('catches every single mistyped digit', () => {
    for (let position = 0; position < code.length; position++) {
      for (let digit = 0; digit <= 9; digit++) {
        if (String(digit) === code[position]) continue;
        const typo = code.slice(0, position) + String(digit) + code.slice(position + 1);
        expect(isValidPaymentCode(typo), typo).toBe(false);
      }
    }
  });

  it('catches two neighbouring digits swapped (unless they are 0 and 9 or equal)', () => {
    for (let position = 0; position < code.length - 1; position++) {
      const [a, b] = [code[position]!, code[position + 1]!];
      if (a === b || (a + b === '09' || a + b === '90')) continue;
      const swapped = code.slice(0, position) + b + a + code.slice(position + 2);
      expect(isValidPaymentCode(swapped), swapped).toBe(false);
    }
  });

  it('refuses a code of the wrong length', () => {
    expect(isValidPaymentCode(code.slice(1))).toBe(false);
  });
});

describe('parsePaymentCode', () => {
  it('accepts a code typed in groups', () => {
    const code = paymentCodeFrom(BODY);
    const grouped = code.replace(/(\d{4})(?=\d)/g, '$1 ');
    expect(parsePaymentCode(grouped)).toBe(code);
  });

  it('refuses a mistyped code with a stable error code', () => {
    const code = paymentCodeFrom(BODY);
    const typo = code.slice(0, 19) + String((Number(code[19]) + 1) % 10);
    expect(() => parsePaymentCode(typo)).toThrow(expect.objectContaining({ code: 'PAYMENT_CODE_INVALID' }));
  });
});
