export interface MemoryPhase {
  name: string;
  maxRssBytes: number;
  samples: number;
  /** The maximum time between two samples, which shows how long the event loop was blocked. */
  maxGapMs: number;
}

/**
 * Samples `process.memoryUsage().rss` on a timer and keeps the maximum of
 * each named phase. A blocked event loop delays samples, so a short peak
 * inside a blocking stretch can be missed. `maxGapMs` shows how long that was.
 */
export class MemorySampler {
  private readonly phases: MemoryPhase[] = [];
  private current: MemoryPhase | undefined;
  private lastSampleAt = performance.now();
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 100) {
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  /** Ends the current phase, if any, and starts counting samples under `name`. */
  startPhase(name: string): void {
    this.sample();
    this.current = { name, maxRssBytes: 0, samples: 0, maxGapMs: 0 };
    this.phases.push(this.current);
    this.lastSampleAt = performance.now();
    this.sample();
  }

  /** Stops sampling and returns every phase with its maximum. */
  stop(): MemoryPhase[] {
    this.sample();
    clearInterval(this.timer);
    this.current = undefined;

    return this.phases;
  }

  private sample(): void {
    if (!this.current) return;
    const now = performance.now();
    this.current.maxGapMs = Math.max(this.current.maxGapMs, now - this.lastSampleAt);
    this.lastSampleAt = now;
    this.current.maxRssBytes = Math.max(this.current.maxRssBytes, process.memoryUsage().rss);
    this.current.samples += 1;
  }
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}
