#!/usr/bin/env bash
# The trainer on an NVIDIA card in one run (README "GPU check"): builds the CUDA trainer from node-llama-cpp's
# bundled llama.cpp, checks its losses against the CPU's on the tiny model, trains 6B-shaped files on the card
# and prints one JSON document (also written to $OUT/gpu-check.json, or .gpu-check/gpu-check.json).
#
#   npm run gpu-check:prepare          here, once: fills .gpu-check/ (bundled script, node, llama.cpp source)
#   bench/gpu-check.sh [--layers 1,4,28] [--window 512] [--steps 4]
#                                      on the GPU machine, from the repo root, with .gpu-check/ carried along
#   bench/gpu-check.sh --gpu none --layers 1,2 --window 64 --steps 2
#                                      the same path on the CPU (how it is checked on machines without a card)
#   bench/gpu-check.sh runtime [runtime-bench options]
#                                      the live-preview runtime instead (`npm run bench -- --gpu`): node-llama-cpp's
#                                      addon and llama-bench built with CUDA in one tree, the studio, bare
#                                      node-llama-cpp and llama-bench on the card; JSON in $OUT/runtime-gpu.json
#   bench/gpu-check.sh runtime --source-build cpu --model models/tiny-model/…gguf --rounds 1 --reps 1
#                                      that path on the CPU
#
# That machine needs git, cmake, a C++ compiler and, for CUDA, nvcc; it needs neither node_modules nor node.
set -euo pipefail
cd "$(dirname "$0")/.."
prepared=.gpu-check
mode=trainer
if [ "${1:-}" = runtime ]; then mode=runtime; shift; fi
script=$prepared/bundle/bench/gpu-check.mjs
[ "$mode" = runtime ] && script=$prepared/bundle/bench/runtime-bench.mjs

fail() {
  printf '{"benchmark":"gpu-check","error":"%s"}\n' "$1"
  exit 2
}

[ -f "$script" ] || fail "$script is missing: run 'npm run gpu-check:prepare' where node_modules is installed, and carry .gpu-check"
for tool in git cmake c++; do command -v "$tool" >/dev/null || fail "$tool is not installed"; done
case " $* " in
  *" --gpu none "* | *" --gpu=none "* | *" --source-build "*) ;;
  *) command -v nvcc >/dev/null || fail "nvcc is not installed: the CUDA trainer cannot be built (--gpu none checks the CPU path)" ;;
esac

node=node
if [ -f "$prepared/node.xz" ]; then
  # the node that prepared the bundle, so the GPU machine needs none of its own; unpacked outside the repo,
  # where its 99 MB would not travel with .gpu-check/ the next time
  node="${TMPDIR:-/tmp}/studio-gpu-check-node-$(cksum <"$prepared/node.xz" | cut -d' ' -f1)"
  if [ ! -x "$node" ]; then
    if command -v xz >/dev/null; then xz -dc "$prepared/node.xz" >"$node.partial"
    else python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' "$prepared/node.xz" "$node.partial"
    fi
    chmod +x "$node.partial"
    mv "$node.partial" "$node"
  fi
fi
command -v "$node" >/dev/null || fail "no node: run 'npm run gpu-check:prepare' to bring one"

export STUDIO_LLAMA_DIR="$PWD/$prepared/llama"
if [ "$mode" = trainer ]; then
  out="${OUT:-$prepared}/gpu-check.json"
  mkdir -p "$(dirname "$out")"
  exec "$node" "$script" --out "$out" "$@"
fi

# runtime: node-llama-cpp (no binaries) beside the bundle, where its import finds it; the addon is built into it
if [ ! -f "$prepared/node_modules/node-llama-cpp/package.json" ]; then
  rm -rf "$prepared/node_modules.partial" && mkdir -p "$prepared/node_modules.partial"
  if command -v xz >/dev/null; then xz -dc "$prepared/node_modules.tar.xz" | tar -xf - -C "$prepared/node_modules.partial"
  else python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])' "$prepared/node_modules.tar.xz" "$prepared/node_modules.partial"
  fi
  rm -rf "$prepared/node_modules" && mv "$prepared/node_modules.partial/node_modules" "$prepared/node_modules" && rm -rf "$prepared/node_modules.partial"
fi
export STUDIO_NODE_HEADERS="$PWD/$prepared/node-headers"
case " $* " in
  *" --source-build "*) ;;
  *) set -- --gpu "$@" ;;
esac
out="${OUT:-$prepared}/runtime-gpu.json"
mkdir -p "$(dirname "$out")"
exec "$node" "$script" --out "$out" "$@"
