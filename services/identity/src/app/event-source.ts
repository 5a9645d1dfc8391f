/** The CloudEvents `source` of every event identity publishes. */
export const EVENT_SOURCE = 'onewindow/identity';
