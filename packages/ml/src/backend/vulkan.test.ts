import { describe, expect, it } from 'vitest';
import { NVIDIA_ICD_FILES, vulkanDefaults } from './vulkan.ts';

describe('vulkanDefaults', () => {
  it('points the loader at the first NVIDIA ICD file that exists and names a runtime folder, writing nothing', () => {
    const env = {};
    const set = vulkanDefaults(env, (path) => path === NVIDIA_ICD_FILES[1]);
    expect(set.VK_DRIVER_FILES).toBe(NVIDIA_ICD_FILES[1]);
    expect(set.XDG_RUNTIME_DIR).toMatch(/probity-xdg$/);
    expect(env).toEqual({});
  });

  it("leaves the user's choices alone, and sets no driver where there is none", () => {
    expect(vulkanDefaults({ VK_ICD_FILENAMES: '/x.json', XDG_RUNTIME_DIR: '/run/user/0' }, () => true)).toEqual({});
    expect(vulkanDefaults({ XDG_RUNTIME_DIR: '/run/user/0' }, () => false)).toEqual({});
  });
});
