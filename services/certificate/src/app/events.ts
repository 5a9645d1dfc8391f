/** The CloudEvents `source` of every event this service publishes. */
export const EVENT_SOURCE = 'onewindow/certificate';
