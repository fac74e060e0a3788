import type { Role } from '../db/generated/enums.ts';

// OneRoster 1.1 roles and the administrator roles that 1.2 adds. The other
// OneRoster roles (parent, guardian, relative, aide, proctor, counselor) have
// no place in Homeroom, and users with only such roles are skipped.
const homeroomRoleByOneRosterRole: Record<string, Role> = {
  student: 'student',
  teacher: 'advisor',
  administrator: 'admin',
  siteadministrator: 'admin',
  districtadministrator: 'admin',
  systemadministrator: 'admin',
  principal: 'admin',
};

// The role vocabularies of OneRoster 1.1 (the first eight) and 1.2 (which
// adds the rest), in lower case. Either list is accepted in a package of
// either version, as the mapping above accepts 1.2's roles in 1.1 packages.
const oneRosterRoles = new Set([
  'administrator',
  'aide',
  'guardian',
  'parent',
  'proctor',
  'relative',
  'student',
  'teacher',
  'counselor',
  'districtadministrator',
  'principal',
  'siteadministrator',
  'systemadministrator',
]);

/**
 * Returns whether `role` (any case) is a OneRoster role. An extension role
 * such as `ext:nurse` counts as one too, and Homeroom skips it.
 * NOTE: the `ext:` form is unverified against the OneRoster 1.1 and 1.2 texts.
 */
export function isOneRosterRole(role: string): boolean {
  const lower = role.trim().toLowerCase();

  return oneRosterRoles.has(lower) || /^ext:\S+$/.test(lower);
}

/** Maps a OneRoster role (any case) to a Homeroom role, or undefined when Homeroom skips it. */
export function mapOneRosterRole(role: string): Role | undefined {
  return homeroomRoleByOneRosterRole[role.trim().toLowerCase()];
}
