import type { TFunction } from 'i18next';
import type { TrainingDevice } from '../../../shared/training/training-job';

/** "Vulkan0 (llvmpipe …)", or "CPU — why not a GPU". */
export function deviceLabel(device: TrainingDevice, t: TFunction<'training'>): string {
  return device.gpu || !device.note ? device.name : t('run.cpuBecause', { note: device.note });
}
