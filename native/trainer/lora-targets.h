#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "options.h"

// A base-model weight that gets a LoRA pair: A [n_in, rank], B [rank, n_out].
struct lora_target {
    std::string name; // e.g. blk.3.attn_qkv.weight
    int64_t     n_in  = 0;
    int64_t     n_out = 0;
};

struct base_model_info {
    std::string              architecture;
    int32_t                  n_layer = 0;
    std::vector<lora_target> targets;
};

// Reads the base GGUF's header and picks the weights named by --targets within --layers.
bool find_lora_targets(const trainer_options & opt, base_model_info & out, std::string & error);
