import type { FileMode, OneRosterVersion } from './manifest.ts';
import type { RowStatus } from './values.ts';

/** The file and line of a record, for messages. */
export interface Source {
  file: string;
  line: number;
}

export interface OrgRecord extends Source {
  sourcedId: string;
  status: RowStatus;
  name: string;
  type: string;
}

/** One role a user holds: the `role` column of users.csv (1.1) or a row of roles.csv (1.2). */
export interface RoleRecord extends Source {
  userSourcedId: string;
  status: RowStatus;
  role: string;
  primary: boolean;
  orgSourcedId?: string;
}

export interface UserRecord extends Source {
  sourcedId: string;
  status: RowStatus;
  enabled: boolean;
  givenName: string;
  familyName: string;
  username?: string;
  email?: string;
  /** Orgs in order of preference: primaryOrgSourcedId (1.2), then orgSourcedIds (1.1). */
  orgSourcedIds: string[];
}

export interface SessionRecord extends Source {
  sourcedId: string;
  status: RowStatus;
  title: string;
  type: string;
  startDate: string;
  endDate: string;
}

export interface ClassRecord extends Source {
  sourcedId: string;
  status: RowStatus;
  title: string;
  classType: string;
  schoolSourcedId: string;
  termSourcedIds: string[];
}

export interface EnrollmentRecord extends Source {
  sourcedId: string;
  status: RowStatus;
  classSourcedId: string;
  schoolSourcedId: string;
  userSourcedId: string;
  role: string;
}

export type Cadence = 'weekly' | 'biweekly' | 'monthly';

export interface MentorRecord extends Source {
  mentorSourcedId: string;
  studentSourcedId: string;
  cadence: Cadence;
}

/** A roster package as read from its folder, before it is compared with the database. */
export interface RosterPackage {
  version: OneRosterVersion;
  /** `bulk` when every file present is bulk, `delta` when every one is delta. */
  mode: 'bulk' | 'delta' | 'mixed';
  fileModes: Map<string, FileMode>;
  orgs: OrgRecord[];
  users: UserRecord[];
  roles: RoleRecord[];
  sessions: SessionRecord[];
  classes: ClassRecord[];
  enrollments: EnrollmentRecord[];
  mentors: MentorRecord[];
  /** Whether each file was in the package (false means its records are not known). */
  present: { users: boolean; orgs: boolean; sessions: boolean; classes: boolean; enrollments: boolean; mentors: boolean };
}
