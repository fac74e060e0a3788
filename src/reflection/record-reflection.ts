import type { PrismaClient } from '../db/client.ts';
import { Prisma } from '../db/generated/client.ts';
import { normalizeReflection } from '../domain/reflection-text.ts';

export interface ReflectionSource {
  platform: string;
  /** Unique per message on the platform, so a resent event is stored once. */
  messageId: string;
}

export interface RecordReflectionInput {
  personId: string;
  text: string;
  source: ReflectionSource;
  /** Set when the student answered a specific prompt (a form); otherwise the latest open prompt. */
  requestId?: string;
  at: Date;
}

export type RecordReflectionResult =
  | { status: 'answered'; entryId: string; requestId: string; week: string; late: boolean; text: string }
  | { status: 'saved_as_note'; entryId: string; reason: 'no_open_prompt' | 'already_answered'; text: string }
  | { status: 'duplicate' }
  | { status: 'invalid'; error: 'empty' | 'too_long'; length: number; max: number };

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

async function findTargetRequest(prisma: PrismaClient, input: RecordReflectionInput) {
  if (input.requestId) {
    return prisma.reflectionRequest.findFirst({ where: { id: input.requestId, studentId: input.personId } });
  }

  // A DM answers the most recent prompt the student was sent.
  return prisma.reflectionRequest.findFirst({
    where: { studentId: input.personId, sentAt: { not: null } },
    orderBy: { dueAt: 'desc' },
  });
}

/**
 * Files a student's reply: as the answer to their open prompt when there
 * is one, and otherwise as a note in the portfolio, so nothing is lost.
 */
export async function recordReflection(prisma: PrismaClient, input: RecordReflectionInput): Promise<RecordReflectionResult> {
  const normalized = normalizeReflection(input.text);
  if (!normalized.ok) {
    return { status: 'invalid', error: normalized.error, length: normalized.length, max: normalized.max };
  }

  const existing = await prisma.portfolioEntry.findUnique({
    where: { sourcePlatform_sourceMessageId: { sourcePlatform: input.source.platform, sourceMessageId: input.source.messageId } },
    select: { id: true },
  });
  if (existing) return { status: 'duplicate' };

  const request = await findTargetRequest(prisma, input);
  try {
    return await prisma.$transaction(async (tx) => {
      // Claiming the request with a conditional update makes two replies
      // that race each other file one answer and one note.
      const claimed = request
        ? await tx.reflectionRequest.updateMany({
            where: { id: request.id, answeredAt: null },
            data: { answeredAt: input.at },
          })
        : { count: 0 };

      if (request && claimed.count === 1) {
        const late = input.at.getTime() >= request.closesAt.getTime();
        const entry = await tx.portfolioEntry.create({
          data: {
            personId: input.personId,
            kind: 'reflection',
            text: normalized.text,
            late,
            reflectionRequestId: request.id,
            sourcePlatform: input.source.platform,
            sourceMessageId: input.source.messageId,
            createdAt: input.at,
          },
        });

        return { status: 'answered', entryId: entry.id, requestId: request.id, week: request.week, late, text: normalized.text };
      }

      const entry = await tx.portfolioEntry.create({
        data: {
          personId: input.personId,
          kind: 'note',
          text: normalized.text,
          visibility: 'private',
          sourcePlatform: input.source.platform,
          sourceMessageId: input.source.messageId,
          createdAt: input.at,
        },
      });

      return {
        status: 'saved_as_note',
        entryId: entry.id,
        reason: request ? 'already_answered' : 'no_open_prompt',
        text: normalized.text,
      };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { status: 'duplicate' };
    throw error;
  }
}
