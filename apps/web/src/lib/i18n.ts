import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import authoringEn from '../locales/authoring.en.json';
import authoringVi from '../locales/authoring.vi.json';
import en from '../locales/en.json';
import learningEn from '../locales/learning.en.json';
import learningVi from '../locales/learning.vi.json';
import vi from '../locales/vi.json';

export const supportedLanguages = ['vi', 'en'] as const;
export type Language = (typeof supportedLanguages)[number];
export const defaultLanguage: Language = 'vi';
/** localStorage key holding the user's explicit language choice. */
export const LANGUAGE_STORAGE_KEY = 'bdhv.lang';

/** Each feature area keeps its strings in its own file, under its own top-level key. */
export const resources = {
  vi: { translation: { ...vi, learning: learningVi, authoring: authoringVi } },
  en: { translation: { ...en, learning: learningEn, authoring: authoringEn } },
} as const;

export function isSupportedLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (supportedLanguages as readonly string[]).includes(value);
}

function readStoredLanguage(): Language | null {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isSupportedLanguage(stored) ? stored : null;
  } catch {
    // Storage can be unavailable (privacy mode, disabled cookies).
    return null;
  }
}

function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not persisting is acceptable; the choice still applies to this visit.
  }
}

/** The saved choice, else Vietnamese: the platform serves Lạng Sơn first. */
export function detectInitialLanguage(): Language {
  return readStoredLanguage() ?? defaultLanguage;
}

/** BCP 47 locale for Intl formatting of dates and numbers. */
export function toLocale(language: string): string {
  return language === 'en' ? 'en-GB' : 'vi-VN';
}

export const i18n = i18next.createInstance();

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = isSupportedLanguage(language) ? language : defaultLanguage;
});

void i18n.use(initReactI18next).init({
  resources,
  lng: detectInitialLanguage(),
  fallbackLng: defaultLanguage,
  supportedLngs: [...supportedLanguages],
  defaultNS: 'translation',
  interpolation: { escapeValue: false },
  returnEmptyString: false,
  initAsync: false,
  showSupportNotice: false,
});

/** Switches the UI language and remembers the choice. */
export async function changeLanguage(language: Language): Promise<void> {
  storeLanguage(language);
  await i18n.changeLanguage(language);
}

/** The active supported language (falls back to the default). */
export function currentLanguage(): Language {
  const language = i18n.resolvedLanguage ?? i18n.language;
  return isSupportedLanguage(language) ? language : defaultLanguage;
}
