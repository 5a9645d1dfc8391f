import type { IdentifierVault } from '@onewindow/identifiers';
import { maskIdentifier } from '@onewindow/kernel';
import type { Store } from '@onewindow/store';
import type { Applicant, ContactChannel, IdentifierType } from '../../domain/index.js';
import type { ApplicantRegistry } from '../../app/ports.js';

/**
 * An applicant at rest: the identifier sealed (AES-256-GCM, the field name
 * as associated data), a keyed blind index to find it by, and the masked
 * form for listings. The number itself is never stored.
 */
export interface StoredApplicant {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly kind: Applicant['kind'];
  readonly identifierType: IdentifierType;
  readonly identifierSealed: string;
  readonly identifierIndex: string;
  readonly identifierMasked: string;
  readonly entityName?: string;
  readonly contacts: readonly ContactChannel[];
  readonly createdAt: string;
}

export function storeApplicantRegistry(store: Store, vault: IdentifierVault): ApplicantRegistry {
  const applicants = store.collection<StoredApplicant>({
    name: 'applicants',
    indexes: [{ fields: ['username'], unique: true }, { fields: ['identifierIndex'], unique: true }],
  });
  const toStored = (a: Applicant): StoredApplicant => ({
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    kind: a.kind,
    identifierType: a.identifier.type,
    identifierSealed: vault.seal(a.identifier.type, a.identifier.value),
    identifierIndex: vault.blindIndex(a.identifier.type, a.identifier.value),
    identifierMasked: maskIdentifier(a.identifier.value),
    ...(a.entityName !== undefined ? { entityName: a.entityName } : {}),
    contacts: a.contacts,
    createdAt: a.createdAt,
  });
  const toDomain = (s: StoredApplicant): Applicant => ({
    id: s.id,
    username: s.username,
    displayName: s.displayName,
    kind: s.kind,
    identifier: { type: s.identifierType, value: vault.open(s.identifierType, s.identifierSealed) },
    ...(s.entityName !== undefined ? { entityName: s.entityName } : {}),
    contacts: s.contacts,
    createdAt: s.createdAt,
  });
  const one = async (found: Promise<{ value: StoredApplicant }[]>) => {
    const first = (await found)[0];
    return first ? toDomain(first.value) : null;
  };
  return {
    get: async (id) => {
      const found = await applicants.get(id);
      return found ? toDomain(found.value) : null;
    },
    findByIdentifier: (type, canonical) => one(applicants.find({ identifierIndex: vault.blindIndex(type, canonical) }, { limit: 1 })),
    findByUsername: (username) => one(applicants.find({ username }, { limit: 1 })),
    insert: async (applicant) => void (await applicants.insert(toStored(applicant))),
    load: async (id) => {
      const found = await applicants.get(id);
      return found ? { applicant: toDomain(found.value), version: found.version } : null;
    },
    update: async (applicant, expectedVersion) => void (await applicants.update(toStored(applicant), expectedVersion)),
  };
}
