import { authorize, type Principal } from '@onewindow/auth';
import { newId, type Clock } from '@onewindow/kernel';
import { checkUpload, type FileRecord } from '../domain/file.js';
import type { FileRepository, FileStore } from './ports.js';

export interface UploadFileCommand {
  readonly content: Uint8Array;
  /** What the client said it is; the content's own magic bytes decide. */
  readonly declaredType: string;
  readonly filename: string;
}

/** A material file: checked (size, real type), stored by content hash, registered to its uploader. */
export class UploadFile {
  constructor(
    private readonly store: FileStore,
    private readonly register: FileRepository,
    private readonly clock: Clock,
    private readonly maxBytes: number,
  ) {}

  async execute(principal: Principal, command: UploadFileCommand): Promise<FileRecord> {
    authorize(principal, 'file.upload');
    const { contentType, filename } = checkUpload({
      size: command.content.byteLength,
      head: command.content.subarray(0, 16),
      declaredType: command.declaredType,
      filename: command.filename,
      maxBytes: this.maxBytes,
    });
    const stored = await this.store.put(command.content);
    const now = this.clock.now();
    const record: FileRecord = {
      id: newId(now.getTime()),
      ...stored,
      contentType,
      filename,
      uploadedBy: principal.subject,
      uploadedAt: now.toISOString(),
    };
    await this.register.add(record);
    return record;
  }
}
