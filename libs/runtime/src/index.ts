export * from './config.js';
export * from './boot.js';
