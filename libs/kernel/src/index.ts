export * from './errors.js';
export * from './config.js';
export * from './clock.js';
export * from './ids.js';
export * from './logger.js';
export * from './lifecycle.js';
export * from './ops-server.js';
export * from './telemetry.js';
