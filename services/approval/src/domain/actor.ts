/**
 * Who did something. A stand-in (AB角) acts in the name of the staff member
 * they stand in for: `onBehalfOf` names that person, so every record reads
 * "X for Y".
 */
export interface Person {
  /** Token subject. */
  readonly subject: string;
  readonly username: string;
}

export interface ActorRef extends Person {
  readonly onBehalfOf: Person | null;
}

export const SYSTEM: ActorRef = { subject: 'system', username: 'system', onBehalfOf: null };

export const actor = (person: Person, onBehalfOf: Person | null = null): ActorRef => ({
  subject: person.subject,
  username: person.username,
  onBehalfOf: onBehalfOf ? { subject: onBehalfOf.subject, username: onBehalfOf.username } : null,
});

/** The subject whose authority the act uses: the delegator for a stand-in. */
export const actingSubject = (a: ActorRef): string => a.onBehalfOf?.subject ?? a.subject;

/** Every subject involved in an act: the person and whoever they stood in for. */
export const subjectsOf = (a: ActorRef): string[] => (a.onBehalfOf ? [a.subject, a.onBehalfOf.subject] : [a.subject]);

/** "zhao.approver", or "qian.approver for zhao.approver". */
export const actorLabel = (a: ActorRef): string => (a.onBehalfOf ? `${a.username} for ${a.onBehalfOf.username}` : a.username);
