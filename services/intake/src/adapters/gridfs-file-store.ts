import { GridFSBucket, type Db } from 'mongodb';
import type { FileStore } from '../app/ports.js';
import { digests, isSha256, verified } from './digests.js';

/**
 * Cluster file store: MongoDB GridFS, one GridFS file per content, named by
 * its SHA-256. Two uploads of the same content racing may store it twice
 * under one name; reads take either, both being the same bytes.
 */
export function gridFsFileStore(db: Db, bucketName = 'files'): FileStore {
  const bucket = new GridFSBucket(db, { bucketName });
  const has = async (sha256: string) => (await bucket.find({ filename: sha256 }, { limit: 1 }).toArray()).length > 0;
  return {
    async put(content) {
      const d = digests(content);
      if (await has(d.sha256)) return d;
      await new Promise<void>((resolve, reject) => {
        const upload = bucket.openUploadStream(d.sha256, { metadata: { sm3: d.sm3, size: d.size } });
        upload.once('error', reject);
        upload.once('finish', () => resolve());
        upload.end(Buffer.from(content.buffer, content.byteOffset, content.byteLength));
      });
      return d;
    },
    async get(sha256) {
      if (!isSha256(sha256) || !(await has(sha256))) return null;
      const chunks: Buffer[] = [];
      for await (const chunk of bucket.openDownloadStreamByName(sha256)) chunks.push(chunk as Buffer);
      return verified(sha256, Buffer.concat(chunks));
    },
  };
}
