import type { Store } from '@onewindow/store';
import type { Agency, Hall, OrgUnit, ServiceWindow, StaffMember } from '../../domain/index.js';
import type { OrgDirectory, StaffDirectory } from '../../app/ports.js';
import { put } from './repositories.js';

type Stored<T> = T & { readonly id: string };
const LIMIT = 5000;

/** Org units keyed by division code; agencies, halls and windows by id. */
export function storeOrgDirectory(store: Store): OrgDirectory {
  const units = store.collection<Stored<OrgUnit>>({ name: 'org_units', indexes: [{ fields: ['parentCode'] }] });
  const agencies = store.collection<Agency>({ name: 'agencies', indexes: [{ fields: ['orgUnit', 'name'], unique: true }] });
  const halls = store.collection<Hall>({ name: 'halls', indexes: [{ fields: ['orgUnit'] }] });
  const windows = store.collection<ServiceWindow>({ name: 'windows', indexes: [{ fields: ['hallId'] }] });
  const strip = ({ id: _id, ...unit }: Stored<OrgUnit>): OrgUnit => unit;

  return {
    getUnit: async (code) => {
      const found = await units.get(code);
      return found ? strip(found.value) : null;
    },
    listUnits: async (parentCode) =>
      (await units.find({ parentCode: parentCode ?? null }, { limit: LIMIT })).map((u) => strip(u.value)),
    insertUnit: async (unit) => void (await units.insert({ ...unit, id: unit.code })),
    getAgency: async (id) => (await agencies.get(id))?.value ?? null,
    findAgency: async (orgUnit, name) => (await agencies.find({ orgUnit, name }, { limit: 1 }))[0]?.value ?? null,
    listAgencies: async (orgUnits) => (await agencies.find({ orgUnit: { in: [...orgUnits] } }, { limit: LIMIT })).map((a) => a.value),
    insertAgency: async (agency) => void (await agencies.insert(agency)),
    getHall: async (id) => (await halls.get(id))?.value ?? null,
    listHalls: async () => (await halls.find({}, { limit: LIMIT })).map((h) => h.value),
    insertHall: async (hall) => void (await halls.insert(hall)),
    getWindow: async (id) => (await windows.get(id))?.value ?? null,
    listWindows: async (hallId) => (await windows.find({ hallId }, { limit: LIMIT })).map((w) => w.value),
    saveWindow: (window) => put(windows, window),
  };
}

/** The staff directory: unique usernames; listed by org unit, hall or agency. */
export function storeStaffDirectory(store: Store): StaffDirectory {
  const staff = store.collection<StaffMember>({
    name: 'staff',
    indexes: [{ fields: ['username'], unique: true }, { fields: ['orgUnit'] }, { fields: ['hall'] }],
  });
  return {
    get: async (id) => (await staff.get(id))?.value ?? null,
    findByUsername: async (username) => (await staff.find({ username }, { limit: 1 }))[0]?.value ?? null,
    list: async (filter) => {
      const query = Object.fromEntries(Object.entries(filter).filter(([, v]) => typeof v === 'string' && v !== '')) as Record<string, string>;
      return (await staff.find(query, { limit: LIMIT, sort: 'username' })).map((s) => s.value);
    },
    insert: async (member) => void (await staff.insert(member)),
    update: async (member) => {
      const current = await staff.get(member.id);
      if (!current) throw new Error(`staff member ${member.id} vanished`);
      await staff.update(member, current.version);
    },
  };
}
