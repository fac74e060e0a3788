// Sends /plan slash commands from its own process, so that the requests'
// signing and parsing do not share an event loop with the service they time.
import { postSlashCommand } from '../test/fakes/slack/index.ts';
import { serveParent } from './child-process.ts';

export interface PlanLoadInput {
  eventsUrl: string;
  signingSecret: string;
  users: { id: string; dmChannelId: string }[];
  concurrency: number;
  rounds: number;
  /** Text that every successful reply contains. */
  expectedText: string;
}

export interface PlanLoadResult {
  /** Latency of every request, in milliseconds, in the order they were sent. */
  latenciesMs: number[];
  /** Requests whose status or reply was not the expected one, with what came back. */
  failures: { userId: string; status: number; text: string }[];
  durationMs: number;
}

async function timedRequest(input: PlanLoadInput, user: { id: string; dmChannelId: string }) {
  const started = performance.now();
  const response = await postSlashCommand(input.eventsUrl, input.signingSecret, {
    command: '/plan',
    text: '',
    user_id: user.id,
    channel_id: user.dmChannelId,
  });
  const latencyMs = performance.now() - started;
  const text = typeof response.body === 'object' && response.body !== null ? String((response.body as { text?: unknown }).text) : String(response.body);

  return { latencyMs, ok: response.status === 200 && text.includes(input.expectedText), status: response.status, text };
}

serveParent({
  /**
   * Sends `rounds` rounds of `concurrency` requests at once, each round after
   * the previous one has received its responses, each request for the next user.
   */
  async run(input: PlanLoadInput): Promise<PlanLoadResult> {
    const latenciesMs: number[] = [];
    const failures: PlanLoadResult['failures'] = [];
    const started = performance.now();
    let next = 0;
    for (let round = 0; round < input.rounds; round += 1) {
      const batch = Array.from({ length: input.concurrency }, () => input.users[next++ % input.users.length]!);
      const results = await Promise.all(batch.map((user) => timedRequest(input, user)));
      results.forEach((result, index) => {
        latenciesMs.push(result.latencyMs);
        if (!result.ok) failures.push({ userId: batch[index]!.id, status: result.status, text: result.text.slice(0, 200) });
      });
    }

    return { latenciesMs, failures, durationMs: performance.now() - started };
  },
});
