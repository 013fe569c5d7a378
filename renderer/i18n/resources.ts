import type { Resource, ResourceKey } from 'i18next';

type JsonTree = { [key: string]: string | JsonTree };

/**
 * Turns the bundled locale files into i18next resources. `locales/<lang>/<ns>.json` becomes namespace `<ns>`;
 * every `locales/<lang>/errors/<area>.json` is merged into the one namespace `errors` under the key `<area>`,
 * so the backend's messageKey `errors:catalog.barcodeTaken` resolves to errors/catalog.json → barcodeTaken.
 * Paths are matched by their tail, so the caller may glob from anywhere.
 */
export function buildResources(modules: Record<string, unknown>): Resource {
  const resources: Record<string, Record<string, JsonTree>> = {};
  for (const [path, mod] of Object.entries(modules)) {
    const json = unwrap(mod);
    const errors = /locales\/([^/]+)\/errors\/([^/]+)\.json$/.exec(path);
    const plain = /locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (errors) {
      const [, lang = '', area = ''] = errors;
      const byLang = (resources[lang] ??= {});
      byLang.errors = { ...(byLang.errors ?? {}), [area]: json };
    } else if (plain) {
      const [, lang = '', ns = ''] = plain;
      (resources[lang] ??= {})[ns] = json;
    }
  }
  return resources as Record<string, Record<string, ResourceKey>>;
}

function unwrap(mod: unknown): JsonTree {
  // Vite's eager JSON glob yields the module namespace; its default export is the parsed object.
  if (mod && typeof mod === 'object' && 'default' in mod) return (mod as { default: JsonTree }).default;
  return mod as JsonTree;
}

/** Namespaces present in the resources, for i18next's `ns` option. */
export function namespacesOf(resources: Resource): string[] {
  const names = new Set<string>();
  for (const byNs of Object.values(resources)) for (const ns of Object.keys(byNs)) names.add(ns);
  return [...names].sort();
}
