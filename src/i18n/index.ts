import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';

// Every sentence a person reads comes from the catalog in src/i18n/<language>/,
// one JSON file per area (namespace), so that a translation is a new folder.
const catalogDir = import.meta.dirname;

function loadResources(): Record<string, Record<string, Record<string, unknown>>> {
  const resources: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const language of readdirSync(catalogDir, { withFileTypes: true })) {
    if (!language.isDirectory()) continue;
    const namespaces: Record<string, Record<string, unknown>> = {};
    for (const file of readdirSync(path.join(catalogDir, language.name))) {
      if (!file.endsWith('.json')) continue;
      const content = readFileSync(path.join(catalogDir, language.name, file), 'utf8');
      namespaces[path.basename(file, '.json')] = JSON.parse(content) as Record<string, unknown>;
    }
    resources[language.name] = namespaces;
  }

  return resources;
}

const instance = i18next.createInstance();
await instance.init({
  lng: 'en',
  fallbackLng: 'en',
  resources: loadResources(),
  defaultNS: 'bot',
  // Messages go to chat platforms and terminals, not HTML.
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Returns the catalog text for `key` ("namespace:path.to.key") with `values` filled in. */
export const t: TFunction = instance.t.bind(instance) as TFunction;

/** Returns a translator bound to `language`, falling back to English. */
export function translatorFor(language: string | undefined): TFunction {
  return instance.getFixedT(language ?? 'en') as TFunction;
}
