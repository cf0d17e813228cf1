import 'dayjs/locale/zh-cn';
import dayjs from 'dayjs';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setRequestLanguage } from '../../shared/api-client';
import { en } from './en';
import { featureNamespaces } from './namespaces';
import { type Messages, zhCN } from './zh-CN';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'manyi.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages } & {
      [K in keyof typeof featureNamespaces]: (typeof featureNamespaces)[K]['zhCN'];
    };
    // A key missing from the locale files is a compile error rather than a raw key on screen.
    strictKeyChecks: true;
  }
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

function readStoredLanguage(): Language {
  try {
    const stored = localStorage.getItem(storageKey);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage can be blocked (private mode, strict cookie settings); the default language still works.
  }
  return 'zh-CN';
}

/** Keeps everything outside React that depends on the language in step: <html lang>, title, dayjs, API header. */
function applyLanguage(lang: Language) {
  document.documentElement.lang = lang;
  document.title = i18n.t('app.title');
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  setRequestLanguage(lang);
}

i18n.on('languageChanged', (lng) => {
  if (isLanguage(lng)) applyLanguage(lng);
});

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': {
      translation: zhCN,
      ...Object.fromEntries(Object.entries(featureNamespaces).map(([ns, m]) => [ns, m.zhCN])),
    },
    en: {
      translation: en,
      ...Object.fromEntries(Object.entries(featureNamespaces).map(([ns, m]) => [ns, m.en])),
    },
  },
  lng: readStoredLanguage(),
  fallbackLng: 'zh-CN',
  supportedLngs: languages,
  // React already escapes text; escaping here would double-encode names such as "O'Brien".
  interpolation: { escapeValue: false },
  initAsync: false,
});

/** The current UI language, narrowed to the two the app ships. */
export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'zh-CN';
}

/** Switches the UI language and remembers the choice on this device. */
export async function changeLanguage(lang: Language): Promise<void> {
  try {
    localStorage.setItem(storageKey, lang);
  } catch {
    // Not remembered across visits, but the switch itself still applies.
  }
  await i18n.changeLanguage(lang);
}

export { i18n };
