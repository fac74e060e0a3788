import { isIsoDate } from './calendar-date.ts';
import { GOAL_DOMAINS, type GoalDomain } from './goal-domains.ts';

export interface PlanMilestoneInput {
  id: string;
  title: string;
  /** Calendar date "YYYY-MM-DD" in the student's time zone, or null for no due date. */
  dueOn: string | null;
  completedAt: Date | null;
}

export interface PlanGoalInput {
  id: string;
  domain: GoalDomain;
  title: string;
  status: 'active' | 'completed';
  completedAt: Date | null;
  milestones: PlanMilestoneInput[];
}

export interface MilestoneSummary {
  id: string;
  /** 1-based position within the goal, as `/goal done N.M` refers to it. */
  number: number;
  title: string;
  dueOn: string | null;
  done: boolean;
  overdue: boolean;
}

export interface GoalSummary {
  id: string;
  /** 1-based position across the whole plan, as `/goal done N` refers to it. */
  number: number;
  domain: GoalDomain;
  title: string;
  status: 'active' | 'completed';
  completedAt: Date | null;
  milestones: MilestoneSummary[];
  milestonesDone: number;
  milestonesTotal: number;
  milestonesOverdue: number;
}

export interface DomainSummary {
  domain: GoalDomain;
  goals: GoalSummary[];
}

/** The open milestone due soonest, which the plan view and nudges highlight. */
export interface NextMilestone {
  goalId: string;
  goalNumber: number;
  goalTitle: string;
  milestoneId: string;
  milestoneNumber: number;
  title: string;
  dueOn: string;
  overdue: boolean;
}

export interface PlanTotals {
  goals: number;
  goalsCompleted: number;
  milestones: number;
  milestonesDone: number;
  milestonesOverdue: number;
}

export interface PlanSummary {
  /** One entry per domain in the order academic, college, career, personal, even when empty. */
  domains: DomainSummary[];
  nextMilestone: NextMilestone | null;
  totals: PlanTotals;
  reflections: { asked: number; answered: number };
}

/**
 * Summarizes a learning plan for the /plan view.
 *
 * Goals keep their input order within each domain and are numbered 1, 2, 3, …
 * across domains in display order. Milestones keep their input order, so callers
 * pass both in creation order to keep numbers stable. A milestone is overdue when it
 * is open, its goal is active and its due date is before `today`, because due today
 * is still on time. Open milestones of a completed goal are neither overdue nor next.
 *
 * Throws a RangeError when `today` is not a "YYYY-MM-DD" date.
 */
export function summarizePlan(
  goals: readonly PlanGoalInput[],
  today: string,
  reflections: { asked: number; answered: number },
): PlanSummary {
  if (!isIsoDate(today)) {
    throw new RangeError(`Invalid date "${today}": expected a calendar date as "YYYY-MM-DD".`);
  }

  let goalNumber = 0;
  const domains = GOAL_DOMAINS.map((domain): DomainSummary => {
    const domainGoals = goals.filter((goal) => goal.domain === domain);
    return {
      domain,
      goals: domainGoals.map((goal) => {
        goalNumber += 1;
        return summarizeGoal(goal, goalNumber, today);
      }),
    };
  });
  const allGoals = domains.flatMap((entry) => entry.goals);

  return {
    domains,
    nextMilestone: findNextMilestone(allGoals),
    totals: {
      goals: allGoals.length,
      goalsCompleted: allGoals.filter((goal) => goal.status === 'completed').length,
      milestones: sum(allGoals.map((goal) => goal.milestonesTotal)),
      milestonesDone: sum(allGoals.map((goal) => goal.milestonesDone)),
      milestonesOverdue: sum(allGoals.map((goal) => goal.milestonesOverdue)),
    },
    reflections: { asked: reflections.asked, answered: reflections.answered },
  };
}

/** Finds the goal that `/goal` calls number `goalNumber`, if there is one. */
export function goalByNumber(summary: PlanSummary, goalNumber: number): GoalSummary | undefined {
  return summary.domains.flatMap((entry) => entry.goals).find((goal) => goal.number === goalNumber);
}

function summarizeGoal(goal: PlanGoalInput, number: number, today: string): GoalSummary {
  const active = goal.status === 'active';
  const milestones = goal.milestones.map((milestone, index): MilestoneSummary => {
    const done = milestone.completedAt !== null;
    return {
      id: milestone.id,
      number: index + 1,
      title: milestone.title,
      dueOn: milestone.dueOn,
      done,
      overdue: active && !done && milestone.dueOn !== null && milestone.dueOn < today,
    };
  });

  return {
    id: goal.id,
    number,
    domain: goal.domain,
    title: goal.title,
    status: goal.status,
    completedAt: goal.completedAt,
    milestones,
    milestonesDone: milestones.filter((milestone) => milestone.done).length,
    milestonesTotal: milestones.length,
    milestonesOverdue: milestones.filter((milestone) => milestone.overdue).length,
  };
}

/**
 * Picks the open milestone with the earliest due date among active goals. Overdue
 * milestones have earlier dates than any on-time one, so they come first. Ties go
 * to the lower goal number, then the title in code-unit order, then the milestone
 * number.
 */
function findNextMilestone(goals: readonly GoalSummary[]): NextMilestone | null {
  let next: NextMilestone | null = null;
  for (const goal of goals) {
    if (goal.status !== 'active') continue;
    for (const milestone of goal.milestones) {
      if (milestone.done || milestone.dueOn === null) continue;
      const candidate: NextMilestone = {
        goalId: goal.id,
        goalNumber: goal.number,
        goalTitle: goal.title,
        milestoneId: milestone.id,
        milestoneNumber: milestone.number,
        title: milestone.title,
        dueOn: milestone.dueOn,
        overdue: milestone.overdue,
      };
      if (next === null || comesBefore(candidate, next)) {
        next = candidate;
      }
    }
  }

  return next;
}

function comesBefore(left: NextMilestone, right: NextMilestone): boolean {
  if (left.dueOn !== right.dueOn) return left.dueOn < right.dueOn;
  if (left.goalNumber !== right.goalNumber) return left.goalNumber < right.goalNumber;
  if (left.title !== right.title) return left.title < right.title;

  return left.milestoneNumber < right.milestoneNumber;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
