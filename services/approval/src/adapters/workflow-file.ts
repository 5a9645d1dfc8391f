import { readFile } from 'node:fs/promises';
import { invalid } from '@onewindow/kernel';
import { z } from 'zod';
import type { WorkflowDraft } from '../domain/definition.js';

/**
 * The workflows shipped for the sample catalog (`data/workflows.json`).
 * Shape only: the domain validates each definition when it is seeded.
 */
const party = z.object({ key: z.string(), agency: z.string(), name: z.string().optional() });
const step = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  role: z.string(),
  level: z.string().default('CASE'),
  agency: z.string().default(''),
  limitDays: z.int().default(0),
  onApprove: z.string(),
  onReject: z.string(),
  lead: party.nullable().default(null),
  participants: z.array(party).default([]),
  branches: z.array(party).default([]),
});
const definition = z.object({
  itemCode: z.string(),
  name: z.string(),
  start: z.string(),
  steps: z.array(step),
  instantApproval: z
    .object({
      rules: z.array(z.object({ id: z.string(), description: z.string(), fact: z.string(), op: z.string(), values: z.array(z.string()).default([]) })),
      opinion: z.string(),
      legalBasis: z.array(z.string()),
    })
    .nullable()
    .default(null),
  earlyWarningPercent: z.int().default(0),
  escalationTrigger: z.string().default(''),
  escalationAction: z.string().default(''),
  maxExtensionDays: z.int().default(0),
});
const file = z.object({ workflows: z.array(definition) });

export async function readWorkflowFile(path: string): Promise<WorkflowDraft[]> {
  const parsed = file.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) {
    throw invalid('WORKFLOW_FILE_INVALID', `${path} is not a workflow file`, parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
  }
  return parsed.data.workflows;
}
