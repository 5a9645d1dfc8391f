import { auditRecord, type Principal } from '@onewindow/auth';
import { currentTraceparent, type Clock } from '@onewindow/kernel';
import type { AuditRecorder } from '../ports.js';

/** The trace id of the active span, from its W3C traceparent. */
export function currentTraceId(): string {
  return currentTraceparent()?.split('-')[1] ?? '';
}

/**
 * Records a change identity made, after it is stored. Refusals are recorded
 * by the gRPC server itself (every PERMISSION_DENIED), so use cases only
 * record what they did.
 */
export async function recordChange(
  audit: AuditRecorder,
  clock: Clock,
  principal: Principal | null,
  action: string,
  resource: string,
  reason: string,
  onBehalfOf = '',
): Promise<void> {
  await audit.record(
    auditRecord({ clock, service: 'identity', principal, action, outcome: 'ALLOWED', reason, resource, traceId: currentTraceId(), onBehalfOf }),
  );
}

/** Records a refusal a use case decided itself (a wrong one-time code), which the gRPC server does not see as PERMISSION_DENIED. */
export async function recordRefusal(audit: AuditRecorder, clock: Clock, principal: Principal | null, action: string, resource: string, reason: string): Promise<void> {
  await audit.record(auditRecord({ clock, service: 'identity', principal, action, outcome: 'DENIED', reason, resource, traceId: currentTraceId() }));
}
