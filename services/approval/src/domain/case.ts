import type { ActorRef } from './actor.js';
import type { Countdown } from './countdown.js';
import type { StaffRole, WorkflowDefinition } from './definition.js';
import type { InstantVerdict } from './instant-approval.js';
import type { TimelineEntry } from './timeline.js';

/**
 * One accepted case as approval sees it: the workflow it runs (the
 * definition as it was at acceptance), its tasks, its clocks, warnings,
 * decision and audit trail. It is the one aggregate every command changes,
 * in one write with the events announcing the change.
 */
export type CaseStatus = 'IN_PROGRESS' | 'SUSPENDED' | 'DECIDED';

export type TaskKind = 'STEP' | 'PARTICIPANT' | 'LEAD' | 'BRANCH' | 'INTERNAL_REVIEW';
export type TaskStatus = 'OPEN' | 'CLAIMED' | 'DONE' | 'RETURNED' | 'CANCELLED';
export const TASK_STATUSES: readonly TaskStatus[] = ['OPEN', 'CLAIMED', 'DONE', 'RETURNED', 'CANCELLED'];
export type TaskOutcome = 'APPROVE' | 'REJECT' | 'RETURN';
export const isOpen = (t: Task): boolean => t.status === 'OPEN' || t.status === 'CLAIMED';

export interface Task {
  /** `<caseId>:<step>[.<party>][.r<round>]`: derived, so a redelivered event finds it. */
  readonly id: string;
  readonly caseId: string;
  readonly stepId: string;
  readonly stepName: string;
  readonly kind: TaskKind;
  /** The participant or branch key, for JOINT and FAN_OUT steps. */
  readonly partyKey: string | null;
  readonly round: number;
  readonly role: StaffRole;
  readonly orgUnit: string;
  readonly agency: string;
  readonly status: TaskStatus;
  readonly createdAt: string;
  /** The subject the task is held in the name of (a stand-in holds it for the person they stand in for). */
  readonly assignee: string | null;
  readonly assigneeName: string | null;
  readonly claimedAt: string | null;
  readonly claimedBy: ActorRef | null;
  readonly completedAt: string | null;
  readonly completedBy: ActorRef | null;
  readonly outcome: TaskOutcome | null;
  readonly opinion: string | null;
  readonly legalBasis: readonly string[];
  /** Completed by electronic supervision (deemed consent on breach), not by a person. */
  readonly deemed: boolean;
  readonly stepClock: Countdown | null;
  /** Who may not act on it: the approvers of the decision under internal review. */
  readonly excludedSubjects: readonly string[];
}

export interface PathEntry {
  readonly stepId: string;
  readonly round: number;
  /** The step whose outcome led here; a return goes back to it. */
  readonly from: string | null;
  readonly enteredAt: string;
  readonly outcome: 'APPROVE' | 'REJECT' | 'RETURNED' | null;
}

export const SUSPENSION_KINDS = [
  'HEARING',
  'TENDERING',
  'AUCTION',
  'SITE_INSPECTION',
  'TESTING',
  'QUARANTINE',
  'APPRAISAL',
  'EXPERT_REVIEW',
  'SUPPLEMENT',
] as const;
export type SuspensionKind = (typeof SUSPENSION_KINDS)[number];

export interface Suspension {
  readonly seq: number;
  readonly kind: SuspensionKind;
  readonly reason: string;
  readonly expectedDays: number | null;
  readonly since: string;
  readonly by: ActorRef;
  readonly remainingPromised: number;
  readonly remainingStatutory: number;
  readonly resumedAt: string | null;
  readonly resumedBy: ActorRef | null;
  /** Working days that did not count, known on resumption. */
  readonly workingDaysSuspended: number | null;
}

export interface Extension {
  readonly days: number;
  readonly reason: string;
  readonly approvedBy: ActorRef;
  readonly at: string;
}

export interface CaseClock {
  /** Acceptance date (China): day 0, not counted. */
  readonly startDate: string;
  readonly promised: Countdown;
  readonly statutory: Countdown;
  readonly suspensions: readonly Suspension[];
  readonly extensions: readonly Extension[];
}

export type WarningLevel = 'EARLY' | 'YELLOW' | 'RED' | 'STEP_OVERDUE';

export interface Warning {
  readonly level: WarningLevel;
  readonly raisedAt: string;
  readonly taskId: string | null;
  /** The deadline it is about. */
  readonly deadline: string;
  readonly remainingWorkingDays: number;
}

export interface Decision {
  readonly outcome: 'APPROVED' | 'REJECTED';
  readonly opinion: string;
  readonly legalBasis: readonly string[];
  readonly decidedAt: string;
  readonly decidedBy: ActorRef;
  /** The task whose completion decided; null for an instant approval. */
  readonly taskId: string | null;
  readonly instant: boolean;
  /** Working days the case used of its promised limit, and how it stood. */
  readonly workingDaysUsed: number;
  readonly onTime: boolean;
  readonly early: boolean;
}

export interface InternalReview {
  readonly status: 'PENDING' | 'UPHELD' | 'OVERTURNED';
  readonly reason: string;
  readonly requestedAt: string;
  readonly taskId: string;
  readonly decidedAt: string | null;
  readonly decidedBy: ActorRef | null;
  readonly opinion: string | null;
}

export interface GreenChannel {
  readonly reason: string;
  readonly markedBy: ActorRef;
  readonly markedAt: string;
}

export interface ApprovalCase {
  /** The case id. */
  readonly id: string;
  readonly caseNumber: string;
  readonly itemCode: string;
  readonly itemName: string;
  readonly applicantId: string;
  readonly applicantName: string;
  readonly hall: string;
  readonly orgUnit: string;
  readonly agency: string;
  readonly caseKind: string;
  readonly resultLicenceType: string | null;
  readonly feeAmountFen: number | null;
  readonly statutoryLimitDays: number;
  readonly promisedLimitDays: number;
  readonly acceptedAt: string;
  readonly definition: WorkflowDefinition;
  readonly status: CaseStatus;
  readonly path: readonly PathEntry[];
  readonly tasks: readonly Task[];
  readonly clock: CaseClock;
  readonly warnings: readonly Warning[];
  readonly greenChannel: GreenChannel | null;
  readonly instant: InstantVerdict | null;
  readonly decision: Decision | null;
  readonly internalReview: InternalReview | null;
  readonly timeline: readonly TimelineEntry[];
  readonly updatedAt: string;
}

export const taskOf = (c: ApprovalCase, taskId: string): Task | undefined => c.tasks.find((t) => t.id === taskId);
export const openTasks = (c: ApprovalCase): Task[] => c.tasks.filter(isOpen);
export const currentEntry = (c: ApprovalCase): PathEntry | undefined => c.path[c.path.length - 1];

export function replaceTask(c: ApprovalCase, task: Task): ApprovalCase {
  return { ...c, tasks: c.tasks.map((t) => (t.id === task.id ? task : t)) };
}

/** The case id a task id belongs to: everything before the first ':'. */
export const caseIdOfTask = (taskId: string): string => taskId.split(':')[0] ?? '';
