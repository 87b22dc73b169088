export { selectBackend, selectBackendWith, backendNames, type BackendChoice, type BackendName, type BackendLoader } from './select.ts';
export { vulkanDefaults, NVIDIA_ICD_FILES } from './vulkan.ts';
