import { t } from '../i18n/index.ts';
import type { OneRosterVersion } from './manifest.ts';
import type { Changes, ImportPlan } from './plan.ts';

/** Counts of an import's changes to one kind of row. For links and terms, `deactivated` counts removed rows. */
export interface EntityCounts {
  created: number;
  updated: number;
  unchanged: number;
  deactivated: number;
}

export interface RosterImportReport {
  version: OneRosterVersion;
  mode: 'bulk' | 'delta' | 'mixed';
  schools: EntityCounts;
  terms: EntityCounts;
  people: EntityCounts;
  advisories: EntityCounts;
  advisoryAdvisors: EntityCounts;
  advisoryMembers: EntityCounts;
  mentorships: EntityCounts;
  /** Users not imported, by their OneRoster role as written, for example `{ parent: 2 }`. */
  skippedUsers: Record<string, number>;
  /** Warnings with their file and row, formatted for people. */
  warnings: string[];
}

function countChanges(changes: Changes<unknown>): EntityCounts {
  return {
    created: changes.create.length,
    updated: changes.update.length - changes.deactivated,
    unchanged: changes.unchanged,
    deactivated: changes.deactivated + changes.remove.length,
  };
}

export function buildReport(version: OneRosterVersion, mode: RosterImportReport['mode'], plan: ImportPlan, warnings: string[]): RosterImportReport {
  return {
    version,
    mode,
    schools: countChanges(plan.schools),
    terms: countChanges(plan.terms),
    people: countChanges(plan.persons),
    advisories: countChanges(plan.advisories),
    advisoryAdvisors: countChanges(plan.advisors),
    advisoryMembers: countChanges(plan.members),
    mentorships: countChanges(plan.mentorships),
    skippedUsers: plan.skippedUsers,
    warnings,
  };
}

const entityKeys = ['schools', 'terms', 'people', 'advisories', 'advisoryAdvisors', 'advisoryMembers', 'mentorships'] as const;

/** Formats a report as lines for a terminal or a chat message, from the roster catalog. */
export function formatRosterReport(report: RosterImportReport): string[] {
  const lines = [t('roster:report.title', { version: report.version, mode: t(`roster:report.mode.${report.mode}`) })];
  for (const key of entityKeys) {
    lines.push(t('roster:report.entity', { entity: t(`roster:report.entities.${key}`), ...report[key] }));
  }
  for (const [role, count] of Object.entries(report.skippedUsers)) lines.push(t('roster:report.skipped', { count, role }));
  if (report.warnings.length > 0) {
    lines.push(t('roster:report.warnings', { count: report.warnings.length }));
    lines.push(...report.warnings.map((warning) => `  ${warning}`));
  }

  return lines;
}
