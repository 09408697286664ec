#include "adamw.h"

#include <cmath>

void adamw_state::init(const std::vector<std::vector<float>> & params) {
    t = 0;
    m.assign(params.size(), {});
    v.assign(params.size(), {});
    for (size_t i = 0; i < params.size(); ++i) {
        m[i].assign(params[i].size(), 0.0f);
        v[i].assign(params[i].size(), 0.0f);
    }
}

double global_norm(const std::vector<std::vector<float>> & grads) {
    double sum = 0.0;
    for (const auto & g : grads) {
        for (float x : g) {
            sum += (double) x * x;
        }
    }
    return std::sqrt(sum);
}

void adamw_step(adamw_state & state, const adamw_params & p, std::vector<std::vector<float>> & params, const std::vector<std::vector<float>> & grads) {
    state.t += 1;
    const float bias1 = 1.0f - std::pow(p.beta1, (float) state.t);
    const float bias2 = 1.0f - std::pow(p.beta2, (float) state.t);
    for (size_t i = 0; i < params.size(); ++i) {
        float * w = params[i].data();
        float * m = state.m[i].data();
        float * v = state.v[i].data();
        const float * g = grads[i].data();
        for (size_t j = 0; j < params[i].size(); ++j) {
            m[j] = p.beta1*m[j] + (1.0f - p.beta1)*g[j];
            v[j] = p.beta2*v[j] + (1.0f - p.beta2)*g[j]*g[j];
            const float mh = m[j]/bias1;
            const float vh = v[j]/bias2;
            w[j] -= p.lr*(mh/(std::sqrt(vh) + p.eps) + p.weight_decay*w[j]);
        }
    }
}
