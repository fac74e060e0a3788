import { t } from '../i18n/index.ts';
import type { Source } from './package.ts';
import type { Changes, PersonRow, PlanContext } from './plan.ts';

interface EmailHolder {
  sourcedId: string;
  email: string | null;
  active: boolean;
}

/**
 * Warns about active people who would share an e-mail address, compared
 * without case, after the import. Homeroom links a chat account to a person
 * by e-mail only when exactly one active person has the address, so each
 * warning names the users.csv row and the other person's row or sourcedId.
 * Clashes among stored people the package does not list are not reported.
 */
export function warnSharedEmails(ctx: PlanContext, persons: Changes<PersonRow>): void {
  const { pkg, existing, log } = ctx;

  // The state after the import: stored rows, replaced by the rows the plan writes.
  const final = new Map<string, EmailHolder>();
  for (const person of [...existing.emailHolders, ...existing.persons.values()]) final.set(person.sourcedId, person);
  for (const person of [...persons.create, ...persons.update]) final.set(person.sourcedId, person);

  const sources = new Map<string, Source>(pkg.users.map((user) => [user.sourcedId, user]));
  const holdersByEmail = new Map<string, EmailHolder[]>();
  for (const holder of final.values()) {
    if (!holder.active || !holder.email) continue;
    const key = holder.email.toLowerCase();
    const holders = holdersByEmail.get(key) ?? [];
    holders.push(holder);
    holdersByEmail.set(key, holders);
  }

  for (const holders of holdersByEmail.values()) {
    if (holders.length < 2) continue;
    const listed = holders.filter((holder) => sources.has(holder.sourcedId)).sort((a, b) => sources.get(a.sourcedId)!.line - sources.get(b.sourcedId)!.line);
    const first = listed[0];
    if (!first) continue;
    const firstSource = sources.get(first.sourcedId)!;

    for (const holder of listed.slice(1)) {
      const source = sources.get(holder.sourcedId)!;
      const message = t('roster:warnings.shared_email', { email: holder.email, otherId: first.sourcedId, otherFile: firstSource.file, otherRow: firstSource.line });
      log.warn({ file: source.file, row: source.line, column: 'email' }, message);
    }
    for (const holder of holders.filter((candidate) => !sources.has(candidate.sourcedId))) {
      log.warn({ file: firstSource.file, row: firstSource.line, column: 'email' }, t('roster:warnings.shared_email_stored', { email: first.email, otherId: holder.sourcedId }));
    }
  }
}
