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
#
# That machine needs git, cmake, a C++ compiler and, for CUDA, nvcc; it needs neither node_modules nor node.
set -euo pipefail
cd "$(dirname "$0")/.."
prepared=.gpu-check
script=$prepared/bundle/bench/gpu-check.mjs

fail() {
  printf '{"benchmark":"gpu-check","error":"%s"}\n' "$1"
  exit 2
}

[ -f "$script" ] || fail "$script is missing: run 'npm run gpu-check:prepare' where node_modules is installed, and carry .gpu-check"
for tool in git cmake c++; do command -v "$tool" >/dev/null || fail "$tool is not installed"; done
case " $* " in
  *" --gpu none "* | *" --gpu=none "*) ;;
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
out="${OUT:-$prepared}/gpu-check.json"
mkdir -p "$(dirname "$out")"
exec "$node" "$script" --out "$out" "$@"
