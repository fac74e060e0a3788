// Discord snowflakes count milliseconds from the first second of 2015 (UTC).
const DISCORD_EPOCH_MS = 1_420_070_400_000n;

/**
 * Generates increasing Discord snowflakes, so that ordering by id is ordering
 * by creation, as `GET /channels/:id/messages?after=` relies on.
 */
export class SnowflakeGenerator {
  private lastTimestamp = 0n;
  private increment = 0n;

  next(): string {
    let timestamp = BigInt(Date.now()) - DISCORD_EPOCH_MS;
    if (timestamp <= this.lastTimestamp) {
      timestamp = this.lastTimestamp;
      this.increment += 1n;
      // The increment field has 12 bits. Borrowing the next millisecond keeps ids unique and ordered.
      if (this.increment > 0xfffn) {
        timestamp += 1n;
        this.increment = 0n;
      }
    } else {
      this.increment = 0n;
    }
    this.lastTimestamp = timestamp;
    return ((timestamp << 22n) | (1n << 17n) | (1n << 12n) | this.increment).toString();
  }
}

/** Compares two snowflakes numerically (they can exceed `Number.MAX_SAFE_INTEGER`). */
export function compareSnowflakes(a: string, b: string): number {
  const difference = BigInt(a) - BigInt(b);
  if (difference === 0n) return 0;
  return difference < 0n ? -1 : 1;
}
