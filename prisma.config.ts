import { defineConfig } from 'prisma/config';

// The CLI reads DATABASE_URL only for `prisma migrate` and `prisma studio`;
// Homeroom itself connects through driver adapters (see src/db/client.ts).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://127.0.0.1:5432/test' },
});
