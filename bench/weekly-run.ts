// `npm run bench`: a weekly run for a generated school and /plan under load,
// against the real service with a fake Slack and a fresh PostgreSQL database.
// Exits with 1 when a target is missed or a check fails. docs/benchmarks.md
// describes what is measured and the limits of the measurement.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { createPostgresDatabase, type TestDatabase } from '../test/support/database.ts';
import { startChild, type BenchChild } from './child-process.ts';
import type { CallSummary, FakeSlackInfo, PostMessageProgress } from './fake-slack-child.ts';
import { generateSchool, type GeneratedSchool } from './generate-roster.ts';
import type { ImportResult } from './import-child.ts';
import { megabytes, type MemoryPhase } from './memory-sampler.ts';
import type { PlanLoadInput, PlanLoadResult } from './plan-load-child.ts';
import type { WeekRun } from './service-child.ts';
import { summarizeLatencies, type LatencySummary } from './stats.ts';

const settings = {
  students: positiveInteger('BENCH_STUDENTS', 10_000),
  homeroomSize: 20,
  planConcurrency: 50,
  planRounds: positiveInteger('BENCH_PLAN_ROUNDS', 20),
  timeZone: 'America/New_York',
  /** Extra Node flags for the service process only, such as --max-old-space-size=192. */
  serviceNodeFlags: (process.env.BENCH_SERVICE_NODE_FLAGS ?? '').split(' ').filter((flag) => flag !== ''),
  /** Delivery worker processes started beside the service (`npm run homeroom -- worker`). */
  extraWorkers: process.env.BENCH_EXTRA_WORKERS ? positiveInteger('BENCH_EXTRA_WORKERS', 1) : 0,
  signingSecret: 'bench-signing-secret',
};

const targets = {
  weeklyRunMs: 30_000,
  planP99Ms: 100,
  serviceRssBytes: 300 * 1024 * 1024,
};

// Bounds every wait, so that a stuck run fails instead of hanging.
const weekDeadlineMs = 600_000;
const stalledMs = 10_000;
const watchdogMs = 30 * 60_000;
const weekMs = 7 * 86_400_000;

interface StudentAccount {
  personId: string;
  slackId: string;
  dmChannelId: string;
}

interface WeekResult {
  name: string;
  /** From the start of the command until the fake received the last expected chat.postMessage. */
  allDeliveredMs: number;
  /** From the start of the command until it returned its report. */
  commandMs: number;
  firstMessageMs: number;
  report: string;
  calls: CallSummary['callsByMethod'];
}

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number; got "${raw}".`);

  return value;
}

function childPath(file: string): string {
  return path.join(import.meta.dirname, file);
}

function check(problems: string[], condition: boolean, problem: string): void {
  if (!condition) problems.push(problem);
}

async function importSchool(databaseUrl: string, school: GeneratedSchool): Promise<ImportResult> {
  const importer = await startChild(childPath('import-child.ts'));
  try {
    return await importer.request<ImportResult>('import', { databaseUrl, dir: school.dir, timeZone: settings.timeZone }, 600_000);
  } finally {
    await importer.close();
  }
}

async function registerStudents(db: TestDatabase, fake: BenchChild): Promise<StudentAccount[]> {
  const people = await db.prisma.person.findMany({
    where: { active: true, roles: { has: 'student' }, email: { not: null } },
    select: { id: true, email: true, givenName: true },
    orderBy: { sourcedId: 'asc' },
  });
  const users = await fake.request<{ id: string; dmChannelId: string }[]>(
    'addUsers',
    people.map((person) => ({ email: person.email!, name: person.givenName })),
  );

  return people.map((person, index) => ({ personId: person.id, slackId: users[index]!.id, dmChannelId: users[index]!.dmChannelId }));
}

/**
 * Runs `run weekly-reflections` in the service, as the local CLI does, and
 * waits until the fake Slack has received `expected` chat.postMessage calls.
 */
async function measureWeek(
  name: string,
  service: BenchChild,
  fake: BenchChild,
  expected: number,
  shiftMs: number,
  problems: string[],
): Promise<WeekResult> {
  await fake.request('reset');
  await service.request('phase', name);
  const command = service.request<WeekRun>('runWeek', shiftMs, weekDeadlineMs + 60_000);
  let commandDone = false;
  void command.then(
    () => (commandDone = true),
    () => (commandDone = true),
  );

  const pollStartedAt = Date.now();
  let progress: PostMessageProgress = { count: 0, firstAt: null, lastAt: null, targetAt: null };
  let lastChangeAt = pollStartedAt;
  while (Date.now() - pollStartedAt < weekDeadlineMs) {
    const previousCount = progress.count;
    progress = await fake.request<PostMessageProgress>('progress', expected);
    if (progress.count !== previousCount) lastChangeAt = Date.now();
    if (progress.targetAt !== null) break;
    // The command stops waiting after its own timeout, but the worker goes on
    // sending; stop polling only once nothing has arrived for a while.
    if (commandDone && Date.now() - lastChangeAt > stalledMs) break;
    await sleep(50);
  }
  const { startedAt, finishedAt, output } = await command;
  const commandMs = finishedAt - startedAt;

  // Duplicate sends would arrive after the command reported, so wait a moment before counting.
  await sleep(1000);
  const summary = await fake.request<CallSummary>('summary');
  const sent = summary.callsByMethod['chat.postMessage'] ?? 0;
  const report = output.lines.at(-1) ?? '';

  check(problems, output.exitCode === 0, `${name}: the command exited with ${output.exitCode}: ${output.lines.join(' | ')}`);
  check(problems, progress.targetAt !== null, `${name}: only ${progress.count} of ${expected} prompts arrived within ${weekDeadlineMs} ms`);
  check(problems, sent === expected, `${name}: the fake received ${sent} chat.postMessage calls, expected ${expected}`);
  check(problems, summary.usersWithOneMessage === expected, `${name}: ${summary.usersWithOneMessage} of ${expected} students got exactly one message`);
  check(problems, summary.maxMessagesToOneUser <= 1, `${name}: a student got ${summary.maxMessagesToOneUser} messages`);
  check(problems, Object.keys(summary.postMessageErrors).length === 0, `${name}: chat.postMessage errors ${JSON.stringify(summary.postMessageErrors)}`);
  check(problems, report === `Sent ${expected}, undeliverable 0, failed 0, still queued 0.`, `${name}: the command reported "${report}"`);

  return {
    name,
    allDeliveredMs: (progress.targetAt ?? Date.now()) - startedAt,
    commandMs,
    firstMessageMs: (progress.firstAt ?? startedAt) - startedAt,
    report,
    calls: summary.callsByMethod,
  };
}

async function measurePlan(servicePort: number, students: StudentAccount[], problems: string[]) {
  const loader = await startChild(childPath('plan-load-child.ts'));
  try {
    const input: PlanLoadInput = {
      eventsUrl: `http://127.0.0.1:${servicePort}/slack/events`,
      signingSecret: settings.signingSecret,
      users: students.map((student) => ({ id: student.slackId, dmChannelId: student.dmChannelId })),
      concurrency: settings.planConcurrency,
      rounds: 1,
      expectedText: 'Your learning plan',
    };
    // One round before the measured ones, so that lazy start-up work (the
    // first Bolt request, JIT compilation, pool connections) is reported apart.
    const warmUp = await loader.request<PlanLoadResult>('run', input);
    const rest = students.slice(settings.planConcurrency);
    const measured = await loader.request<PlanLoadResult>('run', {
      ...input,
      users: rest.map((student) => ({ id: student.slackId, dmChannelId: student.dmChannelId })),
      rounds: settings.planRounds,
    });
    for (const result of [warmUp, measured]) {
      check(problems, result.failures.length === 0, `/plan: ${result.failures.length} requests failed, first: ${JSON.stringify(result.failures[0])}`);
    }

    return { warmUp: summarizeLatencies(warmUp.latenciesMs), measured: summarizeLatencies(measured.latenciesMs), durationMs: measured.durationMs };
  } finally {
    await loader.close();
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function milliseconds(ms: number): string {
  return `${ms.toFixed(1)} ms`;
}

function printTable(rows: [string, string, string][]): void {
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd());
}

function printSummary(input: {
  school: GeneratedSchool;
  imported: ImportResult;
  weeks: WeekResult[];
  plan: { warmUp: LatencySummary; measured: LatencySummary; durationMs: number } | undefined;
  memory: MemoryPhase[];
  serviceMaxRss: number;
}): void {
  const { weeks, plan, imported } = input;
  const rows: [string, string, string][] = [['measure', 'result', 'target']];
  rows.push([`roster import (${settings.students} students, ${input.school.homerooms} homerooms)`, seconds(imported.durationMs), '']);
  rows.push(['roster import, max RSS of its process', megabytes(imported.maxRssBytes), '']);
  for (const week of weeks) {
    const rate = (settings.students / week.allDeliveredMs) * 1000;
    rows.push([`${week.name}: all prompts delivered`, `${seconds(week.allDeliveredMs)} (${rate.toFixed(0)}/s)`, `< ${seconds(targets.weeklyRunMs)}`]);
    rows.push([`${week.name}: first prompt delivered`, seconds(week.firstMessageMs), '']);
    rows.push([`${week.name}: command returned`, seconds(week.commandMs), '']);
  }
  if (plan) {
    const { measured, warmUp } = plan;
    rows.push([`/plan, ${measured.count} requests, ${settings.planConcurrency} at once: p50`, milliseconds(measured.p50), '']);
    rows.push(['/plan p95', milliseconds(measured.p95), '']);
    rows.push(['/plan p99', milliseconds(measured.p99), `< ${milliseconds(targets.planP99Ms)}`]);
    rows.push(['/plan max', milliseconds(measured.max), '']);
    rows.push([`/plan warm-up round (${warmUp.count} requests): p50 / max`, `${milliseconds(warmUp.p50)} / ${milliseconds(warmUp.max)}`, '']);
  }
  for (const phase of input.memory) {
    rows.push([`max RSS, ${phase.name} (max gap between samples ${milliseconds(phase.maxGapMs)})`, megabytes(phase.maxRssBytes), '']);
  }
  rows.push(['max RSS of the service process, over all phases', megabytes(input.serviceMaxRss), `< ${megabytes(targets.serviceRssBytes)}`]);

  console.log('');
  printTable(rows);
  for (const week of weeks) console.log(`${week.name} Slack calls: ${JSON.stringify(week.calls)}; report: ${week.report}`);
}

async function main(): Promise<number> {
  const problems: string[] = [];
  let db: TestDatabase | undefined;
  let fake: BenchChild | undefined;
  let service: BenchChild | undefined;
  let school: GeneratedSchool | undefined;
  const workers: BenchChild[] = [];
  const loadAtStart = loadavg();

  try {
    console.log(`Generating a OneRoster 1.1 package of ${settings.students} students...`);
    school = generateSchool({ students: settings.students, homeroomSize: settings.homeroomSize });
    db = await createPostgresDatabase();
    if (!db.url) throw new Error('createPostgresDatabase returned no URL');

    console.log('Importing the roster in a child process...');
    const imported = await importSchool(db.url, school);

    fake = await startChild(childPath('fake-slack-child.ts'));
    const fakeInfo = await fake.request<FakeSlackInfo>('info');
    const students = await registerStudents(db, fake);
    check(problems, students.length === settings.students, `the roster import created ${students.length} students, expected ${settings.students}`);

    service = await startChild(childPath('service-child.ts'), settings.serviceNodeFlags);
    // The same settings as the end-to-end tests' service, so WORKER_CONCURRENCY keeps its default.
    const serviceEnv = {
      DATABASE_URL: db.url,
      PORT: '0',
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: `homeroom-bench-${randomBytes(4).toString('hex')}`,
      SLACK_BOT_TOKEN: fakeInfo.botToken,
      SLACK_SIGNING_SECRET: settings.signingSecret,
      SLACK_API_URL: fakeInfo.apiUrl,
      // Sweeps run only when the bench starts one.
      SWEEP_CRON: '0 0 1 1 *',
      LOG_LEVEL: 'silent',
    };
    const started = await service.request<{ port: number; workerConcurrency: number }>('start', serviceEnv);
    for (let index = 0; index < settings.extraWorkers; index++) {
      const worker = await startChild(childPath('worker-child.ts'), settings.serviceNodeFlags);
      workers.push(worker);
      await worker.request('start', serviceEnv);
    }
    if (workers.length > 0) console.log(`Started ${workers.length} extra delivery worker process(es).`);
    const flags = settings.serviceNodeFlags.length > 0 ? `, Node flags ${settings.serviceNodeFlags.join(' ')}` : '';
    console.log(`Service started (pid ${service.pid}, WORKER_CONCURRENCY=${started.workerConcurrency}${flags}); ${students.length} students registered in the fake Slack.`);

    const weeks: WeekResult[] = [];
    console.log('Week 1: sending prompts and linking Slack accounts...');
    weeks.push(await measureWeek('week 1', service, fake, students.length, 0, problems));
    console.log('Week 2: sending prompts to linked accounts, with the service clock a week ahead...');
    weeks.push(await measureWeek('week 2', service, fake, students.length, weekMs, problems));

    await service.request('phase', '/plan load');
    console.log(`/plan: ${settings.planRounds} rounds of ${settings.planConcurrency} requests at once, from a child process...`);
    const plan = await measurePlan(started.port, students, problems);

    const memory = await service.request<MemoryPhase[]>('memory');
    const serviceMaxRss = Math.max(...memory.map((phase) => phase.maxRssBytes));
    printSummary({ school, imported, weeks, plan, memory, serviceMaxRss });
    console.log(`Load average (1, 5, 15 min) at start ${formatLoad(loadAtStart)}, at end ${formatLoad(loadavg())}.`);

    for (const week of weeks) {
      check(problems, week.allDeliveredMs < targets.weeklyRunMs, `${week.name}: delivery took ${seconds(week.allDeliveredMs)}, target < ${seconds(targets.weeklyRunMs)}`);
    }
    check(problems, plan.measured.p99 < targets.planP99Ms, `/plan p99 is ${milliseconds(plan.measured.p99)}, target < ${milliseconds(targets.planP99Ms)}`);
    check(problems, serviceMaxRss < targets.serviceRssBytes, `service RSS reached ${megabytes(serviceMaxRss)}, target < ${megabytes(targets.serviceRssBytes)}`);
  } catch (error) {
    problems.push(`the bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    await Promise.allSettled(workers.map((worker) => worker.close(30_000)));
    await cleanUp({ service, db, fake, school });
  }

  console.log('');
  if (problems.length === 0) {
    console.log('Every target was met.');

    return 0;
  }
  console.log('FAILED:');
  for (const problem of problems) console.log(`  - ${problem}`);

  return 1;
}

function formatLoad(load: number[]): string {
  return load.map((value) => value.toFixed(2)).join(', ');
}

async function cleanUp(parts: { service?: BenchChild; db?: TestDatabase; fake?: BenchChild; school?: GeneratedSchool }): Promise<void> {
  const steps: [string, () => Promise<unknown>][] = [
    // The service child obliterates its queue and stops the service before it exits.
    ['stop the service', async () => parts.service?.close(30_000)],
    ['drop the database', async () => parts.db?.destroy()],
    ['close the fake Slack', async () => parts.fake?.close()],
    ['remove the roster folder', async () => parts.school && rmSync(parts.school.dir, { recursive: true, force: true })],
  ];
  for (const [name, step] of steps) {
    try {
      await step();
    } catch (error) {
      console.error(`Cleanup: could not ${name}:`, error);
    }
  }
}

const watchdog = setTimeout(() => {
  console.error(`The bench did not finish within ${watchdogMs / 60_000} minutes; exiting.`);
  process.exit(2);
}, watchdogMs);
watchdog.unref();

const exitCode = await main();
// Open handles of libraries (Redis, PostgreSQL pools) must not keep a finished bench alive.
process.exit(exitCode);
