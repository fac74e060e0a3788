import { createHash, randomInt } from 'node:crypto';
import type { PrismaClient } from '../db/client.ts';
import { linkAccount } from '../people/accounts.ts';

// No 0/O or 1/I/L, so a code read aloud or copied from paper is not misread.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;
export const DEFAULT_LINK_CODE_TTL_HOURS = 14 * 24;

/** Returns the code without spaces and dashes, in capitals, as it is hashed. */
export function normalizeLinkCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

export function hashLinkCode(code: string): string {
  return createHash('sha256').update(normalizeLinkCode(code)).digest('hex');
}

function generateCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];

  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

export interface IssuedLinkCode {
  personId: string;
  sourcedId: string;
  name: string;
  email: string | null;
  code: string;
  expiresAt: Date;
}

/**
 * Issues a new one-time code to every active person of a school and
 * withdraws their earlier unused codes, so only the newest list works.
 */
export async function createLinkCodes(
  prisma: PrismaClient,
  input: { schoolId: string; now: Date; ttlHours?: number },
): Promise<IssuedLinkCode[]> {
  const people = await prisma.person.findMany({
    where: { schoolId: input.schoolId, active: true },
    select: { id: true, sourcedId: true, givenName: true, familyName: true, email: true },
    orderBy: [{ familyName: 'asc' }, { givenName: 'asc' }],
  });
  const expiresAt = new Date(input.now.getTime() + (input.ttlHours ?? DEFAULT_LINK_CODE_TTL_HOURS) * 3_600_000);
  const issued = people.map((person) => ({
    personId: person.id,
    sourcedId: person.sourcedId,
    name: `${person.givenName} ${person.familyName}`.trim(),
    email: person.email,
    code: generateCode(),
    expiresAt,
  }));

  await prisma.$transaction([
    prisma.linkCode.deleteMany({ where: { personId: { in: people.map((person) => person.id) }, usedAt: null } }),
    prisma.linkCode.createMany({
      data: issued.map((entry) => ({ codeHash: hashLinkCode(entry.code), personId: entry.personId, expiresAt })),
    }),
  ]);

  return issued;
}

export type RedeemResult =
  | { ok: true; personId: string; givenName: string }
  | { ok: false; error: 'invalid' | 'expired' | 'used' | 'account_linked_elsewhere' };

/**
 * Links a platform account to the person a code was issued to. A wrong code
 * reports only that it is wrong, never whose it could have been.
 */
export async function redeemLinkCode(
  prisma: PrismaClient,
  input: { code: string; platform: string; externalId: string; dmChannelId?: string; now: Date },
): Promise<RedeemResult> {
  const normalized = normalizeLinkCode(input.code);
  if (normalized.length !== CODE_LENGTH || [...normalized].some((letter) => !ALPHABET.includes(letter))) {
    return { ok: false, error: 'invalid' };
  }

  const linkCode = await prisma.linkCode.findUnique({
    where: { codeHash: hashLinkCode(normalized) },
    include: { person: { select: { id: true, givenName: true, active: true } } },
  });
  if (!linkCode || !linkCode.person.active) return { ok: false, error: 'invalid' };
  if (linkCode.usedAt) return { ok: false, error: 'used' };
  if (linkCode.expiresAt.getTime() <= input.now.getTime()) return { ok: false, error: 'expired' };

  const existing = await prisma.chatAccount.findUnique({
    where: { platform_externalId: { platform: input.platform, externalId: input.externalId } },
  });
  if (existing && existing.personId !== linkCode.personId) return { ok: false, error: 'account_linked_elsewhere' };

  // The conditional update makes a code that two people race for work once.
  const claimed = await prisma.linkCode.updateMany({
    where: { id: linkCode.id, usedAt: null },
    data: { usedAt: input.now, usedBy: `${input.platform}-${input.externalId}` },
  });
  if (claimed.count === 0) return { ok: false, error: 'used' };

  await linkAccount(prisma, {
    platform: input.platform,
    externalId: input.externalId,
    personId: linkCode.personId,
    ...(input.dmChannelId ? { dmChannelId: input.dmChannelId } : {}),
  });

  return { ok: true, personId: linkCode.person.id, givenName: linkCode.person.givenName };
}
