import { t } from '../i18n/index.ts';
import prompts from '../i18n/en/prompts.json' with { type: 'json' };
import type { PrismaClient } from '../db/client.ts';

// The order of the catalog is the rotation order. Keys are stable, so a
// re-seed updates a prompt's wording instead of adding a second copy.
export const promptKeys = Object.keys(prompts);

/** Inserts or updates the built-in reflection prompts. */
export async function seedPrompts(prisma: PrismaClient): Promise<void> {
  const existing = await prisma.reflectionPrompt.findMany({ select: { key: true, text: true, position: true } });
  const byKey = new Map(existing.map((prompt) => [prompt.key, prompt]));

  for (const [position, key] of promptKeys.entries()) {
    const text = t(`prompts:${key}`);
    const current = byKey.get(key);
    if (current && current.text === text && current.position === position) continue;
    await prisma.reflectionPrompt.upsert({
      where: { key },
      create: { key, text, position },
      update: { text, position },
    });
  }
}
