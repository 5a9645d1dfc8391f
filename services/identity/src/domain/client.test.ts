import { describe, expect, it } from 'vitest';
import { clientFixture } from '../testing/fixtures.js';
import { assertValidClient, type ClientApplication } from './client.js';

function problems(client: ClientApplication): string[] {
  try {
    assertValidClient(client);
    return [];
  } catch (err) {
    return (err as { details: { field: string }[] }).details.map((d) => d.field);
  }
}

const publicClient = (overrides: Partial<ClientApplication> = {}) =>
  clientFixture({ kind: 'public', grants: ['password'], serviceAccountRoles: [], secretHash: undefined, ...overrides });

describe('client rules', () => {
  it('accepts a confidential service client and a public console', () => {
    expect(problems(clientFixture())).toEqual([]);
    expect(problems(publicClient())).toEqual([]);
  });

  it('requires a secret of a confidential client', () => {
    expect(problems(clientFixture({ secretHash: undefined }))).toEqual(['secretHash']);
  });

  it('keeps public clients away from secrets, client credentials and service accounts', () => {
    expect(problems(publicClient({ secretHash: 'scrypt$x' }))).toEqual(['secretHash']);
    expect(problems(publicClient({ grants: ['password', 'client_credentials'] }))).toEqual(['grants']);
    expect(problems(publicClient({ serviceAccountRoles: ['service'] }))).toEqual(['serviceAccountRoles']);
  });

  it('gives service accounts only service-account roles', () => {
    const withStaffRole = { ...clientFixture(), serviceAccountRoles: ['platform_admin'] } as unknown as ClientApplication;
    expect(problems(withStaffRole)).toEqual(['serviceAccountRoles']);
  });

  it('requires a well-formed client id and at least one grant', () => {
    expect(problems(clientFixture({ clientId: 'Bad Id', grants: [] }))).toEqual(['clientId', 'grants']);
  });
});
