import { authorize, decide, type Principal } from '@onewindow/auth';
import { invalid } from '@onewindow/kernel';
import type { Message } from '../domain/message.js';
import type { Inbox } from './ports.js';

const MAX_ID_LENGTH = 128;

export class ListMessages {
  constructor(private readonly inbox: Inbox) {}

  /**
   * The messages about one case that the caller may read: an applicant their
   * own, staff per the policy. A case whose messages all go to someone else
   * is refused; one without messages answers empty to anyone who may read
   * messages at all, which tells nothing about the case.
   */
  async execute(principal: Principal, caseId: string): Promise<Message[]> {
    if (!caseId.trim() || caseId.length > MAX_ID_LENGTH) {
      throw invalid('CASE_ID_INVALID', 'caseId is required', [{ field: 'caseId', message: `1 to ${MAX_ID_LENGTH} characters` }]);
    }
    const messages = await this.inbox.forCase(caseId);
    if (messages.length === 0) {
      authorize(principal, 'message.read', { applicantId: principal.subject });
      return [];
    }
    const readable = messages.filter((m) => decide(principal, 'message.read', { applicantId: m.recipientId }).allowed);
    // None readable: refuse with the policy's own reason.
    if (readable.length === 0) authorize(principal, 'message.read', { applicantId: messages[0]?.recipientId });
    return readable;
  }
}
