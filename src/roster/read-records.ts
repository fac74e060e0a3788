import { t } from '../i18n/index.ts';
import { splitList, type CsvRow, type CsvTable } from './csv.ts';
import type { ProblemLog } from './problems.ts';
import type {
  Cadence,
  ClassRecord,
  EnrollmentRecord,
  MentorRecord,
  OrgRecord,
  RoleRecord,
  SessionRecord,
  UserRecord,
} from './package.ts';
import { characterCount, maxIdLength, maxLengthByColumn } from './limits.ts';
import { isOneRosterRole } from './roles.ts';
import { parseEnabled, parseRosterDate, parseStatus, type RowStatus } from './values.ts';

// Known columns per file. Columns not listed here (passwords among them) are
// dropped when the file is parsed. The required ones must be in the header.
export const orgColumns = { known: ['sourcedId', 'status', 'dateLastModified', 'name', 'type', 'parentSourcedId'], required: ['sourcedId', 'name', 'type'] };
export const userColumns = {
  known: ['sourcedId', 'status', 'dateLastModified', 'enabledUser', 'orgSourcedIds', 'role', 'username', 'givenName', 'familyName', 'preferredGivenName', 'email', 'primaryOrgSourcedId'],
  required: ['sourcedId', 'givenName', 'familyName'],
};
export const roleColumns = {
  known: ['sourcedId', 'status', 'dateLastModified', 'userSourcedId', 'roleType', 'role', 'orgSourcedId'],
  required: ['userSourcedId', 'role', 'orgSourcedId'],
};
export const sessionColumns = {
  known: ['sourcedId', 'status', 'dateLastModified', 'title', 'type', 'startDate', 'endDate'],
  required: ['sourcedId', 'title', 'type', 'startDate', 'endDate'],
};
export const classColumns = {
  known: ['sourcedId', 'status', 'dateLastModified', 'title', 'classType', 'schoolSourcedId', 'termSourcedIds'],
  required: ['sourcedId', 'title', 'classType', 'schoolSourcedId'],
};
export const enrollmentColumns = {
  known: ['sourcedId', 'status', 'dateLastModified', 'classSourcedId', 'schoolSourcedId', 'userSourcedId', 'role'],
  required: ['sourcedId', 'classSourcedId', 'schoolSourcedId', 'userSourcedId', 'role'],
};
export const mentorColumns = { known: ['mentorSourcedId', 'studentSourcedId', 'cadence'], required: ['mentorSourcedId', 'studentSourcedId', 'cadence'] };

/** Session types that become Homeroom terms; `schoolYear` only when a package has none of these. */
export const termSessionTypes = new Set(['term', 'semester']);

const cadences = new Set<string>(['weekly', 'biweekly', 'monthly']);

/**
 * Reads the values of one row, recording every invalid or missing value in
 * the log. Every value read is checked against its column's maximum length.
 */
class RowReader {
  private readonly lengthChecked = new Set<string>();

  constructor(
    private readonly table: CsvTable,
    private readonly row: CsvRow,
    private readonly log: ProblemLog,
  ) {}

  optional(column: string): string {
    const value = this.row.values.get(column) ?? '';
    const max = maxLengthByColumn.get(column);
    if (max !== undefined && !this.lengthChecked.has(column)) {
      this.lengthChecked.add(column);
      const length = characterCount(value);
      if (length > max) this.fail(column, t('roster:errors.too_long', { length, max }));
    }

    return value;
  }

  /** Reads a comma-separated list of sourcedIds, such as `orgSourcedIds`. */
  idList(column: string): string[] {
    const ids = splitList(this.optional(column));
    const longest = Math.max(0, ...ids.map((id) => characterCount(id)));
    if (longest > maxIdLength) this.fail(column, t('roster:errors.list_item_too_long', { length: longest, max: maxIdLength }));

    return ids;
  }

  required(column: string): string {
    const value = this.optional(column);
    if (value === '') this.fail(column, t('roster:errors.missing_value'));

    return value;
  }

  status(): RowStatus {
    const value = this.optional('status');
    const status = parseStatus(value);
    if (status === undefined) this.fail('status', t('roster:errors.invalid_status', { value }));

    return status ?? 'active';
  }

  date(column: string): string {
    const value = this.required(column);
    if (value === '') return '';
    const date = parseRosterDate(value);
    if (date === undefined) this.fail(column, t('roster:errors.invalid_date', { value }));

    return date ?? '';
  }

  /** Checks `dateLastModified`, which Homeroom does not store but which must be a date or timestamp when given. */
  checkLastModified(): void {
    const value = this.optional('dateLastModified');
    if (value !== '' && parseRosterDate(value) === undefined) this.fail('dateLastModified', t('roster:errors.invalid_date', { value }));
  }

  /** Reads a required OneRoster role, which must be in OneRoster's role vocabulary. */
  role(column: string): string {
    const value = this.required(column);
    if (value !== '' && !isOneRosterRole(value)) this.fail(column, t('roster:errors.invalid_role', { value }));

    return value;
  }

  fail(column: string, message: string): void {
    this.log.error({ file: this.table.file, row: this.row.line, column }, message);
  }

  get source(): { file: string; line: number } {
    return { file: this.table.file, line: this.row.line };
  }
}

/** Reports a sourcedId seen earlier in the same file. */
function checkUnique(reader: RowReader, seen: Map<string, number>, id: string, column = 'sourcedId'): void {
  if (id === '') return;
  const firstRow = seen.get(id);
  if (firstRow !== undefined) reader.fail(column, t('roster:errors.duplicate_id', { id, firstRow }));
  else seen.set(id, reader.source.line);
}

export function readOrgs(table: CsvTable, log: ProblemLog): OrgRecord[] {
  const seen = new Map<string, number>();

  return table.rows.map((row) => {
    const reader = new RowReader(table, row, log);
    const sourcedId = reader.required('sourcedId');
    checkUnique(reader, seen, sourcedId);

    reader.checkLastModified();

    return { ...reader.source, sourcedId, status: reader.status(), name: reader.required('name'), type: reader.required('type').toLowerCase() };
  });
}

/** Reads users.csv. In 1.1 files the `role` column also yields one RoleRecord per user. */
export function readUsers(table: CsvTable, log: ProblemLog): { users: UserRecord[]; roles: RoleRecord[] } {
  const seen = new Map<string, number>();
  const users: UserRecord[] = [];
  const roles: RoleRecord[] = [];
  const hasRoleColumn = table.columns.has('role');

  for (const row of table.rows) {
    const reader = new RowReader(table, row, log);
    const sourcedId = reader.required('sourcedId');
    checkUnique(reader, seen, sourcedId);
    const status = reader.status();
    reader.checkLastModified();

    const enabledValue = reader.optional('enabledUser');
    const enabled = parseEnabled(enabledValue);
    if (enabled === undefined) reader.fail('enabledUser', t('roster:errors.invalid_enabled', { value: enabledValue }));

    const orgSourcedIds = [reader.optional('primaryOrgSourcedId'), ...reader.idList('orgSourcedIds')].filter((id) => id !== '');
    const givenName = reader.required('givenName');
    users.push({
      ...reader.source,
      sourcedId,
      status,
      enabled: enabled ?? true,
      // The preferred name is the one a student wants to be called by in chat.
      givenName: reader.optional('preferredGivenName') || givenName,
      familyName: reader.required('familyName'),
      username: reader.optional('username') || undefined,
      email: reader.optional('email') || undefined,
      orgSourcedIds: [...new Set(orgSourcedIds)],
    });

    if (hasRoleColumn) {
      const role = reader.role('role');
      // The user's own status decides whether the person is active, so the role itself stays active.
      if (role !== '') roles.push({ ...reader.source, userSourcedId: sourcedId, status: 'active', role, primary: true, orgSourcedId: orgSourcedIds[0] });
    }
  }

  return { users, roles };
}

/** Reads roles.csv (1.2): one row per role of a user in an org. */
export function readRoles(table: CsvTable, log: ProblemLog): RoleRecord[] {
  return table.rows.map((row) => {
    const reader = new RowReader(table, row, log);
    reader.checkLastModified();

    return {
      ...reader.source,
      userSourcedId: reader.required('userSourcedId'),
      status: reader.status(),
      role: reader.role('role'),
      primary: reader.optional('roleType').toLowerCase() !== 'secondary',
      orgSourcedId: reader.required('orgSourcedId') || undefined,
    };
  });
}

/** Reads academicSessions.csv. Dates are checked only for the session types Homeroom imports. */
export function readSessions(table: CsvTable, log: ProblemLog): SessionRecord[] {
  const seen = new Map<string, number>();
  const sessions: SessionRecord[] = [];

  for (const row of table.rows) {
    const reader = new RowReader(table, row, log);
    const sourcedId = reader.required('sourcedId');
    checkUnique(reader, seen, sourcedId);
    reader.checkLastModified();
    const type = reader.required('type').toLowerCase();
    const imported = termSessionTypes.has(type) || type === 'schoolyear';
    const startDate = imported ? reader.date('startDate') : '';
    const endDate = imported ? reader.date('endDate') : '';
    if (startDate && endDate && endDate < startDate) reader.fail('endDate', t('roster:errors.end_before_start', { start: startDate, end: endDate }));

    sessions.push({ ...reader.source, sourcedId, status: reader.status(), title: reader.required('title'), type, startDate, endDate });
  }

  return sessions;
}

export function readClasses(table: CsvTable, log: ProblemLog): ClassRecord[] {
  const seen = new Map<string, number>();

  return table.rows.map((row) => {
    const reader = new RowReader(table, row, log);
    const sourcedId = reader.required('sourcedId');
    checkUnique(reader, seen, sourcedId);
    reader.checkLastModified();

    return {
      ...reader.source,
      sourcedId,
      status: reader.status(),
      title: reader.required('title'),
      classType: reader.required('classType').toLowerCase(),
      schoolSourcedId: reader.required('schoolSourcedId'),
      termSourcedIds: reader.idList('termSourcedIds'),
    };
  });
}

export function readEnrollments(table: CsvTable, log: ProblemLog): EnrollmentRecord[] {
  const seen = new Map<string, number>();

  return table.rows.map((row) => {
    const reader = new RowReader(table, row, log);
    const sourcedId = reader.required('sourcedId');
    checkUnique(reader, seen, sourcedId);
    reader.checkLastModified();

    return {
      ...reader.source,
      sourcedId,
      status: reader.status(),
      classSourcedId: reader.required('classSourcedId'),
      schoolSourcedId: reader.required('schoolSourcedId'),
      userSourcedId: reader.required('userSourcedId'),
      role: reader.required('role').toLowerCase(),
    };
  });
}

/** Reads mentors.csv, Homeroom's own file: `mentorSourcedId,studentSourcedId,cadence`. */
export function readMentors(table: CsvTable, log: ProblemLog): MentorRecord[] {
  const seen = new Map<string, number>();
  const mentors: MentorRecord[] = [];

  for (const row of table.rows) {
    const reader = new RowReader(table, row, log);
    const mentorSourcedId = reader.required('mentorSourcedId');
    const studentSourcedId = reader.required('studentSourcedId');
    const cadenceValue = reader.required('cadence');
    const cadence = cadenceValue.toLowerCase();
    if (cadenceValue !== '' && !cadences.has(cadence)) reader.fail('cadence', t('roster:errors.invalid_cadence', { value: cadenceValue }));

    if (mentorSourcedId !== '' && mentorSourcedId === studentSourcedId) reader.fail('studentSourcedId', t('roster:errors.self_mentor'));
    else if (mentorSourcedId !== '' && studentSourcedId !== '') {
      const firstRow = seen.get(`${mentorSourcedId}\n${studentSourcedId}`);
      if (firstRow !== undefined) reader.fail('studentSourcedId', t('roster:errors.duplicate_pairing', { firstRow }));
      else seen.set(`${mentorSourcedId}\n${studentSourcedId}`, row.line);
    }

    mentors.push({ ...reader.source, mentorSourcedId, studentSourcedId, cadence: cadence as Cadence });
  }

  return mentors;
}
