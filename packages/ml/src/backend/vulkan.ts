// What Dawn's Vulkan loader needs to find an NVIDIA GPU, computed without touching the process:
// the application (the CLI, a worker's env.ts) applies it before the webgpu backend loads. The facts
// come from running tfjs on WebGPU through Dawn on an NVIDIA H200 host (see src/deep/README.md, "GPU").
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where NVIDIA drivers put their Vulkan ICD file: the container path first, then the usual ones. */
export const NVIDIA_ICD_FILES = [
  '/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json',
  '/usr/share/vulkan/icd.d/nvidia_icd.json',
  '/etc/vulkan/icd.d/nvidia_icd.json',
];

/**
 * The variables `env` lacks: VK_DRIVER_FILES pointing at NVIDIA's ICD file when the user chose no
 * driver and one exists, and XDG_RUNTIME_DIR (the loader warns without one; the caller creates the
 * folder, mode 0700).
 */
export function vulkanDefaults(
  env: Readonly<Record<string, string | undefined>>,
  exists: (path: string) => boolean = existsSync,
): Record<string, string> {
  const set: Record<string, string> = {};
  if (!env.VK_DRIVER_FILES && !env.VK_ICD_FILENAMES) {
    const icd = NVIDIA_ICD_FILES.find((file) => exists(file));
    if (icd) set.VK_DRIVER_FILES = icd;
  }
  if (!env.XDG_RUNTIME_DIR) set.XDG_RUNTIME_DIR = join(tmpdir(), 'probity-xdg');
  return set;
}
