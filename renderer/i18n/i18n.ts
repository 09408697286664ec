import i18next, { type Resource, type ResourceLanguage } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/settings/settings';
import { appStrings } from '../app/strings';
import { errorStrings } from '../app/error-strings';
import { charactersStrings } from '../features/characters/strings';
import { chatStrings } from '../features/chat/strings';
import { memoryStrings } from '../features/chat/memory-strings';
import { desktopStrings } from '../desktop/strings';
import { modelsStrings } from '../features/models/strings';
import { packsStrings } from '../features/packs/strings';
import { runtimeStrings } from '../features/runtime/strings';
import { settingsStrings } from '../features/settings/strings';
import { clusterStrings } from '../features/training/cluster-strings';
import { trainingStrings } from '../features/training/strings';
import type { FeatureStrings } from './define-strings';

// One namespace per feature; add a feature's strings here when it is created.
const namespaces: Record<string, FeatureStrings<ResourceLanguage>> = {
  app: appStrings,
  characters: charactersStrings,
  cluster: clusterStrings,
  chat: chatStrings,
  memory: memoryStrings,
  desktop: desktopStrings,
  errors: errorStrings,
  models: modelsStrings,
  packs: packsStrings,
  runtime: runtimeStrings,
  settings: settingsStrings,
  training: trainingStrings,
};

export const SUPPORTED_LANGUAGES = ['zh-CN', 'en'] as const;
export type UiLanguage = (typeof SUPPORTED_LANGUAGES)[number];

/** The UI language for a setting: the system's when it says so (Chinese for any zh-*, else English). */
export function resolveLanguage(setting: Language, systemLanguages: readonly string[] = navigator.languages): UiLanguage {
  if (setting !== 'system') return setting;
  return systemLanguages.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

export async function initI18n(language: UiLanguage): Promise<typeof i18next> {
  const resources: Resource = { en: {}, 'zh-CN': {} };
  for (const [ns, strings] of Object.entries(namespaces)) {
    resources.en![ns] = strings.en;
    resources['zh-CN']![ns] = strings['zh-CN'];
  }
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    ns: Object.keys(namespaces),
    defaultNS: 'app',
    resources,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  return i18next;
}
