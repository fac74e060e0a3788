import { Redis } from 'ioredis';

export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}

/** Returns the URL with any password replaced, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';

    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/**
 * Connects to Redis and fails fast with one clear message when it cannot,
 * instead of letting ioredis retry forever in the background.
 */
export async function connectRedis(url: string, timeoutMs = 5000): Promise<Redis> {
  // BullMQ workers block on Redis commands, which requires unlimited retries per request.
  const redis = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true, connectTimeout: timeoutMs });
  let lastError: Error | undefined;
  redis.on('error', (error: Error) => {
    lastError = error;
  });

  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    const reason = (lastError ?? (error as Error)).message;
    throw new RedisUnavailableError(
      `Cannot reach Redis at ${redactUrl(url)} (${reason}). Start Redis or set REDIS_URL to a running server.`,
    );
  }

  return redis;
}
