import type { Language } from '../../shared/settings/settings';

// The desktop shell's own words (menus, dialog titles and filters), in the two UI languages. They
// follow the studio's language setting like the renderer does; kept here because the main process
// has no i18next and needs only these few strings.

export type ShellLanguage = 'en' | 'zh-CN';

const en = {
  app: 'Character Studio',
  menu: {
    file: 'File',
    edit: 'Edit',
    view: 'View',
    go: 'Go',
    window: 'Window',
    help: 'Help',
    newCharacter: 'New Character',
    importCharacter: 'Import Character…',
    exportCharacter: 'Export Character…',
    settings: 'Settings…',
    openDataFolder: 'Open Data Folder',
    about: 'About Character Studio',
    paper: 'CharacterGLM Paper',
    quit: 'Quit Character Studio',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    reload: 'Reload',
    devTools: 'Toggle Developer Tools',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    fullScreen: 'Toggle Full Screen',
    minimize: 'Minimize',
    close: 'Close Window',
    hide: 'Hide Character Studio',
    hideOthers: 'Hide Others',
    unhide: 'Show All',
  },
  sections: { characters: 'Characters', chat: 'Chat', training: 'Training', models: 'Models', packs: 'Packs', settings: 'Settings' },
  dialogs: {
    importTitle: 'Import a character card or pack',
    exportTitle: 'Export character',
    character: 'Character cards and packs',
    pack: 'Character packs',
    modelTitle: 'Choose a GGUF model file',
    checkpointTitle: 'Choose a CharacterGLM checkpoint folder',
    folderTitle: 'Choose a folder',
    model: 'GGUF models',
    all: 'All files',
  },
  about: 'Design, chat with, teach and fine-tune CharacterGLM characters locally.',
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type ShellStrings = typeof en;

const zh: Shape<ShellStrings> = {
  app: '角色工作室',
  menu: {
    file: '文件',
    edit: '编辑',
    view: '视图',
    go: '前往',
    window: '窗口',
    help: '帮助',
    newCharacter: '新建角色',
    importCharacter: '导入角色…',
    exportCharacter: '导出角色…',
    settings: '设置…',
    openDataFolder: '打开数据文件夹',
    about: '关于角色工作室',
    paper: 'CharacterGLM 论文',
    quit: '退出角色工作室',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    reload: '重新加载',
    devTools: '开发者工具',
    resetZoom: '实际大小',
    zoomIn: '放大',
    zoomOut: '缩小',
    fullScreen: '切换全屏',
    minimize: '最小化',
    close: '关闭窗口',
    hide: '隐藏角色工作室',
    hideOthers: '隐藏其他',
    unhide: '全部显示',
  },
  sections: { characters: '角色', chat: '对话', training: '训练', models: '模型', packs: '角色包', settings: '设置' },
  dialogs: {
    importTitle: '导入角色卡或角色包',
    exportTitle: '导出角色',
    character: '角色卡与角色包',
    pack: '角色包',
    modelTitle: '选择 GGUF 模型文件',
    checkpointTitle: '选择 CharacterGLM 权重文件夹',
    folderTitle: '选择文件夹',
    model: 'GGUF 模型',
    all: '所有文件',
  },
  about: '在本地设计 CharacterGLM 角色、与之对话、纠正并微调它。',
};

/** Both languages' shell strings, checked by the type to have the same keys. */
export const SHELL_STRINGS: Record<ShellLanguage, ShellStrings> = { en, 'zh-CN': zh };

/** The shell language for a setting: the system's when it says so (Chinese for any zh-*, else English). */
export function resolveShellLanguage(setting: Language, systemLanguages: readonly string[]): ShellLanguage {
  if (setting !== 'system') return setting;
  return systemLanguages.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}
