import { defineStrings } from '../i18n/define-strings';

export const appStrings = defineStrings({
  en: {
    title: 'Character Studio',
    nav: { characters: 'Characters', chat: 'Chat', training: 'Training', models: 'Models', packs: 'Packs', settings: 'Settings' },
    status: {
      noModel: 'No model loaded',
      loading: 'Loading {{name}}… {{percent}}%',
      ready: '{{name}}',
      error: 'Model error: {{error}}',
      backend: 'Backend',
      threads: '{{count}} threads',
      layers: '{{layers}}/{{total}} layers',
      vram: 'VRAM {{used}} of {{total}}',
      disconnected: 'Disconnected from the studio service — reconnecting…',
    },
    empty: {
      characters: 'No characters yet. The character editor will live here.',
      chat: 'Pick a character to chat with it here.',
      training: 'Fine-tuning runs will be listed here.',
      packs: 'Import and export character cards and packs here.',
    },
  },
  'zh-CN': {
    title: '角色工作室',
    nav: { characters: '角色', chat: '对话', training: '训练', models: '模型', packs: '角色包', settings: '设置' },
    status: {
      noModel: '未加载模型',
      loading: '正在加载 {{name}}… {{percent}}%',
      ready: '{{name}}',
      error: '模型出错：{{error}}',
      backend: '计算后端',
      threads: '{{count}} 个线程',
      layers: '{{layers}}/{{total}} 层',
      vram: '显存 {{used}} / {{total}}',
      disconnected: '与工作室服务的连接已断开，正在重连…',
    },
    empty: {
      characters: '还没有角色。角色编辑器将在这里。',
      chat: '选择一个角色，在这里与它对话。',
      training: '微调记录将列在这里。',
      packs: '在这里导入和导出角色卡与角色包。',
    },
  },
});
