import type { PrismaClient } from '../db/client.ts';
import { choosePrompt } from '../domain/prompt-rotation.ts';
import { localDate, termContaining, termInstants } from '../domain/terms.ts';
import { weeklyPromptSlot } from '../domain/weekly-schedule.ts';
import { findActiveStudents } from '../people/students.ts';

export const REFLECTION_PROMPT_KIND = 'reflection_prompt';

// Keeps `IN (...)` lists and multi-row inserts well under PostgreSQL's
// limit of 65,535 bind parameters.
const BATCH_SIZE = 2000;

export interface PlanWeeklyOptions {
  now: Date;
  schoolId?: string;
  /**
   * Also plans this week's prompt for students whose prompt time has not
   * come yet, so an operator can send the week's prompts early.
   */
  includeUpcoming?: boolean;
}

export interface PlannedWeek {
  schoolId: string;
  schoolName: string;
  week: string;
  created: number;
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));

  return chunks;
}

/** Returns the key that makes a weekly prompt delivery idempotent. */
export function reflectionPromptKey(week: string, studentId: string): string {
  return `reflection-prompt_${week}_${studentId}`;
}

/**
 * Creates this week's reflection request and its delivery for every active
 * student whose prompt is due, choosing each student's prompt from the bank.
 * Running it again creates nothing new.
 */
export async function planWeeklyReflections(prisma: PrismaClient, options: PlanWeeklyOptions): Promise<PlannedWeek[]> {
  const schools = await prisma.school.findMany({
    where: options.schoolId ? { id: options.schoolId } : {},
    include: { terms: true },
    orderBy: { name: 'asc' },
  });
  const prompts = await prisma.reflectionPrompt.findMany({
    where: { active: true },
    select: { id: true, position: true },
  });
  if (prompts.length === 0) throw new Error('The reflection prompt bank is empty; run `npm run homeroom -- migrate` to seed it.');

  const planned: PlannedWeek[] = [];
  for (const school of schools) {
    const students = await findActiveStudents(prisma, school.id);

    // Students in another time zone than their school get their own slot.
    const byZone = new Map<string, string[]>();
    for (const student of students) {
      const zone = student.timeZone ?? school.timeZone;
      const ids = byZone.get(zone) ?? [];
      ids.push(student.id);
      byZone.set(zone, ids);
    }

    for (const [timeZone, studentIds] of byZone) {
      const slot = weeklyPromptSlot({
        timeZone,
        weekday: school.promptWeekday,
        time: school.promptTime,
        at: options.now,
      });
      if (slot.dueAt.getTime() > options.now.getTime() && !options.includeUpcoming) continue;

      const term = termContaining(localDate(options.now, timeZone), school.terms);
      const termRange = termInstants(term, timeZone);
      const dueAt = slot.dueAt.getTime() > options.now.getTime() ? options.now : slot.dueAt;

      let created = 0;
      for (const batch of chunk(studentIds, BATCH_SIZE)) {
        created += await planBatch(prisma, { batch, week: slot.week, dueAt, closesAt: slot.closesAt, termRange, prompts });
      }
      planned.push({ schoolId: school.id, schoolName: school.name, week: slot.week, created });
    }
  }

  return planned;
}

interface BatchInput {
  batch: string[];
  week: string;
  dueAt: Date;
  closesAt: Date;
  termRange: { start: Date; end: Date };
  prompts: { id: string; position: number }[];
}

async function planBatch(prisma: PrismaClient, input: BatchInput): Promise<number> {
  const alreadyPlanned = await prisma.reflectionRequest.findMany({
    where: { week: input.week, studentId: { in: input.batch } },
    select: { studentId: true },
  });
  const plannedIds = new Set(alreadyPlanned.map((request) => request.studentId));
  const due = input.batch.filter((id) => !plannedIds.has(id));
  if (due.length === 0) return 0;

  const history = await prisma.reflectionRequest.findMany({
    where: { studentId: { in: due }, dueAt: { gte: input.termRange.start, lt: input.termRange.end } },
    select: { studentId: true, promptId: true, dueAt: true },
  });
  const historyByStudent = new Map<string, { promptId: string; askedAt: Date }[]>();
  for (const row of history) {
    const list = historyByStudent.get(row.studentId) ?? [];
    list.push({ promptId: row.promptId, askedAt: row.dueAt });
    historyByStudent.set(row.studentId, list);
  }

  const requests = due.map((studentId) => ({
    studentId,
    week: input.week,
    promptId: choosePrompt(input.prompts, historyByStudent.get(studentId) ?? [], input.termRange),
    dueAt: input.dueAt,
    closesAt: input.closesAt,
  }));
  const deliveries = requests.map((request) => ({
    key: reflectionPromptKey(input.week, request.studentId),
    kind: REFLECTION_PROMPT_KIND,
    recipientId: request.studentId,
    dueAt: input.dueAt,
    // The request is found again by student and week, because a racing
    // sweep may have inserted its own request row first.
    payload: { week: input.week },
  }));

  // Two sweeps racing each other both skip rows the other inserted first.
  const [inserted] = await prisma.$transaction([
    prisma.reflectionRequest.createMany({ data: requests, skipDuplicates: true }),
    prisma.delivery.createMany({ data: deliveries, skipDuplicates: true }),
  ]);

  return inserted.count;
}
