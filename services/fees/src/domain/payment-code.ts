import { invalid } from '@onewindow/kernel/errors';

/**
 * The payment code (缴款码) a payer quotes at the collecting bank: 20 digits,
 * opaque (it reveals nothing about the case), the last one a Luhn check
 * digit so that one mistyped digit, or most swaps of neighbours, is caught
 * before a payment is matched to the wrong bill.
 */
export const PAYMENT_CODE_LENGTH = 20;
const BODY_LENGTH = PAYMENT_CODE_LENGTH - 1;
const DIGITS = /^\d+$/;

/** Luhn (ISO/IEC 7812-1) check digit of a string of digits. */
export function luhnCheckDigit(body: string): number {
  if (!DIGITS.test(body)) throw invalid('PAYMENT_CODE_INVALID', 'a payment code is made of digits only');
  let sum = 0;
  // Doubling starts at the rightmost body digit, which sits next to the check digit.
  for (let i = 0; i < body.length; i++) {
    const digit = Number(body[body.length - 1 - i]);
    const doubled = i % 2 === 0 ? digit * 2 : digit;
    sum += doubled > 9 ? doubled - 9 : doubled;
  }
  return (10 - (sum % 10)) % 10;
}

/** Completes 19 digits (from a random source) into a payment code. */
export function paymentCodeFrom(body: string): string {
  if (body.length !== BODY_LENGTH || !DIGITS.test(body)) {
    throw invalid('PAYMENT_CODE_INVALID', `a payment code body is ${BODY_LENGTH} digits`);
  }
  return body + String(luhnCheckDigit(body));
}

export function isValidPaymentCode(code: string): boolean {
  if (code.length !== PAYMENT_CODE_LENGTH || !DIGITS.test(code)) return false;
  return luhnCheckDigit(code.slice(0, BODY_LENGTH)) === Number(code[BODY_LENGTH]);
}

/** For codes typed by a payer or a bank: spaces and dashes (as printed in groups) are allowed. */
export function parsePaymentCode(input: string): string {
  const code = input.replace(/[\s-]/g, '');
  if (!isValidPaymentCode(code)) {
    throw invalid('PAYMENT_CODE_INVALID', 'the payment code is mistyped or not a payment code', [
      { field: 'paymentCode', message: `must be ${PAYMENT_CODE_LENGTH} digits with a valid check digit` },
    ]);
  }
  return code;
}
