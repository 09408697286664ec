import { defineStrings } from '../../i18n/define-strings';

/** The runtime feature's UI text (namespace `runtime`), English and Chinese. */
export const runtimeStrings = defineStrings({
  en: {
    cancelLoad: 'Cancel loading',
    reasons: {
      notStarted: 'Not started yet',
      gpuOff: 'GPU turned off in Settings',
      noGpu: 'No CUDA, Vulkan or Metal device found',
      deviceless: 'The {{gpu}} runtime found no device it can offload to',
      deviceFound: '{{gpu}} device found',
      noLayersSetting: "{{gpu}} took none of {{model}}'s {{total}} layers (GPU layers are set to 0 in Settings): it runs on the CPU",
      noLayersMemory: "{{gpu}} took none of {{model}}'s {{total}} layers (too little free memory on {{devices}}): it runs on the CPU",
    },
    context: '{{tokens}} tokens per chat',
    remote: 'Remote: {{url}}',
    contextTitle: 'Chat window: {{tokens}} tokens for each of {{sequences}} chats kept at once',
    contextCut: 'Free memory fitted {{tokens}} of the {{asked}} tokens asked for: fewer GPU layers, or a higher GPU memory limit in Settings, leave more room for the context',
  },
  'zh-CN': {
    cancelLoad: '取消加载',
    reasons: {
      notStarted: '尚未启动',
      gpuOff: '已在设置中关闭 GPU',
      noGpu: '未找到 CUDA、Vulkan 或 Metal 设备',
      deviceless: '{{gpu}} 运行时没有找到可以卸载到的设备',
      deviceFound: '已找到 {{gpu}} 设备',
      noLayersSetting: '{{gpu}} 没有承担 {{model}} 的 {{total}} 层中的任何一层（设置中的 GPU 层数为 0）：模型在 CPU 上运行',
      noLayersMemory: '{{gpu}} 没有承担 {{model}} 的 {{total}} 层中的任何一层（{{devices}} 的空闲显存不足）：模型在 CPU 上运行',
    },
    context: '每个对话 {{tokens}} 个词元',
    remote: '远程：{{url}}',
    contextTitle: '对话窗口：同时保留 {{sequences}} 个对话，每个 {{tokens}} 个词元',
    contextCut: '空闲内存只够 {{tokens}} 个词元（设置要求 {{asked}} 个）：减少 GPU 层数或在设置中提高可用显存，可以给上下文留出更多空间',
  },
});
