#pragma once

#include <cstdint>
#include <vector>

// AdamW (decoupled weight decay) over host copies of the LoRA tensors. The optimiser runs on the host
// because only the adapter is trained (a few million numbers at most): its cost is negligible next to a
// step, and keeping its state here makes checkpoints exact and portable between CPU and GPU runs.
struct adamw_state {
    int64_t t = 0; // optimiser steps taken
    std::vector<std::vector<float>> m;
    std::vector<std::vector<float>> v;

    void init(const std::vector<std::vector<float>> & params);
};

struct adamw_params {
    float lr           = 1e-3f;
    float beta1        = 0.9f;
    float beta2        = 0.999f;
    float eps          = 1e-8f;
    float weight_decay = 0.0f;
};

// Euclidean norm of all gradients together.
double global_norm(const std::vector<std::vector<float>> & grads);

// One update of params from grads (already averaged over the step's labelled tokens).
void adamw_step(adamw_state & state, const adamw_params & p, std::vector<std::vector<float>> & params, const std::vector<std::vector<float>> & grads);
