import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { applicantFixture, approverFixture, clerkFixture, rejectionOf } from '../testing/fixtures.js';
import { PDF_BYTES, testIntake } from '../testing/intake.js';

const applicant = applicantFixture();
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]);

describe('UploadFile', () => {
  it('stores a PDF by its content hash and registers it to the uploader, with SHA-256 and SM3', async () => {
    const { useCases, files } = await testIntake();
    const file = await useCases.uploadFile.execute(applicant, { content: PDF_BYTES, declaredType: 'application/pdf', filename: '申请书.pdf' });
    expect(file).toMatchObject({
      sha256: createHash('sha256').update(PDF_BYTES).digest('hex'),
      sm3: createHash('sm3').update(PDF_BYTES).digest('hex'),
      size: PDF_BYTES.length,
      contentType: 'application/pdf',
      filename: '申请书.pdf',
      uploadedBy: applicant.subject,
    });
    expect(await files.get(file.sha256)).toEqual(PDF_BYTES);
  });

  it('lets a window clerk scan materials too, and takes a PNG for what it is', async () => {
    const { useCases } = await testIntake();
    expect((await useCases.uploadFile.execute(clerkFixture(), { content: PNG, declaredType: '', filename: '' })).contentType).toBe('image/png');
  });

  it('refuses a mislabelled file, an unsupported type, an oversized file, and an approver', async () => {
    const { useCases } = await testIntake({ maxFileBytes: 2048 });
    const upload = (content: Buffer, declaredType: string) => useCases.uploadFile.execute(applicant, { content, declaredType, filename: 'x' });
    expect(await rejectionOf(upload(PNG, 'application/pdf'))).toMatchObject({ code: 'FILE_TYPE_MISMATCH' });
    expect(await rejectionOf(upload(Buffer.from('#!/bin/sh\nrm -rf /\n'), 'application/pdf'))).toMatchObject({ code: 'FILE_TYPE_UNSUPPORTED' });
    expect(await rejectionOf(upload(Buffer.concat([PDF_BYTES, Buffer.alloc(4096)]), 'application/pdf'))).toMatchObject({ kind: 'too_large', code: 'FILE_TOO_LARGE' });
    await expect(useCases.uploadFile.execute(approverFixture(), { content: PDF_BYTES, declaredType: '', filename: '' })).rejects.toMatchObject({ kind: 'forbidden' });
  });
});
