import { existsSync, readdirSync } from 'node:fs';

// Mesa's software Vulkan device (llvmpipe, package mesa-vulkan-drivers) runs the GPU path on the CPU
// (DESIGN.md §7); the tests that use it are skipped, with this reason, where it is not installed.

const ICD_DIR = '/usr/share/vulkan/icd.d';

/** Why the software Vulkan device cannot be had here, or null when it can. */
export function softwareVulkanMissing(): string | null {
  if (process.platform !== 'linux') return 'the software Vulkan device is checked on Linux';
  if (!existsSync(ICD_DIR) || !readdirSync(ICD_DIR).some((f) => f.startsWith('lvp_icd'))) return 'Mesa\'s software Vulkan device is not installed (apt install mesa-vulkan-drivers)';
  return null;
}
