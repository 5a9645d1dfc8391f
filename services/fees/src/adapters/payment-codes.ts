import { randomInt } from 'node:crypto';
import { paymentCodeFrom } from '../domain/payment-code.js';
import type { PaymentCodes } from '../app/ports.js';

/** 19 digits from the OS's CSPRNG plus the check digit: unguessable, so a code reveals no other bill. */
export function randomPaymentCodes(): PaymentCodes {
  return {
    next() {
      let body = String(randomInt(1, 10));
      while (body.length < 19) body += String(randomInt(0, 10));
      return paymentCodeFrom(body);
    },
  };
}
