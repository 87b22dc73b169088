#!/usr/bin/env bash
# Runs the GPU benchmark on a GPU host that has the repository and .gpu/ (pack.sh) but no Node.js:
# installs the Vulkan loader from .gpu/debs, unpacks node and node_modules, then runs gpu-bench.ts
# (tfjs on WebGPU and wasm) and torch_bench.py (PyTorch, same machine). Results go to $1.
# GPU_SECTIONS picks sections ("name:seconds ..."); GPU_BENCH_ARGS and TORCH_BENCH_ARGS pass options
# ("--quick"; "--no-deep").
set -uo pipefail
cd "$(git -C "$(dirname "$0")" rev-parse --show-toplevel 2>/dev/null || (cd "$(dirname "$0")/../../../.." && pwd))"
out=${1:?results folder}
mkdir -p "$out"
for f in .gpu/debs/*.deb; do dpkg -x "$f" /; done
ldconfig
xz -dc .gpu/node.xz >/tmp/node && chmod +x /tmp/node
[ -d node_modules ] || xz -dc .gpu/node_modules.tar.xz | tar -xf -
nvidia-smi >"$out/nvidia-smi.txt" 2>&1 || true
work=/tmp/gpu-bench-work
# One process per section, so a crash in one (a native abort in Dawn, say) costs only that section.
sections=${GPU_SECTIONS:-probe:30 threads:120 webgpuReload:45 deepEpochsWebgpu:120 webgpuReproducible:45 taiwanDeepModel:240 logistic:45 deepEpochsWasm:60}
for entry in $sections; do
  name=${entry%%:*} limit=${entry#*:}
  # shellcheck disable=SC2086
  (cd packages/ml && timeout "$limit" /tmp/node ../../node_modules/tsx/dist/cli.mjs bench/gpu/gpu-bench.ts \
    --only "$name" --out "$out/gpu-bench.json" --work "$work" ${GPU_BENCH_ARGS:-}) >>"$out/gpu-bench.log" 2>&1
  status=$?
  echo "section $name: exit $status"
  [ $status -ne 0 ] && tail -n 5 "$out/gpu-bench.log"
done
logistic=()
[ -f "$work/logistic/meta.json" ] && logistic=(--logistic-dir "$work/logistic")
# shellcheck disable=SC2086
PYTHONUNBUFFERED=1 timeout "${TORCH_LIMIT_S:-120}" python3 packages/ml/bench/gpu/torch_bench.py "$out/torch.json" "${logistic[@]}" ${TORCH_BENCH_ARGS:-} 2>&1 | tee "$out/torch.log"
echo "torch_bench exit ${PIPESTATUS[0]}"
