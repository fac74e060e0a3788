import { fork, type ChildProcess } from 'node:child_process';

interface Request {
  id: number;
  type: string;
  payload: unknown;
}

type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** A bench helper running in its own Node process, reached by request and reply over IPC. */
export interface BenchChild {
  readonly pid: number;
  request<T>(type: string, payload?: unknown, timeoutMs?: number): Promise<T>;
  /** Asks the child to exit, and kills it when it has not exited after `graceMs`. */
  close(graceMs?: number): Promise<void>;
}

/** Starts `modulePath` with tsx in a child process, with extra Node flags, and waits for its first message. */
export async function startChild(modulePath: string, nodeFlags: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<BenchChild> {
  const child: ChildProcess = fork(modulePath, [], {
    execArgv: ['--import', 'tsx', ...nodeFlags],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  let exited = false;

  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      for (const waiter of pending.values()) waiter.reject(new Error(`${modulePath} exited (code ${code}, signal ${signal})`));
      pending.clear();
      resolve();
    });
  });

  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`${modulePath} exited with code ${code} before it was ready`)));
  });
  child.on('message', (message: Reply) => {
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.ok) waiter.resolve(message.result);
    else waiter.reject(new Error(message.error));
  });

  return {
    pid: child.pid!,
    request<T>(type: string, payload?: unknown, timeoutMs = 120_000): Promise<T> {
      if (exited) return Promise.reject(new Error(`${modulePath} has exited`));
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${modulePath}: request "${type}" timed out after ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, {
          resolve: (value) => {
            clearTimeout(timer);
            resolve(value as T);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
        child.send({ id, type, payload } satisfies Request);
      });
    },
    async close(graceMs = 5000) {
      if (exited) return;
      child.send({ id: 0, type: 'exit', payload: null } satisfies Request);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exit;
      clearTimeout(timer);
    },
  };
}

type Handler = (payload: never) => Promise<unknown> | unknown;

/**
 * Serves requests from the parent in a child started by `startChild`. The
 * `exit` request, or the end of the IPC channel when the parent dies, runs
 * `onExit` and ends the process.
 */
export function serveParent(handlers: Record<string, Handler>, onExit: () => Promise<void> = async () => {}): void {
  const send = (reply: Reply) => process.send?.(reply);
  const shutdown = async () => {
    await onExit().catch((error: unknown) => console.error('bench child cleanup failed:', error));
    process.exit(0);
  };
  process.on('disconnect', () => void shutdown());
  process.on('message', async (request: Request) => {
    if (request.type === 'exit') return shutdown();
    const handler = handlers[request.type];
    try {
      if (!handler) throw new Error(`unknown request type "${request.type}"`);
      send({ id: request.id, ok: true, result: await handler(request.payload as never) });
    } catch (error) {
      send({ id: request.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
  process.send?.({ id: 0, ok: true, result: 'ready' } satisfies Reply);
}
