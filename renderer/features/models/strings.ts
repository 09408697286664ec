import { defineStrings } from '../../i18n/define-strings';

export const modelsStrings = defineStrings({
  en: {
    heading: 'Models',
    empty: 'No models installed yet.',
    columns: { name: 'Name', architecture: 'Architecture', quantization: 'Quantisation', size: 'Size', context: 'Context', licence: 'Licence' },
    isDefault: 'Default',
    makeDefault: 'Make default',
    load: 'Load',
    loaded: 'Loaded',
    problem: 'Problem: {{problem}}',
    demo: {
      title: 'No model yet',
      body: 'Install the tiny demo model (about 7 MB, random weights) to try every part of the studio right away. It has the CharacterGLM architecture but says nothing meaningful; get the real CharacterGLM-6B later in Models.',
      install: 'Install the demo model',
      installing: 'Installing…',
      later: 'Not now',
    },
  },
  'zh-CN': {
    heading: '模型',
    empty: '尚未安装任何模型。',
    columns: { name: '名称', architecture: '架构', quantization: '量化', size: '大小', context: '上下文', licence: '许可' },
    isDefault: '默认',
    makeDefault: '设为默认',
    load: '加载',
    loaded: '已加载',
    problem: '问题：{{problem}}',
    demo: {
      title: '还没有模型',
      body: '安装微型演示模型（约 7 MB，随机权重），即可立刻体验工作室的全部功能。它采用 CharacterGLM 架构，但说不出有意义的话；之后可在“模型”中获取真正的 CharacterGLM-6B。',
      install: '安装演示模型',
      installing: '正在安装…',
      later: '以后再说',
    },
  },
});
