/** WAT to WebAssembly with wabt, for the build script and the test that keeps the binary in sync. */
import wabtFactory from 'wabt';

const FEATURES = { simd: true, threads: true };

export async function compileKernelsWat(source: string, name = 'kernels.wat'): Promise<Uint8Array> {
  const wabt = await wabtFactory();
  const module = wabt.parseWat(name, source, FEATURES);
  try {
    (module.validate as (features: object) => void)(FEATURES);
    return module.toBinary({ log: false, write_debug_names: false }).buffer;
  } finally {
    module.destroy();
  }
}
