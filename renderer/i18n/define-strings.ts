// Each feature keeps its own strings (one i18next namespace per feature) so features never edit a
// shared translation file. English is the reference shape; Chinese must match it key for key.

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** A namespace's strings in both languages, checked to have the same keys. */
export interface FeatureStrings<T> {
  en: T;
  'zh-CN': Shape<T>;
}

export function defineStrings<T extends Record<string, unknown>>(strings: { en: T; 'zh-CN': Shape<T> }): FeatureStrings<T> {
  return strings;
}
