#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

// Host copy of one LoRA pair in llama.cpp's layout: a is [n_in, rank] and b is [rank, n_out], each
// stored with its first dimension fastest, exactly as the tensor data in the GGUF.
struct lora_pair_data {
    std::string        base; // base weight name, e.g. blk.0.attn_qkv.weight
    int64_t            n_in  = 0;
    int64_t            n_out = 0;
    int64_t            rank  = 0;
    std::vector<float> a;
    std::vector<float> b;
};

// Writes a standard GGUF LoRA (general.type=adapter, adapter.type=lora, adapter.lora.alpha, the base's
// architecture, <base>.lora_a / <base>.lora_b) that llama.cpp and node-llama-cpp load. The file appears
// complete or not at all (written beside it, then renamed).
bool write_adapter_file(
        const std::string & path,
        const std::string & architecture,
        float alpha,
        const std::vector<lora_pair_data> & pairs,
        const std::vector<std::pair<std::string, std::string>> & metadata,
        std::string & error);

// Flushes a written file to the disk, so a rename after it never exposes a half-written file.
bool flush_to_disk(FILE * f);

// Replaces `to` with `from` (a finished temporary file or folder).
bool replace_path(const std::string & from, const std::string & to, std::string & error);
