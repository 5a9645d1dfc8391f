import { z } from 'zod';
import { DEMO_ISSUER, isValidUscc } from './domain/issuer.js';

/** The certificate service's own settings, on top of the platform's (see @onewindow/runtime). */
export const certificateSettings = {
  /** The issuing authority's unified social credit code: part of every licence id. */
  ISSUER_USCC: z
    .string()
    .trim()
    .toUpperCase()
    .default(DEMO_ISSUER.uscc)
    .refine(isValidUscc, 'must be an 18-character unified social credit code with a valid GB 32100 check character'),
  /** The issuing authority's name as printed on licences. */
  ISSUER_NAME: z.string().trim().min(1).default(DEMO_ISSUER.name),
};
