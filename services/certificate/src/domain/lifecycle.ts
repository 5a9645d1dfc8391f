import { conflict, invalid } from '@onewindow/kernel/errors';

/**
 * A licence's life, in the state and operation codes of the ministry's
 * e-certificate interface (see the shared domain reference). The seal
 * vouches for what a licence says; the state says whether it is in force,
 * and lives beside the signed content because it changes.
 */
export const LICENCE_STATES = {
  VALID: '01', // 有效
  SUSPENDED: '02', // 暂扣
  ANNULLED: '03', // 撤销: the grant itself was unlawful
  CANCELLED: '04', // 注销: the holder gave it up, or it ended
  EXPIRED: '05', // 失效: validity ended, or a new version replaced it
  REVOKED: '07', // 吊销: taken away as a penalty
} as const;
export type LicenceStatus = keyof typeof LICENCE_STATES;
export type LicenceStateCode = (typeof LICENCE_STATES)[LicenceStatus];

export const LICENCE_STATE_NAMES: Readonly<Record<LicenceStatus, string>> = {
  VALID: '有效',
  SUSPENDED: '暂扣',
  ANNULLED: '撤销',
  CANCELLED: '注销',
  EXPIRED: '失效',
  REVOKED: '吊销',
};

export const OPERATIONS = {
  ISSUE: '01', // 新发
  RENEW: '02', // 延续
  SUSPEND: '03', // 暂扣
  EXPIRE: '04', // 过期失效
  CANCEL: '05', // 注销
  RESTORE: '06', // 暂扣发还
  OTHER: '07', // 其他: 撤销 and 吊销 have no code of their own
  CHANGE: '09', // 变更
} as const;
/** What was done: a command's operation; 撤销 and 吊销 are both REVOKE, told apart by the state they lead to. */
export type Operation = LifecycleCommand['operation'];

/** Why the state changed, at the grain a public verifier is shown. */
export const REASON_CLASSES = [
  'INSPECTION', // 暂扣 pending an inspection or a correction
  'PENALTY', // 吊销 for a violation
  'UNLAWFUL_GRANT', // 撤销: granted in error, by fraud, beyond powers
  'HOLDER_REQUEST', // 注销 asked by the holder
  'END_OF_VALIDITY',
  'SUPERSEDED', // a renewal or a change replaced it
  'RESTORED',
  'OTHER',
] as const;
export type ReasonClass = (typeof REASON_CLASSES)[number];

export interface StateChange {
  readonly operation: Operation;
  readonly operationCode: string;
  readonly from: LicenceStatus;
  readonly to: LicenceStatus;
  readonly at: string;
  readonly reasonClass: ReasonClass;
  /** The decision's own words; shown to the holder and staff, not to the public. */
  readonly reason: string;
  readonly legalBasis: readonly string[];
  /** The authority that decided (决定机关); the holder's name for a cancellation. */
  readonly authority: string;
  /** Who did it: a token `sub`, or `system` for the expiry sweep. */
  readonly by: string;
  /** The new version, for a renewal or a change. */
  readonly successorId?: string;
}

export type LifecycleCommand =
  | { readonly operation: 'SUSPEND' | 'RESTORE' | 'CANCEL'; readonly reason: string; readonly legalBasis: readonly string[] }
  | { readonly operation: 'REVOKE'; readonly kind: 'ANNUL' | 'REVOKE'; readonly reason: string; readonly legalBasis: readonly string[] }
  | { readonly operation: 'EXPIRE' }
  | { readonly operation: 'RENEW' | 'CHANGE'; readonly successorId: string };

export interface Lifecycle {
  readonly status: LicenceStatus;
  readonly stateCode: LicenceStateCode;
  readonly validUntil: string;
  readonly history: readonly StateChange[];
}

const FROM: Readonly<Record<LifecycleCommand['operation'], readonly LicenceStatus[]>> = {
  SUSPEND: ['VALID'],
  RESTORE: ['SUSPENDED'],
  REVOKE: ['VALID', 'SUSPENDED'],
  // A holder cannot give up a suspended licence to escape the suspension's outcome.
  CANCEL: ['VALID'],
  EXPIRE: ['VALID', 'SUSPENDED'],
  RENEW: ['VALID'],
  CHANGE: ['VALID'],
};

export interface Actor {
  readonly by: string;
  readonly authority: string;
}

/** The state after the command, with the change recorded; a command the state does not allow is a conflict, nothing changes. */
export function applyLifecycle<L extends Lifecycle>(licence: L, command: LifecycleCommand, actor: Actor, now: Date): L {
  if (!FROM[command.operation].includes(licence.status)) {
    throw conflict('LICENCE_STATE_CONFLICT', `a ${LICENCE_STATE_NAMES[licence.status]} licence cannot be ${command.operation.toLowerCase()}d`);
  }
  const change = changeOf(licence, command, actor, now);
  return { ...licence, status: change.to, stateCode: LICENCE_STATES[change.to], history: [...licence.history, change] };
}

function changeOf(licence: Lifecycle, command: LifecycleCommand, actor: Actor, now: Date): StateChange {
  const base = { from: licence.status, at: now.toISOString(), by: actor.by, authority: actor.authority, legalBasis: [] as string[] };
  switch (command.operation) {
    case 'EXPIRE':
      if (!isPastValidity(licence, now)) throw conflict('LICENCE_NOT_EXPIRED', 'the licence is still within its validity');
      return { ...base, operation: 'EXPIRE', operationCode: OPERATIONS.EXPIRE, to: 'EXPIRED', reasonClass: 'END_OF_VALIDITY', reason: '有效期届满' };
    case 'RENEW':
    case 'CHANGE':
      return {
        ...base,
        operation: command.operation,
        operationCode: OPERATIONS[command.operation],
        to: 'EXPIRED',
        reasonClass: 'SUPERSEDED',
        reason: command.operation === 'RENEW' ? '延续换发新版本' : '变更换发新版本',
        successorId: command.successorId,
      };
    default: {
      const reason = command.reason.trim();
      if (!reason) throw invalid('REASON_REQUIRED', 'a reason is required', [{ field: 'reason', message: 'required' }]);
      const legalBasis = command.legalBasis.map((b) => b.trim()).filter(Boolean);
      if (command.operation !== 'CANCEL' && command.operation !== 'RESTORE' && legalBasis.length === 0) {
        throw invalid('LEGAL_BASIS_REQUIRED', 'a suspension or revocation names its legal basis', [{ field: 'legalBasis', message: 'required' }]);
      }
      const common = { ...base, reason, legalBasis };
      if (command.operation === 'SUSPEND') return { ...common, operation: 'SUSPEND', operationCode: OPERATIONS.SUSPEND, to: 'SUSPENDED', reasonClass: 'INSPECTION' };
      if (command.operation === 'RESTORE') return { ...common, operation: 'RESTORE', operationCode: OPERATIONS.RESTORE, to: 'VALID', reasonClass: 'RESTORED' };
      if (command.operation === 'CANCEL') return { ...common, operation: 'CANCEL', operationCode: OPERATIONS.CANCEL, to: 'CANCELLED', reasonClass: 'HOLDER_REQUEST' };
      if (command.operation !== 'REVOKE') throw new Error('unreachable: every other operation returned above');
      return command.kind === 'ANNUL'
        ? { ...common, operation: 'REVOKE', operationCode: OPERATIONS.OTHER, to: 'ANNULLED', reasonClass: 'UNLAWFUL_GRANT' }
        : { ...common, operation: 'REVOKE', operationCode: OPERATIONS.OTHER, to: 'REVOKED', reasonClass: 'PENALTY' };
    }
  }
}

/** A licence without an end date ('') never expires. */
export function isPastValidity(licence: { readonly validUntil: string }, now: Date): boolean {
  return licence.validUntil !== '' && now.getTime() >= Date.parse(licence.validUntil);
}

/** The last change, or null for a licence as issued. */
export const lastChange = (licence: Lifecycle): StateChange | null => licence.history.at(-1) ?? null;
