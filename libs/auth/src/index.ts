export * from './principal.js';
export * from './verifier.js';
export * from './policy.js';
