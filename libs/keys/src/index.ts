export * from './port.js';
export * from './spki.js';
export { loadKek } from './kek.js';
export { localKeys, SM2_DEFAULT_USER_ID, type LocalKeysOptions } from './local.js';
export { pkcs11Keys, type Pkcs11KeysOptions } from './pkcs11.js';
export { memoryKeyRecords, storeKeyRecords } from './records.js';
