import { defineStrings } from '../i18n/define-strings';

// Messages of the desktop bridge: files opened from the system or the File menu, and exports.
export const desktopStrings = defineStrings({
  en: {
    imported: 'Imported {{names}}',
    importFailed: 'Could not import {{name}}: {{error}}',
    saved: 'Saved to {{path}}',
    newCharacterName: 'New character',
    exportNeedsCharacter: 'Open a character first, then export it.',
    importing: 'Importing {{name}}… {{percent}}%',
    dismiss: 'Dismiss',
  },
  'zh-CN': {
    imported: '已导入 {{names}}',
    importFailed: '无法导入 {{name}}：{{error}}',
    saved: '已保存到 {{path}}',
    newCharacterName: '新角色',
    exportNeedsCharacter: '请先打开一个角色，再导出它。',
    importing: '正在导入 {{name}}… {{percent}}%',
    dismiss: '关闭',
  },
});
