import { plainMessage, type OutgoingMessage } from '../bot/message.ts';
import type { PrismaClient } from '../db/client.ts';
import { parseGoalCommand } from '../domain/goal-command.ts';
import { GOAL_DOMAINS } from '../domain/goal-domains.ts';
import { t } from '../i18n/index.ts';
import type { Actor } from '../people/accounts.ts';
import { loadGoals } from './plan-data.ts';
import { showPlan } from './show-plan.ts';

// /plan numbers goals by domain (academic, college, career, personal), then
// in the order they were added; /goal must use the same numbers.
function numberedGoals<T extends { domain: string }>(goals: T[]): T[] {
  const rank = (goal: T) => (GOAL_DOMAINS as readonly string[]).indexOf(goal.domain);

  return [...goals].sort((first, second) => rank(first) - rank(second));
}

async function ensurePlan(prisma: PrismaClient, personId: string): Promise<string> {
  const plan = await prisma.learningPlan.upsert({ where: { personId }, create: { personId }, update: {}, select: { id: true } });

  return plan.id;
}

/** Runs `/goal …` for `actor` and returns the reply. */
export async function runGoalCommand(prisma: PrismaClient, actor: Actor, text: string, now: Date): Promise<OutgoingMessage> {
  const command = parseGoalCommand(text);
  if ('error' in command) {
    return plainMessage(t(`plans:goal.error.${command.error}`, { detail: command.detail ?? '' }) + '\n' + t('plans:goal.usage'), {
      ephemeral: true,
    });
  }

  if (command.action === 'list') return showPlan(prisma, actor, null, now);

  if (command.action === 'add') {
    const planId = await ensurePlan(prisma, actor.personId);
    const goal = await prisma.goal.create({
      data: {
        planId,
        domain: command.domain,
        title: command.title,
        ...(command.dueOn ? { milestones: { create: { title: command.title, dueOn: command.dueOn } } } : {}),
      },
    });
    const number = String(numberedGoals(await loadGoals(prisma, actor.personId)).findIndex((entry) => entry.id === goal.id) + 1);
    const domain = t(`plans:domain.${command.domain}`);

    return plainMessage(t('plans:goal.added', { number, domain, title: command.title }));
  }

  const goals = numberedGoals(await loadGoals(prisma, actor.personId));
  const goal = goals[command.goalNumber - 1];
  if (!goal) {
    return plainMessage(t('plans:goal.no_such_goal', { number: command.goalNumber, count: goals.length }), { ephemeral: true });
  }

  if (command.action === 'milestone') {
    await prisma.milestone.create({ data: { goalId: goal.id, title: command.title, dueOn: command.dueOn ?? null } });

    return plainMessage(
      command.dueOn
        ? t('plans:goal.milestone_added_due', { goal: goal.title, title: command.title, dueOn: command.dueOn })
        : t('plans:goal.milestone_added', { goal: goal.title, title: command.title }),
    );
  }

  return completeGoalOrMilestone(prisma, actor, goal, command.milestoneNumber, now);
}

async function completeGoalOrMilestone(
  prisma: PrismaClient,
  actor: Actor,
  goal: Awaited<ReturnType<typeof loadGoals>>[number],
  milestoneNumber: number | undefined,
  now: Date,
): Promise<OutgoingMessage> {
  if (milestoneNumber === undefined) {
    if (goal.status === 'completed') return plainMessage(t('plans:goal.already_done', { title: goal.title }), { ephemeral: true });
    // Finishing a goal finishes its open milestones, so none is left shown as due.
    await prisma.$transaction([
      prisma.goal.update({ where: { id: goal.id }, data: { status: 'completed', completedAt: now } }),
      prisma.milestone.updateMany({ where: { goalId: goal.id, completedAt: null }, data: { completedAt: now } }),
      prisma.portfolioEntry.create({
        data: { personId: actor.personId, kind: 'accomplishment', text: t('plans:goal.accomplishment_goal', { title: goal.title }) },
      }),
    ]);

    return plainMessage(t('plans:goal.goal_done', { title: goal.title }));
  }

  const milestone = goal.milestones[milestoneNumber - 1];
  if (!milestone) {
    return plainMessage(
      t('plans:goal.no_such_milestone', { number: milestoneNumber, goal: goal.title, count: goal.milestones.length }),
      { ephemeral: true },
    );
  }
  if (milestone.completedAt) return plainMessage(t('plans:goal.already_done', { title: milestone.title }), { ephemeral: true });

  await prisma.$transaction([
    prisma.milestone.update({ where: { id: milestone.id }, data: { completedAt: now } }),
    prisma.portfolioEntry.create({
      data: {
        personId: actor.personId,
        kind: 'accomplishment',
        text: t('plans:goal.accomplishment_milestone', { title: milestone.title, goal: goal.title }),
      },
    }),
  ]);

  return plainMessage(t('plans:goal.milestone_done', { title: milestone.title, goal: goal.title }));
}
