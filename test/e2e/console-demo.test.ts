import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../adapters/console/render-text.ts';

// The demo runs as `npm run demo` does, in a child process against the
// local Redis (REDIS_URL, or 127.0.0.1:6379) and a fresh embedded database.

const repoRoot = path.resolve(import.meta.dirname, '../..');
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
// Starting PGlite and applying the migrations takes most of a run.
const demoTimeoutMs = 240_000;

interface DemoRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

function runDemo(args: string[], env: NodeJS.ProcessEnv = {}): Promise<DemoRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'adapters/console/demo.ts', ...args], {
      cwd: repoRoot,
      env: { ...process.env, REDIS_URL: redisUrl, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: demoTimeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}

/** Returns the body lines, without their indentation, of each message the bot sent to `name`. */
function messagesTo(stdout: string, name: string): string[][] {
  const lines = stdout.split('\n');
  const messages: string[][] = [];
  lines.forEach((line, index) => {
    if (line !== `bot → ${name}:`) return;
    const body: string[] = [];
    for (let next = index + 1; next < lines.length && lines[next]!.startsWith('  '); next++) body.push(lines[next]!.slice(2));
    messages.push(body);
  });

  return messages;
}

/** Returns the data folder and queue prefix that the demo's first line names. */
function demoEnvironment(stdout: string): { dataDir: string; queuePrefix: string } {
  const match = /^Homeroom demo: a fresh embedded database in (.+), queue prefix (homeroom-demo-[0-9a-f]+)\.$/m.exec(stdout);
  if (!match) throw new Error(`The demo did not name its data folder and queue prefix. Output:\n${stdout}`);

  return { dataDir: match[1]!, queuePrefix: match[2]! };
}

async function countRedisKeys(prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let count = 0;
    let cursor = '0';
    do {
      const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      count += keys.length;
      cursor = nextCursor;
    } while (cursor !== '0');

    return count;
  } finally {
    redis.disconnect();
  }
}

const promptHeader = '# Weekly reflection';
const savedConfirmation = (name: string) => new RegExp(`^Thanks, ${name}! Your reflection for week \\d{4}-W\\d{2} is saved in your portfolio\\.$`);
const notAllowedReply = 'You can only see your own plan, or the plans of the students you advise or mentor.';
const answeredOneOfOne = 'Reflections this term: 1 answered of 1 asked';
const adaGoalLines = ['1. Finish my chemistry lab report: 0/1 milestones done', '   ○ 1.1 Write the introduction'];
const benAnswer = 'I practised algebra every day 📐✨ وتعلمت أن الصبر مهم 🙂';

describe('console demo tour script', () => {
  let run: DemoRun;

  beforeAll(async () => {
    run = await runDemo(['--script', 'demo/scripts/tour.txt']);
  }, demoTimeoutMs + 10_000);

  it('exits 0', () => {
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
  });

  it('sends each student in the tour one prompt', () => {
    for (const name of ['Ada Lopez', 'Ben Chen']) {
      const prompts = messagesTo(run.stdout, name).filter((body) => body[0] === promptHeader);
      expect(prompts, name).toHaveLength(1);
      expect(prompts[0]).toContain('[Answer in a form] type /reflect to answer in a form');
    }
  });

  it('confirms both answers, quoting them verbatim', () => {
    const adaConfirmations = messagesTo(run.stdout, 'Ada Lopez').filter((body) => savedConfirmation('Ada').test(body[0] ?? ''));
    const benConfirmations = messagesTo(run.stdout, 'Ben Chen').filter((body) => savedConfirmation('Ben').test(body[0] ?? ''));

    expect(adaConfirmations).toHaveLength(1);
    expect(benConfirmations).toHaveLength(1);
    expect(adaConfirmations[0]).toContain('> This week I finished my biology lab report and learned how enzymes speed up reactions.');
    expect(benConfirmations[0]).toContain(`> ${benAnswer}`);
  });

  it('opens the form and echoes its answer', () => {
    const lines = run.stdout.split('\n');

    expect(lines).toContain('[Ben Chen] > /reflect');
    expect(lines).toContain(`[Ben Chen] (form) > ${benAnswer}`);
  });

  it("counts each student's answered prompt in /plan", () => {
    const adaPlans = messagesTo(run.stdout, 'Ada Lopez').filter((body) => body[0] === '# Your learning plan');
    const benPlans = messagesTo(run.stdout, 'Ben Chen').filter((body) => body[0] === '# Your learning plan');

    expect(adaPlans).toHaveLength(2);
    expect(benPlans).toHaveLength(1);
    for (const plan of [...adaPlans, ...benPlans]) expect(plan).toContain(answeredOneOfOne);
  });

  it('shows the goal and milestone added with /goal', () => {
    const ada = messagesTo(run.stdout, 'Ada Lopez');

    expect(ada).toContainEqual(['Added goal 1 to your Academic goals: Finish my chemistry lab report']);
    expect(ada).toContainEqual(['Added the milestone "Write the introduction" to "Finish my chemistry lab report".']);
    const latestPlan = ada.filter((body) => body[0] === '# Your learning plan').at(-1);
    expect(latestPlan).toEqual(expect.arrayContaining(adaGoalLines));
  });

  it("rejects a student's /plan of a classmate", () => {
    expect(run.stdout.split('\n')).toContain('[Ada Lopez] > /plan Ben Chen');
    expect(messagesTo(run.stdout, 'Ada Lopez')).toContainEqual([notAllowedReply]);
  });

  it("shows the advisor their advisee's plan", () => {
    const advisorMessages = messagesTo(run.stdout, 'Linh Nguyen');

    expect(advisorMessages).toHaveLength(1);
    expect(advisorMessages[0]![0]).toBe('# Learning plan of Ada Lopez');
    expect(advisorMessages[0]).toEqual(expect.arrayContaining([...adaGoalLines, answeredOneOfOne]));
    expect(advisorMessages[0]).not.toContain(notAllowedReply);
  });

  it('removes its data folder and queue', async () => {
    const { dataDir, queuePrefix } = demoEnvironment(run.stdout);

    expect(existsSync(dataDir)).toBe(false);
    expect(await countRedisKeys(queuePrefix)).toBe(0);
  });
});

describe('console demo failures', () => {
  let scriptDir: string;

  beforeAll(() => {
    scriptDir = mkdtempSync(path.join(tmpdir(), 'homeroom-demo-script-'));
  });
  afterAll(() => {
    rmSync(scriptDir, { recursive: true, force: true });
  });

  it(
    'stops at an unknown person',
    async () => {
      const script = path.join(scriptDir, 'unknown-person.txt');
      writeFileSync(script, '# Nobody in the demo school has this name.\npeople\nas Zed Unknown\n/plan\n');

      const run = await runDemo(['--script', script]);

      expect(run.exitCode).toBe(1);
      expect(run.stderr.trim()).toBe(
        `Demo script ${script}, line 3: No one in the roster matches "Zed Unknown". Type people to list everyone.`,
      );
      expect(run.stdout).toContain('[nobody] > as Zed Unknown');
      expect(run.stdout).not.toContain('] > /plan');
      const { dataDir, queuePrefix } = demoEnvironment(run.stdout);
      expect(existsSync(dataDir)).toBe(false);
      expect(await countRedisKeys(queuePrefix)).toBe(0);
    },
    demoTimeoutMs,
  );

  it(
    'reports Redis being down in one line',
    async () => {
      // No Redis listens on the privileged port 1, so the connection is refused at once.
      const run = await runDemo(['--script', 'demo/scripts/tour.txt'], { REDIS_URL: 'redis://127.0.0.1:1' });

      expect(run.exitCode).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr.trim()).toMatch(
        /^Cannot reach Redis at redis:\/\/127\.0\.0\.1:1\/? \(.+\)\. Start Redis or set REDIS_URL to a running server\.$/,
      );
    },
    demoTimeoutMs,
  );
});

describe('console renderText', () => {
  it('keeps quoted text verbatim, line by line', () => {
    const lines = renderText({ text: 'x', blocks: [{ type: 'quote', text: '*not bold* <b>\n\nשלום 👋' }] });

    expect(lines).toEqual(['> *not bold* <b>', '>', '> שלום 👋']);
  });

  it('renders fields, dividers and actions', () => {
    const lines = renderText({
      text: 'x',
      blocks: [
        { type: 'fields', fields: [{ label: 'Week', value: '2026-W49' }] },
        { type: 'divider' },
        { type: 'actions', actions: [{ id: 'other.action', label: 'Open', value: '1' }] },
      ],
    });

    expect(lines).toEqual(['Week: 2026-W49', '---', '[Open]']);
  });

  it('falls back to the plain text without blocks', () => {
    expect(renderText({ text: 'one\ntwo', blocks: [] })).toEqual(['one', 'two']);
  });
});
