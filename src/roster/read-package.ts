import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { t } from '../i18n/index.ts';
import { parseCsvTable, type CsvTable } from './csv.ts';
import { manifestColumns, readManifest, type FileMode, type Manifest } from './manifest.ts';
import type { RosterPackage } from './package.ts';
import type { ProblemLog } from './problems.ts';
import {
  classColumns,
  enrollmentColumns,
  mentorColumns,
  orgColumns,
  readClasses,
  readEnrollments,
  readMentors,
  readOrgs,
  readRoles,
  readSessions,
  readUsers,
  roleColumns,
  sessionColumns,
  userColumns,
} from './read-records.ts';

interface ColumnSpec {
  known: readonly string[];
  required: readonly string[];
}

/** The files of one package folder, found by name in any letter case. */
class PackageFolder {
  constructor(
    readonly dir: string,
    private readonly namesByLowerCase: Map<string, string>,
    private readonly log: ProblemLog,
  ) {}

  fileName(name: string): string | undefined {
    return this.namesByLowerCase.get(`${name.toLowerCase()}.csv`);
  }

  /** Parses a file and checks its header; returns undefined (with the problem logged) when it cannot be used. */
  async table(fileName: string, columns: ColumnSpec): Promise<CsvTable | undefined> {
    const content = await readFile(path.join(this.dir, fileName));
    const table = parseCsvTable(fileName, content, columns.known, this.log);
    if (!table) return undefined;

    const missing = columns.required.filter((column) => !table.columns.has(column));
    for (const column of missing) this.log.error({ file: fileName, row: 1, column }, t('roster:errors.missing_column', { column }));

    return missing.length === 0 ? table : undefined;
  }
}

/**
 * Reads a OneRoster 1.1 or 1.2 CSV package from `dir`. Returns undefined when
 * a file or column is missing or unreadable, and otherwise the records with
 * every row-level problem logged.
 */
export async function readRosterPackage(dir: string, log: ProblemLog): Promise<RosterPackage | undefined> {
  const folder = await openFolder(dir, log);
  if (!folder) return undefined;

  const manifestFile = folder.fileName('manifest');
  if (!manifestFile) {
    log.error({ file: 'manifest.csv' }, t('roster:errors.missing_file', { file: 'manifest.csv' }));
    return undefined;
  }
  const manifestTable = await folder.table(manifestFile, { known: manifestColumns, required: manifestColumns });
  const manifest = manifestTable && readManifest(manifestTable, log);
  if (!manifest) return undefined;

  const mode = packageMode(manifest);
  const open = (name: string, canonical: string, columns: ColumnSpec, required: boolean) =>
    openListedFile(folder, manifest, mode, { name, canonical, columns, required }, log);

  // Users and orgs may be left out only by a delta package.
  const usersTable = await open('users', 'users.csv', userColumns, mode !== 'delta');
  const orgsTable = await open('orgs', 'orgs.csv', orgColumns, mode !== 'delta');
  const sessionsTable = await open('academicSessions', 'academicSessions.csv', sessionColumns, false);
  const classesTable = await open('classes', 'classes.csv', classColumns, false);
  const enrollmentsTable = await open('enrollments', 'enrollments.csv', enrollmentColumns, false);
  const rolesTable = await openRolesTable(folder, manifest, mode, usersTable, log);
  const mentorsFile = folder.fileName('mentors');
  const mentorsTable = mentorsFile ? await folder.table(mentorsFile, mentorColumns) : undefined;

  if (log.hasErrors) return undefined;

  const fromUsers = usersTable ? readUsers(usersTable, log) : { users: [], roles: [] };

  return {
    version: manifest.version,
    mode,
    fileModes: manifest.fileModes,
    orgs: orgsTable ? readOrgs(orgsTable, log) : [],
    users: fromUsers.users,
    roles: [...fromUsers.roles, ...(rolesTable ? readRoles(rolesTable, log) : [])],
    sessions: sessionsTable ? readSessions(sessionsTable, log) : [],
    classes: classesTable ? readClasses(classesTable, log) : [],
    enrollments: enrollmentsTable ? readEnrollments(enrollmentsTable, log) : [],
    mentors: mentorsTable ? readMentors(mentorsTable, log) : [],
    present: {
      users: usersTable !== undefined,
      orgs: orgsTable !== undefined,
      sessions: sessionsTable !== undefined,
      classes: classesTable !== undefined,
      enrollments: enrollmentsTable !== undefined,
      mentors: mentorsTable !== undefined,
    },
  };
}

async function openFolder(dir: string, log: ProblemLog): Promise<PackageFolder | undefined> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    log.error({}, t('roster:errors.not_a_folder', { path: dir }));
    return undefined;
  }

  const names = await readdir(dir);

  return new PackageFolder(dir, new Map(names.map((name) => [name.toLowerCase(), name])), log);
}

function packageMode(manifest: Manifest): RosterPackage['mode'] {
  const modes = new Set([...manifest.fileModes.values()].filter((mode) => mode !== 'absent'));
  if (modes.size === 1 && modes.has('delta')) return 'delta';
  if (modes.size === 2) return 'mixed';

  return 'bulk';
}

interface ListedFile {
  name: string;
  canonical: string;
  columns: ColumnSpec;
  required: boolean;
}

/** Opens a file named in the manifest, reconciling the manifest's mode with the files in the folder. */
async function openListedFile(
  folder: PackageFolder,
  manifest: Manifest,
  mode: RosterPackage['mode'],
  listed: ListedFile,
  log: ProblemLog,
): Promise<CsvTable | undefined> {
  const fileName = folder.fileName(listed.name);
  const declared: FileMode | undefined = manifest.fileModes.get(listed.name.toLowerCase());

  if (!fileName) {
    if (declared === 'bulk' || declared === 'delta') {
      log.error({ file: 'manifest.csv' }, t('roster:errors.listed_file_missing', { name: listed.name, mode: declared, file: listed.canonical }));
    } else if (listed.required) {
      log.error({ file: listed.canonical }, t('roster:errors.missing_file', { file: listed.canonical }));
    }
    return undefined;
  }

  if (declared === 'absent') {
    if (listed.required) {
      log.error({ file: 'manifest.csv' }, t('roster:errors.required_file_absent', { name: listed.name, file: listed.canonical }));
    } else {
      log.warn({ file: fileName }, t('roster:warnings.file_marked_absent', { name: listed.name }));
    }
    return undefined;
  }
  if (declared === undefined) log.warn({ file: fileName }, t('roster:warnings.file_not_in_manifest', { mode: mode === 'delta' ? 'delta' : 'bulk' }));

  return folder.table(fileName, listed.columns);
}

/**
 * Finds the 1.2 roles table. Some exports write it under the name
 * userprofiles.csv, so that file is recognised by its header as well.
 */
async function openRolesTable(
  folder: PackageFolder,
  manifest: Manifest,
  mode: RosterPackage['mode'],
  usersTable: CsvTable | undefined,
  log: ProblemLog,
): Promise<CsvTable | undefined> {
  const profilesFile = folder.fileName('userProfiles');
  let rolesInProfiles: CsvTable | undefined;
  if (profilesFile) {
    const candidate = await folder.table(profilesFile, { known: roleColumns.known, required: [] });
    if (candidate && roleColumns.required.every((column) => candidate.columns.has(column))) rolesInProfiles = candidate;
  }

  const needsRoles = usersTable !== undefined && !usersTable.columns.has('role');
  const rolesFile = folder.fileName('roles');
  if (rolesFile) {
    if (rolesInProfiles) log.warn({ file: rolesInProfiles.file }, t('roster:warnings.roles_in_profiles_ignored'));
    return openListedFile(folder, manifest, mode, { name: 'roles', canonical: 'roles.csv', columns: roleColumns, required: false }, log);
  }

  if (rolesInProfiles) {
    log.warn({ file: rolesInProfiles.file }, t('roster:warnings.roles_in_profiles_used'));
    return folder.table(rolesInProfiles.file, roleColumns);
  }

  if (needsRoles && mode !== 'delta') log.error({ file: 'roles.csv' }, t('roster:errors.missing_roles'));

  return undefined;
}
