import i18next, { type TFunction } from 'i18next';
import * as admin from './locales';

/** A standalone i18next with only this feature's texts, for unit tests of functions that take `t`. */
export function adminT(lang: 'zh-CN' | 'en'): TFunction<'admin'> {
  const instance = i18next.createInstance();
  void instance.init({
    lng: lang,
    resources: { 'zh-CN': { admin: admin.zhCN }, en: { admin: admin.en } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return instance.getFixedT(lang, 'admin');
}
