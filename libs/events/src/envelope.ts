/**
 * CloudEvents 1.0-shaped envelope for every fact the platform tells.
 * `type` names the event and its schema version, e.g.
 * `onewindow.intake.case.accepted.v1`; `subject` is the case id (or the
 * aggregate id) and is also the partition key.
 */
export interface EventEnvelope<D = unknown> {
  readonly specversion: '1.0';
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly subject: string;
  readonly time: string;
  readonly datacontenttype: 'application/json';
  readonly traceparent?: string;
  readonly data: D;
}
