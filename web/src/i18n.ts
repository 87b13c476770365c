import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.ts';
import uk from './locales/uk.ts';
import zh from './locales/zh.ts';

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'uk', label: 'Українська' },
  { code: 'zh', label: '中文（简体）' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

export const isLanguage = (code: string): code is Language =>
  LANGUAGES.some((l) => l.code === code);

const STORAGE_KEY = 'punch.language';

/** The person's choice, else the browser's first language Punch speaks, else English. */
export function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  const candidates = [stored, ...navigator.languages, navigator.language];
  for (const candidate of candidates) {
    const base = candidate?.toLowerCase().split('-')[0];
    const found = LANGUAGES.find((l) => l.code === base);
    if (found) return found.code;
  }
  return 'en';
}

export function rememberLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  void i18next.changeLanguage(language);
  document.documentElement.lang = language === 'zh' ? 'zh-Hans' : language;
}

/** The BCP 47 tag the Intl formatters take for the current language. */
export function locale(): string {
  const language = i18next.language;
  return language === 'zh' ? 'zh-CN' : language === 'uk' ? 'uk-UA' : 'en-US';
}

export async function setupI18n(): Promise<void> {
  const language = initialLanguage();
  document.documentElement.lang = language === 'zh' ? 'zh-Hans' : language;
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, uk: { translation: uk }, zh: { translation: zh } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
}
