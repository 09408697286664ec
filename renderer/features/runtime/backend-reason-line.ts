import type { TFunction } from 'i18next';
import type { BackendReason } from '../../../shared/runtime/backend-reason';

/** The reason in the user's language (`t` of the `runtime` namespace). */
export function backendReasonLine(t: TFunction<'runtime'>, reason: BackendReason): string {
  switch (reason.code) {
    case 'not-started':
      return t('reasons.notStarted');
    case 'gpu-off':
      return t('reasons.gpuOff');
    case 'no-gpu':
      return t('reasons.noGpu');
    case 'deviceless':
      return t('reasons.deviceless', { gpu: reason.gpu.toUpperCase() });
    case 'device-found':
      return t('reasons.deviceFound', { gpu: reason.gpu.toUpperCase() });
    case 'no-layers':
      return t(reason.why === 'setting' ? 'reasons.noLayersSetting' : 'reasons.noLayersMemory', {
        gpu: reason.gpu.toUpperCase(), model: reason.model, total: reason.totalLayers, devices: reason.devices.join(', ') || '—',
      });
  }
}
