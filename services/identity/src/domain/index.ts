export * from './roles.js';
export * from './user.js';
export * from './client.js';
export * from './org.js';
export * from './staff.js';
export * from './applicant.js';
export * from './delegation.js';
export * from './contact-verification.js';
