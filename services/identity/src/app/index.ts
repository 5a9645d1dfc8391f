export * from './ports.js';
export * from './secrets/secret-hash.js';
export * from './signing-keys/signing-keys.js';
export * from './authenticate-user/authenticate-user.js';
export * from './authenticate-client/authenticate-client.js';
export * from './issue-access-token/issue-access-token.js';
export * from './grant-token/grant-token.js';
export * from './demo/demo-seed.js';
