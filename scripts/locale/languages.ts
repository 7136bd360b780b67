import type { Lang } from '../context.js';

/** The HTML lang attribute of each edition. */
export const htmlLang: Record<Lang, string> = { zh: 'zh-CN', en: 'en' };
/** Open Graph locales (language_TERRITORY); the English edition spells British. */
export const ogLocale: Record<Lang, string> = { zh: 'zh_CN', en: 'en_GB' };
