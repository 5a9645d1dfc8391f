import { invalid } from '@onewindow/kernel/errors';
import { add, zero, type Money } from './money.js';

/**
 * Double-entry ledger of the fees a collecting agency bills. Issuing a bill
 * debits what the payer owes (RECEIVABLE) and credits what the agency must
 * collect for the treasury (REVENUE_TO_COLLECT); payment and remittance
 * (later issues) move those balances on. Every entry balances, so the
 * ledger balances after every posting.
 */
export const ACCOUNTS = ['RECEIVABLE', 'REVENUE_TO_COLLECT'] as const;
export type Account = (typeof ACCOUNTS)[number];
export type Side = 'DEBIT' | 'CREDIT';

export interface Posting {
  /** Postings of one journal entry share its id. */
  readonly entryId: string;
  readonly account: Account;
  readonly side: Side;
  readonly amount: Money;
  readonly postedAt: string;
  readonly memo: string;
}

/**
 * Debits minus credits, in fen. Zero means balanced. Refuses postings whose
 * amounts are not whole fen or mix currencies (through `add`).
 */
export function balance(postings: readonly Posting[]): number {
  const first = postings[0];
  if (!first) return 0;
  let debits = zero(first.amount.currency);
  let credits = zero(first.amount.currency);
  for (const p of postings) {
    if (p.side === 'DEBIT') debits = add(debits, p.amount);
    else credits = add(credits, p.amount);
  }
  return debits.fen - credits.fen;
}

/** Appends one journal entry; refuses an entry (and so a ledger) that would not balance. */
export function post(ledger: readonly Posting[], entry: readonly Posting[]): Posting[] {
  if (entry.length < 2) throw invalid('LEDGER_ENTRY_INCOMPLETE', 'a journal entry has a debit and a credit at least');
  if (new Set(entry.map((p) => p.entryId)).size !== 1) {
    throw invalid('LEDGER_ENTRY_INCOMPLETE', 'the postings of one entry share one entry id');
  }
  if (entry.some((p) => p.amount.fen === 0)) throw invalid('LEDGER_ZERO_POSTING', 'a posting moves a non-zero amount');
  if (balance(entry) !== 0) throw invalid('LEDGER_UNBALANCED', 'the journal entry does not balance');
  const next = [...ledger, ...entry];
  if (balance(next) !== 0) throw invalid('LEDGER_UNBALANCED', 'the ledger would not balance after this entry');
  return next;
}

/** The entry recorded when a bill is issued: the payer owes, the agency is to collect. */
export function billIssuedEntry(entryId: string, amount: Money, postedAt: Date, memo: string): Posting[] {
  const at = postedAt.toISOString();
  return [
    { entryId, account: 'RECEIVABLE', side: 'DEBIT', amount, postedAt: at, memo },
    { entryId, account: 'REVENUE_TO_COLLECT', side: 'CREDIT', amount, postedAt: at, memo },
  ];
}

/** Balance of one account, debit-positive. */
export function accountBalance(postings: readonly Posting[], account: Account): number {
  return balance(postings.filter((p) => p.account === account));
}

/**
 * The entry that undoes another: each posting mirrored to the other side.
 * Postings are never edited; a mistake or a cancelled bill is corrected by
 * posting its reversal, so the history stays for the auditor.
 */
export function reversalOf(ledger: readonly Posting[], entryId: string, reversalId: string, at: Date, memo: string): Posting[] {
  const original = ledger.filter((p) => p.entryId === entryId);
  if (original.length === 0) throw invalid('LEDGER_ENTRY_UNKNOWN', `no entry ${entryId} to reverse`);
  if (ledger.some((p) => p.entryId === reversalId)) throw invalid('LEDGER_ENTRY_DUPLICATE', `entry ${reversalId} is already posted`);
  const postedAt = at.toISOString();
  return original.map((p) => ({ ...p, entryId: reversalId, side: p.side === 'DEBIT' ? 'CREDIT' : 'DEBIT', postedAt, memo }));
}

export interface TrialBalanceRow {
  readonly account: Account;
  readonly debitFen: number;
  readonly creditFen: number;
}

/**
 * Debit and credit totals per account of the postings of one day, the day
 * read by the caller's `dayOf` (China time in the service), and whether they
 * balance: the ledger's daily proof that no entry was posted one-sided.
 */
export function trialBalance(
  postings: readonly Posting[],
  day: string,
  dayOf: (postedAt: string) => string,
): { readonly rows: TrialBalanceRow[]; readonly balanced: boolean } {
  const totals = new Map<Account, { debit: number; credit: number }>();
  for (const p of postings) {
    if (dayOf(p.postedAt) !== day) continue;
    const t = totals.get(p.account) ?? { debit: 0, credit: 0 };
    if (p.side === 'DEBIT') t.debit += p.amount.fen;
    else t.credit += p.amount.fen;
    totals.set(p.account, t);
  }
  const rows = ACCOUNTS.filter((a) => totals.has(a)).map((account) => {
    const t = totals.get(account)!;
    return { account, debitFen: t.debit, creditFen: t.credit };
  });
  const debits = rows.reduce((s, r) => s + r.debitFen, 0);
  const credits = rows.reduce((s, r) => s + r.creditFen, 0);
  return { rows, balanced: debits === credits };
}
