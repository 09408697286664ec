#include "lora-session.h"

#include "cancel.h"
#include "llama-adapter.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <thread>

lora_session::~lora_session() {
    for (auto * buf : grad_bufs) {
        ggml_backend_buffer_free(buf);
    }
    for (auto & it : grad_ctxs) {
        ggml_free(it.second);
    }
    if (ctx) {
        llama_free(ctx);
    }
    if (adapter) {
        llama_adapter_lora_free(adapter);
    }
    if (model) {
        llama_model_free(model);
    }
}

bool write_initial_adapter(const std::string & path, const trainer_options & opt, const base_model_info & info, std::string & error) {
    std::mt19937 rng(opt.seed);
    std::vector<lora_pair_data> pairs;
    for (const auto & t : info.targets) {
        lora_pair_data p;
        p.base  = t.name;
        p.n_in  = t.n_in;
        p.n_out = t.n_out;
        p.rank  = opt.rank;
        const float bound = 1.0f/std::sqrt((float) t.n_in);
        std::uniform_real_distribution<float> uniform(-bound, bound);
        p.a.resize(t.n_in*opt.rank);
        for (auto & x : p.a) {
            x = uniform(rng);
        }
        p.b.assign(opt.rank*t.n_out, 0.0f);
        if (opt.init_b_std > 0.0f) {
            std::normal_distribution<float> normal(0.0f, opt.init_b_std);
            for (auto & x : p.b) {
                x = normal(rng);
            }
        }
        pairs.push_back(std::move(p));
    }
    return write_adapter_file(path, info.architecture, opt.alpha, pairs, {}, error);
}

bool lora_session::open(const trainer_options & opt, const std::string & adapter_path, uint32_t n_ctx, uint32_t n_seq_max, std::string & error) {
    llama_model_params mparams = llama_model_default_params();
    mparams.n_gpu_layers    = opt.gpu_layers;
    if (opt.gpu_layers > 0) {
        for (size_t i = 0; i < ggml_backend_dev_count() && gpu.empty(); ++i) {
            ggml_backend_dev_t dev = ggml_backend_dev_get(i);
            if (ggml_backend_dev_type(dev) == GGML_BACKEND_DEVICE_TYPE_GPU || ggml_backend_dev_type(dev) == GGML_BACKEND_DEVICE_TYPE_IGPU) {
                gpu = std::string(ggml_backend_dev_name(dev)) + " (" + ggml_backend_dev_description(dev) + ")";
            }
        }
        if (gpu.empty()) {
            gpu_missing = "this trainer build found no GPU device (software devices such as llvmpipe are skipped unless GGML_VK_VISIBLE_DEVICES selects them)";
        }
    }
    // repacked CPU weights (faster forward kernels) have a layout that OUT_PROD cannot read: allowed only when
    // the backward pass goes through transposed copies for every weight
    ggml_type backward_type = GGML_TYPE_COUNT;
    parse_backward_type(opt.backward_weights, backward_type);
    mparams.use_extra_bufts = backward_weights::covers_all(opt.model_path, backward_type, opt.layer_first);
    model = llama_model_load_from_file(opt.model_path.c_str(), mparams);
    if (!model) {
        error = "cannot load the base model " + opt.model_path;
        return false;
    }

    adapter = llama_adapter_lora_init(model, adapter_path.c_str());
    if (!adapter) {
        error = "cannot load the adapter " + adapter_path + " onto this base model";
        return false;
    }
    lora_alpha = adapter->alpha;

    for (const auto & it : adapter->ab_map) {
        bases.push_back(it.first);
    }
    std::sort(bases.begin(), bases.end());
    for (const auto & base : bases) {
        const auto & w = adapter->ab_map.at(base);
        for (ggml_tensor * t : {w.a, w.b}) {
            if (t->type != GGML_TYPE_F32) {
                error = "the adapter's " + std::string(t->name) + " is not F32 and cannot be trained";
                return false;
            }
            ggml_set_param(t);
            params.push_back(t);
            param_names.push_back(t->name);
        }
    }

    // gradient accumulators live beside their parameters (CPU or GPU buffer)
    for (ggml_tensor * p : params) {
        ggml_backend_buffer_type_t buft = ggml_backend_buffer_get_type(p->buffer);
        if (!grad_ctxs.count(buft)) {
            ggml_init_params gp = { /*.mem_size =*/ params.size()*ggml_tensor_overhead(), /*.mem_buffer =*/ nullptr, /*.no_alloc =*/ true };
            grad_ctxs[buft] = ggml_init(gp);
        }
        ggml_tensor * g = ggml_dup_tensor(grad_ctxs[buft], p);
        ggml_format_name(g, "grad_acc of %s", p->name);
        grads.push_back(g);
    }
    for (auto & it : grad_ctxs) {
        ggml_backend_buffer_t buf = ggml_backend_alloc_ctx_tensors_from_buft(it.second, it.first);
        if (!buf) {
            error = "not enough memory for the adapter's gradients";
            return false;
        }
        grad_bufs.push_back(buf);
    }
    zero_grads();

    const int32_t threads = opt.threads > 0 ? opt.threads : (int32_t) std::max(1u, std::thread::hardware_concurrency());
    if (!transposed.build(model, opt.model_path, backward_type, opt.layer_first, threads, opt.backward_cache, error)) {
        return false;
    }
    llama_context_params cparams = llama_context_default_params();
    cparams.n_ctx           = n_ctx;
    cparams.n_batch         = n_ctx;
    cparams.n_ubatch        = n_ctx; // one ubatch per window: attention then sees this window's own K/V
    cparams.n_seq_max       = std::max<uint32_t>(1, n_seq_max);
    cparams.kv_unified      = true;
    cparams.flash_attn_type = LLAMA_FLASH_ATTN_TYPE_DISABLED; // FLASH_ATTN_EXT has no backward pass
    cparams.type_k          = GGML_TYPE_F32;
    cparams.type_v          = GGML_TYPE_F32;
    cparams.n_threads       = threads;
    cparams.n_threads_batch = threads;
    cparams.no_perf         = true;
    cparams.abort_callback  = cancel_abort_callback;
    ctx = llama_init_from_model(model, cparams);
    if (!ctx) {
        error = "cannot create a training context of " + std::to_string(n_ctx) + " tokens (not enough memory?)";
        return false;
    }
    float scale = 1.0f;
    if (llama_set_adapters_lora(ctx, &adapter, 1, &scale) != 0) {
        error = "cannot attach the adapter to the context";
        return false;
    }
    return true;
}

bool lora_session::eval(const train_window & w, bool backward, double & loss_sum, int32_t & n_labels, std::string & error) {
    transposed.use(backward);
    const int32_t rc = llama_train_window(ctx, (int32_t) w.tokens.size(), w.tokens.data(), w.pos.data(), w.seq.data(), w.labels.data(),
            (int32_t) params.size(), params.data(), grads.data(), backward, &loss_sum, &n_labels);
    transposed.use(false);
    if (rc != 0) {
        error = cancel_requested() ? "cancelled" : "the training step failed (code " + std::to_string(rc) + "); see the log above";
        return false;
    }
    if (!std::isfinite(loss_sum)) {
        error = "the loss is not finite: lower the learning rate";
        return false;
    }
    return true;
}

void lora_session::zero_grads() {
    for (auto * buf : grad_bufs) {
        ggml_backend_buffer_clear(buf, 0);
    }
}

void lora_session::read_params(std::vector<std::vector<float>> & out) const {
    out.resize(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
        out[i].resize(ggml_nelements(params[i]));
        ggml_backend_tensor_get(params[i], out[i].data(), 0, ggml_nbytes(params[i]));
    }
}

void lora_session::write_params(const std::vector<std::vector<float>> & values) {
    for (size_t i = 0; i < params.size(); ++i) {
        ggml_backend_tensor_set(params[i], values[i].data(), 0, ggml_nbytes(params[i]));
    }
}

void lora_session::read_grads(std::vector<std::vector<float>> & out) const {
    out.resize(grads.size());
    for (size_t i = 0; i < grads.size(); ++i) {
        out[i].resize(ggml_nelements(grads[i]));
        ggml_backend_tensor_get(grads[i], out[i].data(), 0, ggml_nbytes(grads[i]));
    }
}

std::vector<lora_pair_data> lora_session::pairs(const std::vector<std::vector<float>> & values) const {
    std::vector<lora_pair_data> out;
    for (size_t i = 0; i < bases.size(); ++i) {
        const ggml_tensor * a = params[2*i];
        const ggml_tensor * b = params[2*i + 1];
        lora_pair_data p;
        p.base  = bases[i];
        p.n_in  = a->ne[0];
        p.rank  = a->ne[1];
        p.n_out = b->ne[1];
        p.a     = values[2*i];
        p.b     = values[2*i + 1];
        out.push_back(std::move(p));
    }
    return out;
}

int64_t lora_session::n_trainable() const {
    int64_t n = 0;
    for (const auto * p : params) {
        n += ggml_nelements(p);
    }
    return n;
}

int32_t lora_session::rank() const {
    return params.empty() ? 0 : (int32_t) params[0]->ne[1];
}

std::string lora_session::device_names() const {
    std::string out;
    for (const auto & it : grad_ctxs) {
        if (!out.empty()) {
            out += ",";
        }
        out += ggml_backend_buft_name(it.first);
    }
    return out;
}
