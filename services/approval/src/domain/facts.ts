import type { ActorRef } from './actor.js';
import type { Decision, Extension, GreenChannel, InternalReview, Suspension, Task, Warning } from './case.js';
import type { EscalationAction, EscalationTrigger } from './definition.js';
import type { InstantVerdict } from './instant-approval.js';

/**
 * What happened to a case, as the domain reports it. The use cases turn
 * facts into catalogued events (in the same write), and every fact becomes
 * an entry of the case's audit trail.
 */
export type Fact =
  | { readonly type: 'CASE_OPENED'; readonly at: string; readonly definitionVersion: number; readonly instant: InstantVerdict | null }
  | { readonly type: 'TASK_CREATED'; readonly at: string; readonly task: Task }
  | { readonly type: 'TASK_CLAIMED'; readonly at: string; readonly task: Task; readonly by: ActorRef }
  | { readonly type: 'TASK_COMPLETED'; readonly at: string; readonly task: Task; readonly by: ActorRef }
  | { readonly type: 'TASK_RETURNED'; readonly at: string; readonly task: Task; readonly by: ActorRef; readonly toStep: string; readonly reason: string }
  | { readonly type: 'TASK_CANCELLED'; readonly at: string; readonly task: Task; readonly reason: string }
  | {
      readonly type: 'TASK_REASSIGNED';
      readonly at: string;
      readonly task: Task;
      readonly by: ActorRef;
      readonly fromAssignee: string | null;
      readonly fromRole: string;
      readonly reason: string;
      readonly automatic: boolean;
    }
  /** `overturns`: the refusal this decision replaces, overturned by internal review (复核). */
  | { readonly type: 'CASE_DECIDED'; readonly at: string; readonly decision: Decision; readonly overturns?: Decision }
  | { readonly type: 'CASE_SUSPENDED'; readonly at: string; readonly suspension: Suspension }
  | { readonly type: 'CASE_RESUMED'; readonly at: string; readonly suspension: Suspension }
  | { readonly type: 'CASE_EXTENDED'; readonly at: string; readonly extension: Extension }
  | {
      readonly type: 'WARNING_RAISED';
      readonly at: string;
      readonly warning: Warning;
      /** Who handles the case now: assignees, or the role's pool (`role:<role>@<orgUnit>/<agency>`). */
      readonly handlers: readonly string[];
      readonly orgUnit: string;
      readonly agency: string;
    }
  | {
      readonly type: 'CASE_ESCALATED';
      readonly at: string;
      readonly trigger: EscalationTrigger;
      readonly action: Exclude<EscalationAction, 'NONE'>;
      readonly taskIds: readonly string[];
      readonly detail: string;
    }
  | { readonly type: 'GREEN_CHANNEL_MARKED'; readonly at: string; readonly greenChannel: GreenChannel }
  | { readonly type: 'INTERNAL_REVIEW_REQUESTED'; readonly at: string; readonly review: InternalReview; readonly by: ActorRef }
  | { readonly type: 'INTERNAL_REVIEW_DECIDED'; readonly at: string; readonly review: InternalReview; readonly legalBasis: readonly string[] }
  | { readonly type: 'DEADLINES_RECOUNTED'; readonly at: string; readonly promised: string; readonly statutory: string; readonly provisional: boolean };

export type FactType = Fact['type'];

/** A change to a case: the case after it, and what happened. No facts: nothing changed. */
export interface Change<C> {
  readonly case: C;
  readonly facts: readonly Fact[];
}
