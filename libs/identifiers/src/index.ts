export * from './result.js';
export * from './resident-id.js';
export * from './uscc.js';
export * from './vault.js';
