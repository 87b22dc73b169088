#!/usr/bin/env bash
# Makes .gpu/ at the repository root (gitignored): what a GPU host without Node.js needs to run
# bench/gpu (run-on-gpu.sh): this machine's node binary, the node_modules files the benchmark opens
# (found by tracing a short CPU run, plus Dawn's linux-x64 binding and the WebGPU backend, which a
# machine without a GPU never opens), and the Vulkan loader packages from ../shared/gpu/debs.
# Needs strace and xz. About 40 MB; the device tool carries at most 64 MiB with the repository.
set -euo pipefail
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
cd "$root"
out=.gpu
rm -rf "$out" && mkdir -p "$out/debs"
xz -T2 -6 -c "$(command -v node)" >"$out/node.xz"
debs=${PROBITY_GPU_DEBS:-$root/../shared/gpu/debs}
cp "$debs"/*.deb "$out/debs/"

trace=$(mktemp)
# --out names a file that does not exist yet: the benchmark merges into an existing one (an empty one
# fails to parse).
(cd packages/ml && strace -f -qq -e trace=openat,execve,stat,newfstatat,statx -o "$trace" \
  node "$root/node_modules/tsx/dist/cli.mjs" bench/gpu/gpu-bench.ts --quick --only probe,deepEpochsWasm,logistic \
  --out "$(mktemp -d)/trace-run.json" --work "$(mktemp -d)" >/dev/null 2>&1)
list=$(mktemp)
grep -o "\"$root/node_modules/[^\"]*\"" "$trace" | tr -d '"' | sort -u | while read -r f; do
  # An if, not `[ -f ] && echo`: a missing last file would fail the loop, and set -e ends the script.
  if [ -f "$f" ]; then echo "${f#"$root"/}"; fi
done >"$list"
# Worker threads load TypeScript through tsx's API, which the main thread never opens: take tsx and
# its esbuild whole.
find node_modules/tsx node_modules/esbuild node_modules/@esbuild/linux-x64 -type f >>"$list"
for f in node_modules/webgpu/package.json node_modules/webgpu/index.js node_modules/webgpu/dist/linux-x64/dawn.node \
  node_modules/@tensorflow/tfjs-backend-webgpu/package.json node_modules/@tensorflow/tfjs-backend-webgpu/dist/tf-backend-webgpu.node.js; do
  echo "$f" >>"$list"
done
sort -u "$list" -o "$list"
tar -cf - -T "$list" | xz -T2 -6 >"$out/node_modules.tar.xz"
echo "packed $(wc -l <"$list") node_modules files; .gpu is $(du -sh "$out" | cut -f1)"
rm -f "$trace" "$list"
