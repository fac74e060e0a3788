import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readLockHolder } from '../db/data-dir-lock.ts';
import type { Runtime } from '../runtime.ts';
import type { CommandOutput } from './command-output.ts';
import { runCommandLine } from './command-table.ts';

// With the embedded database only one process may open the data folder, so
// a CLI command started beside the running service sends the command to the
// service, which runs it. The service accepts these only from loopback and
// checks the secret it wrote into the lock file, which only its user can read.
const SECRET_HEADER = 'x-homeroom-secret';
const MAX_BODY_BYTES = 64 * 1024;

export class RemoteCommandError extends Error {
  override name = 'RemoteCommandError';
}

/** Sends the command to the service that has locked `dataDir`, or returns undefined when none does. */
export async function runInService(dataDir: string, argv: string[]): Promise<CommandOutput | undefined> {
  const holder = readLockHolder(dataDir);
  if (!holder?.port || !holder.secret) return undefined;

  const response = await fetch(`http://127.0.0.1:${holder.port}/internal/commands`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SECRET_HEADER]: holder.secret },
    body: JSON.stringify({ argv, cwd: process.cwd() }),
  });
  if (!response.ok) {
    throw new RemoteCommandError(
      `The running service (process ${holder.pid}) failed to run the command (HTTP ${response.status}). See the service's log for the error.`,
    );
  }

  return (await response.json()) as CommandOutput;
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

async function readBody(request: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('command body too large');
    chunks.push(chunk as Buffer);
  }

  return Buffer.concat(chunks).toString('utf8');
}

/** Returns the service's handler for POST /internal/commands. */
export function localCommandHandler(runtime: Runtime, secret: string) {
  const expected = Buffer.from(secret);

  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const given = Buffer.from(String(request.headers[SECRET_HEADER] ?? ''));
    const authorized = given.length === expected.length && timingSafeEqual(given, expected);
    if (!isLoopback(request.socket.remoteAddress) || !authorized) {
      response.writeHead(403, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'forbidden' }));

      return;
    }

    const { argv, cwd } = JSON.parse(await readBody(request)) as { argv: unknown; cwd: unknown };
    if (!Array.isArray(argv) || !argv.every((part) => typeof part === 'string') || typeof cwd !== 'string') {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'expected { argv: string[], cwd: string }' }));

      return;
    }
    runtime.logger.info({ command: argv[0] }, 'running a command for a local CLI');
    const output = await runCommandLine(runtime, argv, { inService: true, cwd });
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(output));
  };
}
