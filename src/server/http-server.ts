import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../logger.ts';

export interface ReadinessCheck {
  name: string;
  check: () => Promise<boolean>;
}

export interface HttpRoutes {
  /** Routes of the chat platforms, such as Slack's POST /slack/events, by path. */
  platformRoutes: Record<string, RequestListener>;
  readiness: ReadinessCheck[];
  /** Runs CLI commands sent by a local `homeroom` process; see src/cli/remote.ts. */
  localCommands?: (request: IncomingMessage, response: ServerResponse) => Promise<void>;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readiness(checks: ReadinessCheck[]): Promise<{ ready: boolean; checks: Record<string, boolean> }> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      try {
        return [name, await check()] as const;
      } catch {
        return [name, false] as const;
      }
    }),
  );

  return { ready: results.every(([, ok]) => ok), checks: Object.fromEntries(results) };
}

/** Starts the service's HTTP server: health, readiness, Slack and local commands. */
export async function startHttpServer(port: number, routes: HttpRoutes, logger: Logger): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';

    if (path === '/healthz' && request.method === 'GET') {
      sendJson(response, 200, { status: 'ok' });

      return;
    }
    if (path === '/readyz' && request.method === 'GET') {
      void readiness(routes.readiness).then((result) => sendJson(response, result.ready ? 200 : 503, result));

      return;
    }
    const platformRoute = routes.platformRoutes[path];
    if (platformRoute) {
      platformRoute(request, response);

      return;
    }
    if (path === '/internal/commands' && request.method === 'POST' && routes.localCommands) {
      routes.localCommands(request, response).catch((error: unknown) => {
        logger.error({ err: error }, 'local command failed');
        if (!response.headersSent) sendJson(response, 500, { error: 'command failed' });
      });

      return;
    }
    sendJson(response, 404, { error: `No route for ${request.method} ${path}` });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve();
    });
  });

  return server;
}
