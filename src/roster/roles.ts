import type { Role } from '../db/generated/enums.ts';

// OneRoster 1.1 roles and the administrator roles that 1.2 adds. Every other
// role (parent, guardian, relative, aide, proctor, counselor, ...) has no
// place in Homeroom, and users with only such roles are skipped.
const homeroomRoleByOneRosterRole: Record<string, Role> = {
  student: 'student',
  teacher: 'advisor',
  administrator: 'admin',
  siteadministrator: 'admin',
  districtadministrator: 'admin',
  systemadministrator: 'admin',
  principal: 'admin',
};

/** Maps a OneRoster role (any case) to a Homeroom role, or undefined when Homeroom skips it. */
export function mapOneRosterRole(role: string): Role | undefined {
  return homeroomRoleByOneRosterRole[role.trim().toLowerCase()];
}
