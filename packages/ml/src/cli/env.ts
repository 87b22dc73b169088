/** The command line's environment: the only module of the ml package that reads or writes process.env. */
import { mkdirSync } from 'node:fs';
import { vulkanDefaults } from '../backend/vulkan.ts';

/** PROBITY_ML_BACKEND (trimmed, lower-cased): the deep backend `train` asks for when --backend is absent. */
export function backendFromEnvironment(): string | undefined {
  const value = process.env.PROBITY_ML_BACKEND?.trim().toLowerCase();
  return value ? value : undefined;
}

/**
 * Before a deep model trains: the Vulkan variables Dawn needs to see an NVIDIA GPU (see
 * backend/vulkan.ts), set for this process; returns what was set, for the log.
 */
export function prepareGpuEnvironment(): string[] {
  const set = vulkanDefaults(process.env);
  if (set.XDG_RUNTIME_DIR) mkdirSync(set.XDG_RUNTIME_DIR, { recursive: true, mode: 0o700 });
  for (const [name, value] of Object.entries(set)) process.env[name] = value;
  return Object.entries(set).map(([name, value]) => `${name}=${value}`);
}
