/**
 * The gateway connection's state, for GET /readyz. A short disconnection is
 * normal (Discord sends RECONNECT now and then), so the adapter
 * reports not ready only after it has been disconnected for the grace period.
 */
export class GatewayHealth {
  private connected = false;
  // Counts from construction, so a gateway that never connects turns not ready too.
  private disconnectedSince: number;

  constructor(
    private readonly graceMs: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.disconnectedSince = clock();
  }

  markConnected(): void {
    this.connected = true;
  }

  markDisconnected(): void {
    if (!this.connected) return;
    this.connected = false;
    this.disconnectedSince = this.clock();
  }

  isReady(): boolean {
    return this.connected || this.clock() - this.disconnectedSince <= this.graceMs;
  }
}
