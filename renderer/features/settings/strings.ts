import { defineStrings } from '../../i18n/define-strings';

export const settingsStrings = defineStrings({
  en: {
    heading: 'Settings',
    language: 'Language',
    languages: { system: 'Follow the system', 'zh-CN': '中文（简体）', en: 'English' },
    gpu: 'GPU acceleration',
    gpuModes: { auto: 'Use a GPU when one is found', off: 'CPU only' },
    gpuNote: 'Takes effect after a restart of the studio.',
    gpuLayers: 'Layers on the GPU',
    gpuLayersModes: { auto: 'As many as fit (the context counted)', max: 'All of them', count: 'A number' },
    gpuLayersNote: 'Takes effect when a model is next loaded. The status bar shows how many went to the GPU.',
    threads: 'CPU threads',
    threadsAuto: 'One per physical core',
    dataDir: 'Data folder',
    version: 'Version',
  },
  'zh-CN': {
    heading: '设置',
    language: '界面语言',
    languages: { system: '跟随系统', 'zh-CN': '中文（简体）', en: 'English' },
    gpu: 'GPU 加速',
    gpuModes: { auto: '检测到 GPU 时使用', off: '仅使用 CPU' },
    gpuNote: '重启工作室后生效。',
    gpuLayers: 'GPU 上的层数',
    gpuLayersModes: { auto: '尽量多（计入上下文）', max: '全部', count: '指定数量' },
    gpuLayersNote: '下次加载模型时生效。状态栏显示有多少层放在了 GPU 上。',
    threads: 'CPU 线程数',
    threadsAuto: '每个物理核心一个',
    dataDir: '数据文件夹',
    version: '版本',
  },
});
