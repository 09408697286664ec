import { defineStrings } from '../../i18n/define-strings';

/** The runtime feature's UI text (namespace `runtime`), English and Chinese. */
export const runtimeStrings = defineStrings({
  en: { cancelLoad: 'Cancel loading' },
  'zh-CN': { cancelLoad: '取消加载' },
});
