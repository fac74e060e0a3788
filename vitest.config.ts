import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration and end-to-end tests start servers and migrate databases.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: more workers than that only slows the database tests down.
    maxWorkers: 2,
  },
});
