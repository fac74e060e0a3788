import { describe, expect, it } from 'vitest';
import { goalByNumber, summarizePlan, type PlanGoalInput } from '../../../src/domain/plan-progress.ts';

const TODAY = '2026-11-10';
const done = new Date('2026-10-01T12:00:00Z');
const noReflections = { asked: 0, answered: 0 };

function milestone(id: string, dueOn: string | null, completedAt: Date | null = null, title = id) {
  return { id, title, dueOn, completedAt };
}

const goals: PlanGoalInput[] = [
  {
    id: 'g-career',
    domain: 'career',
    title: 'Shadow a nurse',
    status: 'active',
    completedAt: null,
    milestones: [milestone('m-c1', '2026-12-01'), milestone('m-c2', null)],
  },
  {
    id: 'g-calc',
    domain: 'academic',
    title: 'Pass calculus 📐',
    status: 'active',
    completedAt: null,
    milestones: [
      milestone('m-a1', '2026-10-15', done),
      milestone('m-a2', '2026-11-01'),
      milestone('m-a3', '2026-11-10'),
      milestone('m-a4', '2026-11-20'),
    ],
  },
  {
    id: 'g-read',
    domain: 'academic',
    title: 'קריאה יומית',
    status: 'completed',
    completedAt: done,
    milestones: [milestone('m-r1', '2026-09-01'), milestone('m-r2', '2026-09-15', done)],
  },
  {
    id: 'g-club',
    domain: 'personal',
    title: 'Start a chess club',
    status: 'active',
    completedAt: null,
    milestones: [],
  },
];

describe('summarizePlan', () => {
  const summary = summarizePlan(goals, TODAY, { asked: 12, answered: 9 });

  it('groups domains in fixed order', () => {
    expect(summary.domains.map((entry) => entry.domain)).toEqual(['academic', 'college', 'career', 'personal']);
    expect(summary.domains[1]!.goals).toEqual([]);
  });

  it('numbers goals in display order', () => {
    const numbered = summary.domains.flatMap((entry) => entry.goals.map((goal) => [goal.number, goal.id]));
    expect(numbered).toEqual([
      [1, 'g-calc'],
      [2, 'g-read'],
      [3, 'g-career'],
      [4, 'g-club'],
    ]);
  });

  it('counts milestones per goal', () => {
    const calculus = summary.domains[0]!.goals[0]!;
    expect(calculus.title).toBe('Pass calculus 📐');
    expect(calculus.milestonesDone).toBe(1);
    expect(calculus.milestonesTotal).toBe(4);
    // Due 11-01 is overdue. Due today (11-10) and done ones are not.
    expect(calculus.milestonesOverdue).toBe(1);
    expect(calculus.milestones.map((entry) => [entry.number, entry.done, entry.overdue])).toEqual([
      [1, true, false],
      [2, false, true],
      [3, false, false],
      [4, false, false],
    ]);
  });

  it('never marks a completed goal overdue', () => {
    const reading = summary.domains[0]!.goals[1]!;
    expect(reading.status).toBe('completed');
    expect(reading.completedAt).toBe(done);
    expect(reading.milestonesOverdue).toBe(0);
    expect(reading.milestonesDone).toBe(1);
    expect(reading.milestonesTotal).toBe(2);
  });

  it('reports a goal without milestones', () => {
    const club = summary.domains[3]!.goals[0]!;
    expect(club.milestonesTotal).toBe(0);
    expect(club.milestonesDone).toBe(0);
    expect(club.milestonesOverdue).toBe(0);
  });

  it('picks the overdue milestone as next', () => {
    expect(summary.nextMilestone).toEqual({
      goalId: 'g-calc',
      goalNumber: 1,
      goalTitle: 'Pass calculus 📐',
      milestoneId: 'm-a2',
      milestoneNumber: 2,
      title: 'm-a2',
      dueOn: '2026-11-01',
      overdue: true,
    });
  });

  it('adds up totals', () => {
    expect(summary.totals).toEqual({
      goals: 4,
      goalsCompleted: 1,
      milestones: 8,
      milestonesDone: 2,
      milestonesOverdue: 1,
    });
  });

  it('copies reflection counts', () => {
    expect(summary.reflections).toEqual({ asked: 12, answered: 9 });
  });

  it('summarizes an empty plan', () => {
    const empty = summarizePlan([], TODAY, noReflections);
    expect(empty.domains.map((entry) => entry.goals.length)).toEqual([0, 0, 0, 0]);
    expect(empty.nextMilestone).toBeNull();
    expect(empty.totals).toEqual({ goals: 0, goalsCompleted: 0, milestones: 0, milestonesDone: 0, milestonesOverdue: 0 });
  });

  it('picks the earliest due date on time', () => {
    const plan = summarizePlan(
      [
        {
          id: 'g1',
          domain: 'college',
          title: 'Apply',
          status: 'active',
          completedAt: null,
          milestones: [milestone('late', '2026-12-20'), milestone('soon', '2026-11-12'), milestone('none', null)],
        },
      ],
      TODAY,
      noReflections,
    );
    expect(plan.nextMilestone?.milestoneId).toBe('soon');
    expect(plan.nextMilestone?.overdue).toBe(false);
  });

  it('breaks due-date ties by goal then title', () => {
    const plan = summarizePlan(
      [
        {
          id: 'personal',
          domain: 'personal',
          title: 'P',
          status: 'active',
          completedAt: null,
          milestones: [milestone('p1', '2026-11-15', null, 'Aardvark')],
        },
        {
          id: 'career',
          domain: 'career',
          title: 'C',
          status: 'active',
          completedAt: null,
          milestones: [
            milestone('c1', '2026-11-15', null, 'Zebra'),
            milestone('c2', '2026-11-15', null, 'Mango'),
            milestone('c3', '2026-11-15', null, 'Mango'),
          ],
        },
      ],
      TODAY,
      noReflections,
    );
    // Career (goal 1) comes before personal (goal 2), then "Mango" < "Zebra",
    // then the lower milestone number.
    expect(plan.nextMilestone?.goalId).toBe('career');
    expect(plan.nextMilestone?.milestoneId).toBe('c2');
  });

  it('skips completed goals for next', () => {
    const plan = summarizePlan([goals[2]!], TODAY, noReflections);
    expect(plan.nextMilestone).toBeNull();
  });

  it('rejects an invalid today', () => {
    expect(() => summarizePlan(goals, '2026-11-31', noReflections)).toThrow(RangeError);
    expect(() => summarizePlan(goals, '10/11/2026', noReflections)).toThrow(RangeError);
  });
});

describe('goalByNumber', () => {
  const summary = summarizePlan(goals, TODAY, noReflections);

  it('finds goals by display number', () => {
    expect(goalByNumber(summary, 1)?.id).toBe('g-calc');
    expect(goalByNumber(summary, 3)?.id).toBe('g-career');
    expect(goalByNumber(summary, 4)?.id).toBe('g-club');
  });

  it('returns undefined out of range', () => {
    expect(goalByNumber(summary, 0)).toBeUndefined();
    expect(goalByNumber(summary, 5)).toBeUndefined();
  });
});
