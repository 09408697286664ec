#pragma once

#include <cstdint>

// Learning rate at a step: linear warm-up to the peak, then cosine decay to peak x min_ratio, so the
// first updates of a fresh adapter cannot overshoot and the last ones settle.
float lr_at_step(int64_t step, int64_t total_steps, int64_t warmup_steps, float peak, float min_ratio);
