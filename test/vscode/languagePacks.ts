// code-server's command line installs a language pack without registering it: only an install made
// by the running server updates <user-data>/languagepacks.json, the list that decides which display
// languages exist. So after installing .vsix files the harness writes that list itself, as VS Code's
// LanguagePacksCache does (one entry per language, its packs, a hash of their ids and versions, and
// the path of each translation).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Localization {
  readonly languageId: string;
  readonly languageName?: string;
  readonly localizedLanguageName?: string;
  readonly translations: ReadonlyArray<{ readonly id: string; readonly path: string }>;
}

interface InstalledExtension {
  readonly identifier: { readonly id: string; readonly uuid?: string };
  readonly version: string;
  /** The extension's folder within the extensions folder. */
  readonly relativeLocation: string;
}

interface LanguagePack {
  hash: string;
  label: string | undefined;
  extensions: Array<{ extensionIdentifier: { id: string; uuid?: string }; version: string }>;
  translations: Record<string, string>;
}

/** Writes languagepacks.json for the language packs among the extensions installed in `extensionsDir`; returns their languages. */
export function registerLanguagePacks(userDataDir: string, extensionsDir: string): string[] {
  const listFile = path.join(extensionsDir, 'extensions.json');
  const installed = fs.existsSync(listFile) ? (JSON.parse(fs.readFileSync(listFile, 'utf8')) as InstalledExtension[]) : [];
  const packs: Record<string, LanguagePack> = {};
  for (const extension of installed) {
    const folder = path.join(extensionsDir, extension.relativeLocation);
    const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as {
      contributes?: { localizations?: Localization[] };
    };
    for (const localization of manifest.contributes?.localizations ?? []) {
      const pack = (packs[localization.languageId] ??= {
        hash: '',
        label: localization.localizedLanguageName ?? localization.languageName,
        extensions: [],
        translations: {},
      });
      pack.extensions.push({ extensionIdentifier: extension.identifier, version: extension.version });
      for (const translation of localization.translations) pack.translations[translation.id] = path.join(folder, translation.path);
    }
  }
  for (const pack of Object.values(packs)) {
    const hash = createHash('md5');
    for (const e of pack.extensions) hash.update(e.extensionIdentifier.uuid ?? e.extensionIdentifier.id).update(e.version);
    pack.hash = hash.digest('hex');
  }
  if (Object.keys(packs).length > 0) fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(packs));
  return Object.keys(packs);
}
