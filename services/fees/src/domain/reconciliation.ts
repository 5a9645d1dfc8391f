/** A credit line of the bank's statement (camt.053 Ntry): keyed by payment code and the bank's serial (银行交易流水号). */
export interface StatementLine {
  readonly paymentCode: string;
  readonly bankSerial: string;
  readonly amountFen: number;
}

/** A payment the fees service recorded as received through the bank. */
export interface RecordedPayment {
  readonly paymentId: string;
  readonly paymentCode: string;
  readonly bankSerial: string;
  readonly amountFen: number;
}

export type MatchOutcome = 'MATCHED' | 'MISSING_HERE' | 'MISSING_AT_BANK' | 'AMOUNT_MISMATCH';

export interface MatchResult {
  readonly outcome: MatchOutcome;
  readonly paymentCode: string;
  readonly bankSerial: string;
  readonly statementFen: number | null;
  readonly recordedFen: number | null;
  readonly paymentId: string | null;
}

const key = (code: string, serial: string) => `${code}\u0000${serial}`;

/**
 * Matches one day's statement to the payments recorded for that day (对账).
 * The pair (payment code, bank serial) identifies a transfer: the same code
 * paid twice has two serials and so two lines, each matched on its own.
 * Every line and every payment ends in exactly one result.
 */
export function reconcile(lines: readonly StatementLine[], payments: readonly RecordedPayment[]): MatchResult[] {
  const byKey = new Map(payments.map((p) => [key(p.paymentCode, p.bankSerial), p]));
  const seen = new Set<string>();
  const results: MatchResult[] = [];
  for (const line of lines) {
    const k = key(line.paymentCode, line.bankSerial);
    const payment = seen.has(k) ? undefined : byKey.get(k);
    seen.add(k);
    const base = { paymentCode: line.paymentCode, bankSerial: line.bankSerial, statementFen: line.amountFen };
    if (!payment) results.push({ ...base, outcome: 'MISSING_HERE', recordedFen: null, paymentId: null });
    else {
      const outcome = payment.amountFen === line.amountFen ? 'MATCHED' : 'AMOUNT_MISMATCH';
      results.push({ ...base, outcome, recordedFen: payment.amountFen, paymentId: payment.paymentId });
    }
  }
  for (const p of payments) {
    if (seen.has(key(p.paymentCode, p.bankSerial))) continue;
    results.push({
      outcome: 'MISSING_AT_BANK',
      paymentCode: p.paymentCode,
      bankSerial: p.bankSerial,
      statementFen: null,
      recordedFen: p.amountFen,
      paymentId: p.paymentId,
    });
  }
  return results;
}
