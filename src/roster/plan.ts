import type { Role } from '../db/generated/enums.ts';
import type { ExistingPerson, ExistingState } from './existing.ts';
import type { RoleRecord, RosterPackage } from './package.ts';
import type { ProblemLog } from './problems.ts';

export interface SchoolRow {
  id: string;
  sourcedId: string;
  name: string;
  timeZone: string;
}

/** A person as the import writes it; the same shape as a person read from the database. */
export type PersonRow = ExistingPerson;

export interface TermRow {
  id: string;
  sourcedId: string;
  schoolId: string | null;
  title: string;
  startDate: string;
  endDate: string;
}

export interface AdvisoryRow {
  id: string;
  sourcedId: string;
  schoolId: string;
  title: string;
  active: boolean;
}

export interface LinkRow {
  advisoryId: string;
  personId: string;
}

export interface MentorshipRow {
  id: string;
  mentorId: string;
  studentId: string;
  cadence: string;
}

/** The writes planned for one entity. `deactivated` counts the rows of `update` that set active to false. */
export interface Changes<T> {
  create: T[];
  update: T[];
  remove: T[];
  unchanged: number;
  deactivated: number;
}

export function emptyChanges<T>(): Changes<T> {
  return { create: [], update: [], remove: [], unchanged: 0, deactivated: 0 };
}

/** Every write an import makes, computed before the first one. */
export interface ImportPlan {
  schools: Changes<SchoolRow>;
  persons: Changes<PersonRow>;
  terms: Changes<TermRow>;
  advisories: Changes<AdvisoryRow>;
  advisors: Changes<LinkRow>;
  members: Changes<LinkRow>;
  mentorships: Changes<MentorshipRow>;
  skippedUsers: Record<string, number>;
}

/** The state a planning step shares with the next: ids resolved so far. */
export interface PlanContext {
  pkg: RosterPackage;
  existing: ExistingState;
  log: ProblemLog;
  defaultTimeZone: string;
  /** Role records (users.csv in 1.1, roles.csv in 1.2) by user sourcedId. */
  rolesByUser: Map<string, RoleRecord[]>;
  /** Org type (lower case) by sourcedId, for the orgs in the package. */
  orgTypes: Map<string, string>;
  /** School row id by org sourcedId, for orgs used as schools. */
  schoolIds: Map<string, string>;
  /** Person row id by user sourcedId, for people in the package or the database. */
  personIds: Map<string, string>;
  /** Final roles by user sourcedId, for people the package imports or changes. */
  personRoles: Map<string, Set<Role>>;
  /** The OneRoster role of users skipped because Homeroom does not import it. */
  skippedRoles: Map<string, string>;
  /** Advisory row id by class sourcedId, for homeroom classes. */
  advisoryIds: Map<string, string>;
}
