// The only module of the ml package that reads or writes process.env.
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** PROBITY_ML_BACKEND, trimmed and lower-cased; undefined when unset or empty. */
export function backendPreference(): string | undefined {
  const value = process.env.PROBITY_ML_BACKEND?.trim().toLowerCase();
  return value ? value : undefined;
}

// Where NVIDIA drivers put their Vulkan ICD file: the container path first (see shared/gpu/README.md).
const nvidiaIcdFiles = [
  '/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json',
  '/usr/share/vulkan/icd.d/nvidia_icd.json',
  '/etc/vulkan/icd.d/nvidia_icd.json',
];

/**
 * Before Dawn loads: point the Vulkan loader at NVIDIA's driver when the user has not chosen one,
 * and give it a runtime directory (it warns without one). Returns what it set, for the log.
 */
export function prepareVulkanEnvironment(): string[] {
  const set: string[] = [];
  if (!process.env.VK_DRIVER_FILES && !process.env.VK_ICD_FILENAMES) {
    const icd = nvidiaIcdFiles.find((f) => existsSync(f));
    if (icd) {
      process.env.VK_DRIVER_FILES = icd;
      set.push(`VK_DRIVER_FILES=${icd}`);
    }
  }
  if (!process.env.XDG_RUNTIME_DIR) {
    const dir = join(tmpdir(), 'probity-xdg');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    process.env.XDG_RUNTIME_DIR = dir;
    set.push(`XDG_RUNTIME_DIR=${dir}`);
  }
  return set;
}
