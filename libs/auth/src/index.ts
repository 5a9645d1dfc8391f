export * from './principal.js';
export * from './verifier.js';
export * from './policy.js';
export * from './jurisdiction.js';
export * from './audit.js';
