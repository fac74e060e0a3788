import { t } from '../i18n/index.ts';

/** A place in the package: the file, the line (header = row 1) and the column. */
export interface RosterLocation {
  file?: string;
  row?: number;
  column?: string;
}

/** One reason a package cannot be imported, or one thing worth a warning. */
export interface RosterProblem extends RosterLocation {
  message: string;
}

/** Maximum number of problems one import reports, so a broken export does not produce a wall of text. */
export const maxReportedProblems = 50;

/** Formats a problem as "file row N, column C: message". */
export function formatProblem(problem: RosterProblem): string {
  const { file, row, column, message } = problem;
  if (file && row !== undefined && column) return t('roster:location.file_row_column', { file, row, column, message });
  if (file && row !== undefined) return t('roster:location.file_row', { file, row, message });
  if (file && column) return t('roster:location.file_column', { file, column, message });
  if (file) return t('roster:location.file', { file, message });

  return message;
}

/**
 * Rejects a roster package. `problems` lists every problem found (up to
 * `maxReportedProblems`), and the message contains them all, one a line.
 */
export class RosterError extends Error {
  readonly problems: RosterProblem[];
  readonly omitted: number;

  constructor(problems: RosterProblem[], omitted = 0) {
    const lines = problems.map(formatProblem);
    if (omitted > 0) lines.push(t('roster:errors.more_problems', { count: omitted }));
    super([t('roster:errors.rejected', { count: problems.length + omitted }), ...lines].join('\n'));
    this.name = 'RosterError';
    this.problems = problems;
    this.omitted = omitted;
  }
}

/** Collects problems and warnings while a package is read, so all of them are reported at once. */
export class ProblemLog {
  readonly problems: RosterProblem[] = [];
  readonly warnings: RosterProblem[] = [];
  private omittedProblems = 0;

  error(location: RosterLocation, message: string): void {
    if (this.problems.length >= maxReportedProblems) {
      this.omittedProblems += 1;
      return;
    }
    this.problems.push({ ...location, message });
  }

  warn(location: RosterLocation, message: string): void {
    this.warnings.push({ ...location, message });
  }

  get hasErrors(): boolean {
    return this.problems.length > 0;
  }

  /** Throws a RosterError when any problem was recorded. */
  throwIfAny(): void {
    if (this.hasErrors) throw new RosterError(this.problems, this.omittedProblems);
  }
}
