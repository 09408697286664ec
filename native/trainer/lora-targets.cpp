#include "lora-targets.h"

#include "gguf.h"

#include <algorithm>

static bool matches_target(const std::string & name, const trainer_options & opt, int32_t n_layer) {
    const int32_t last = opt.layer_last < 0 ? n_layer - 1 : opt.layer_last;
    for (const auto & kind : opt.targets) {
        if (name == kind + ".weight") {
            return true; // a model-level weight such as output.weight
        }
        for (int32_t il = opt.layer_first; il <= last; ++il) {
            if (name == "blk." + std::to_string(il) + "." + kind + ".weight") {
                return true;
            }
        }
    }
    return false;
}

bool find_lora_targets(const trainer_options & opt, base_model_info & out, std::string & error) {
    gguf_init_params params = { /*.no_alloc =*/ true, /*.ctx =*/ nullptr };
    gguf_context * ctx = gguf_init_from_file(opt.model_path.c_str(), params);
    if (!ctx) {
        error = opt.model_path + " is not a readable GGUF model";
        return false;
    }

    const int64_t arch_key = gguf_find_key(ctx, "general.architecture");
    if (arch_key < 0 || gguf_get_kv_type(ctx, arch_key) != GGUF_TYPE_STRING) {
        gguf_free(ctx);
        error = opt.model_path + " has no general.architecture";
        return false;
    }
    out.architecture = gguf_get_val_str(ctx, arch_key);

    const int64_t layers_key = gguf_find_key(ctx, (out.architecture + ".block_count").c_str());
    out.n_layer = layers_key >= 0 ? (int32_t) gguf_get_val_u32(ctx, layers_key) : 0;

    const int32_t last = opt.layer_last < 0 ? out.n_layer - 1 : opt.layer_last;
    if (opt.layer_first < 0 || opt.layer_first > last || last >= out.n_layer) {
        gguf_free(ctx);
        error = "--layers " + std::to_string(opt.layer_first) + "-" + std::to_string(last) + " is outside the model's " +
                std::to_string(out.n_layer) + " layers";
        return false;
    }

    for (int64_t i = 0; i < gguf_get_n_tensors(ctx); ++i) {
        const std::string name = gguf_get_tensor_name(ctx, i);
        const int64_t * ne = gguf_get_tensor_ne(ctx, i);
        if (ne[2] != 1 || ne[3] != 1 || !matches_target(name, opt, out.n_layer)) {
            continue;
        }
        out.targets.push_back({name, ne[0], ne[1]});
    }
    gguf_free(ctx);

    std::sort(out.targets.begin(), out.targets.end(), [](const lora_target & a, const lora_target & b) { return a.name < b.name; });
    if (out.targets.empty()) {
        error = "the model has no weight matching --targets in the chosen layers";
        return false;
    }
    return true;
}
