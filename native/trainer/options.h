#pragma once

#include <cstdint>
#include <string>
#include <vector>

// Everything a run is told on the command line (see usage_text() for the flags).
struct trainer_options {
    std::string mode = "train"; // train | check-gradients | compare-loss

    std::string model_path;
    std::string data_path;
    std::string out_dir;
    std::string init_adapter; // start from this adapter instead of a fresh one
    std::string reference_model; // check-gradients: compare with this model's gradients instead of finite differences

    std::vector<std::string> targets = {"attn_qkv", "attn_output", "ffn_up", "ffn_down"};
    int32_t layer_first = 0;
    int32_t layer_last  = -1; // -1: the model's last layer
    int32_t rank        = 8;
    float   alpha       = 16.0f;
    float   init_b_std  = 0.0f; // B starts at zero for training; the gradient check needs it non-zero

    int32_t epochs           = 3;
    int32_t max_steps        = 0; // 0: epochs x steps per epoch
    int32_t grad_accum       = 1; // windows per optimiser step
    float   lr               = 1e-3f;
    float   lr_min_ratio     = 0.1f;
    int32_t warmup_steps     = -1; // -1: 10% of the steps, at most 100
    float   weight_decay     = 0.0f;
    float   grad_clip        = 1.0f; // global gradient norm; 0 disables
    int32_t eval_every       = 0; // steps; 0: once per epoch
    int32_t checkpoint_every = 0; // steps; 0: once per epoch
    bool    resume           = false;

    int32_t  threads     = 0; // 0: hardware concurrency
    int32_t  gpu_layers  = 0;
    // the backward pass through frozen weights: a transposed copy in this type (q8_0, q6_k, q5_k, q4_k, f16),
    // multiplied with MUL_MAT, or out-prod (F32 OUT_PROD over the weights themselves, no extra memory)
    std::string backward_weights = "q8_0";
    std::string backward_cache; // file for those copies, made once and memory-mapped (empty: kept in memory)
    uint32_t seed        = 42;
    bool     watch_stdin = false;

    std::vector<std::pair<std::string, std::string>> metadata; // --meta key=value, stored in the adapter
};

// Parses argv; on failure returns false and sets error to a one-line reason.
bool parse_options(int argc, char ** argv, trainer_options & opt, std::string & error);

// The --help text.
const char * usage_text();
