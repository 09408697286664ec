#include "lr-schedule.h"

#include <algorithm>
#include <cmath>

float lr_at_step(int64_t step, int64_t total_steps, int64_t warmup_steps, float peak, float min_ratio) {
    if (warmup_steps > 0 && step < warmup_steps) {
        return peak*(float) (step + 1)/(float) warmup_steps;
    }
    const int64_t decay_steps = std::max<int64_t>(1, total_steps - warmup_steps);
    const double progress = std::min(1.0, (double) (step - warmup_steps)/(double) decay_steps);
    const double pi = 3.14159265358979323846;
    const double cosine = 0.5*(1.0 + std::cos(pi*progress));
    return (float) (peak*(min_ratio + (1.0 - min_ratio)*cosine));
}
