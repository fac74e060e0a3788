import type { PrismaClient } from '../db/client.ts';

export type PersonQuery =
  | { kind: 'account'; platform: string; externalId: string; email?: string | null }
  | { kind: 'text'; text: string };

export type ResolvedPerson =
  | { ok: true; personId: string }
  | { ok: false; error: 'not_found' | 'ambiguous'; matches?: number };

/**
 * Finds the roster person that a /plan argument names: a platform mention,
 * an e-mail address or a full name, looked up in the asker's school.
 */
export async function resolvePerson(prisma: PrismaClient, schoolId: string, query: PersonQuery): Promise<ResolvedPerson> {
  if (query.kind === 'account') {
    const account = await prisma.chatAccount.findUnique({
      where: { platform_externalId: { platform: query.platform, externalId: query.externalId } },
      select: { personId: true },
    });
    if (account) return { ok: true, personId: account.personId };
    if (!query.email) return { ok: false, error: 'not_found' };

    return resolvePerson(prisma, schoolId, { kind: 'text', text: query.email });
  }

  const text = query.text.trim();
  const matches = text.includes('@')
    ? await prisma.person.findMany({
        where: { schoolId, active: true, email: { equals: text, mode: 'insensitive' } },
        select: { id: true },
        take: 2,
      })
    : await findByName(prisma, schoolId, text);

  if (matches.length === 0) return { ok: false, error: 'not_found' };
  if (matches.length > 1) return { ok: false, error: 'ambiguous', matches: matches.length };

  return { ok: true, personId: matches[0]!.id };
}

async function findByName(prisma: PrismaClient, schoolId: string, text: string) {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const givenName = words.slice(0, -1).join(' ') || words[0]!;
  const familyName = words.length > 1 ? words[words.length - 1]! : undefined;

  return prisma.person.findMany({
    where: {
      schoolId,
      active: true,
      givenName: { equals: givenName, mode: 'insensitive' },
      ...(familyName ? { familyName: { equals: familyName, mode: 'insensitive' } } : {}),
    },
    select: { id: true },
    take: 2,
  });
}
