import { defineStrings } from '../../i18n/define-strings';

export const runtimeStrings = defineStrings({
  en: { cancelLoad: 'Cancel loading' },
  'zh-CN': { cancelLoad: '取消加载' },
});
