#include "options.h"

#include "backward-weights.h"

#include <cstdlib>
#include <cstring>
#include <sstream>

const char * usage_text() {
    return
        "studio-trainer: trains a LoRA adapter for a llama.cpp model on tokenised windows\n"
        "  --model FILE            base model (GGUF)\n"
        "  --data FILE             windows written by the studio (tokens, positions, sequences, labels)\n"
        "  --out DIR               run folder: adapter.gguf, checkpoint/, progress.jsonl\n"
        "  --mode M                train (default) | check-gradients | compare-loss\n"
        "  --init-adapter FILE     start from this adapter\n"
        "  --reference-model FILE  check-gradients: cosine against this model's gradients (e.g. the F32 of a quantised base)\n"
        "  --targets a,b,...       tensor kinds (default attn_qkv,attn_output,ffn_up,ffn_down)\n"
        "  --layers FIRST-LAST     layer range (default: all)\n"
        "  --rank R --alpha A      LoRA rank (8) and alpha (16)\n"
        "  --epochs N --max-steps N --grad-accum N\n"
        "  --lr X --lr-min-ratio X --warmup N --weight-decay X --grad-clip X\n"
        "  --eval-every N --checkpoint-every N --resume\n"
        "  --threads N --gpu-layers N --seed N --watch-stdin --meta KEY=VALUE\n"
        "  --backward-weights T    q8_0 (default) | q6_k | q5_k | q4_k | f16: transposed copy for the backward pass; out-prod: none\n"
        "  --backward-cache FILE   keep that copy in FILE (made once, memory-mapped) instead of in memory\n";
}

static bool to_int(const char * s, int32_t & out) {
    char * end = nullptr;
    const long v = std::strtol(s, &end, 10);
    if (end == s || *end != '\0') {
        return false;
    }
    out = (int32_t) v;
    return true;
}

static bool to_float(const char * s, float & out) {
    char * end = nullptr;
    const float v = std::strtof(s, &end);
    if (end == s || *end != '\0') {
        return false;
    }
    out = v;
    return true;
}

static std::vector<std::string> split_list(const std::string & s) {
    std::vector<std::string> out;
    std::stringstream ss(s);
    std::string item;
    while (std::getline(ss, item, ',')) {
        if (!item.empty()) {
            out.push_back(item);
        }
    }
    return out;
}

bool parse_options(int argc, char ** argv, trainer_options & opt, std::string & error) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto value = [&]() -> const char * {
            if (i + 1 >= argc) {
                error = arg + " needs a value";
                return nullptr;
            }
            return argv[++i];
        };
        const auto int_flag = [&](int32_t & out) {
            const char * v = value();
            if (!v) return false;
            if (!to_int(v, out)) {
                error = arg + " expects a whole number, got '" + v + "'";
                return false;
            }
            return true;
        };
        const auto float_flag = [&](float & out) {
            const char * v = value();
            if (!v) return false;
            if (!to_float(v, out)) {
                error = arg + " expects a number, got '" + v + "'";
                return false;
            }
            return true;
        };
        const auto str_flag = [&](std::string & out) {
            const char * v = value();
            if (!v) return false;
            out = v;
            return true;
        };

        bool ok = true;
        if      (arg == "--model")            ok = str_flag(opt.model_path);
        else if (arg == "--data")             ok = str_flag(opt.data_path);
        else if (arg == "--out")              ok = str_flag(opt.out_dir);
        else if (arg == "--mode")             ok = str_flag(opt.mode);
        else if (arg == "--init-adapter")     ok = str_flag(opt.init_adapter);
        else if (arg == "--reference-model")  ok = str_flag(opt.reference_model);
        else if (arg == "--rank")             ok = int_flag(opt.rank);
        else if (arg == "--alpha")            ok = float_flag(opt.alpha);
        else if (arg == "--init-b-std")       ok = float_flag(opt.init_b_std);
        else if (arg == "--epochs")           ok = int_flag(opt.epochs);
        else if (arg == "--max-steps")        ok = int_flag(opt.max_steps);
        else if (arg == "--grad-accum")       ok = int_flag(opt.grad_accum);
        else if (arg == "--lr")               ok = float_flag(opt.lr);
        else if (arg == "--lr-min-ratio")     ok = float_flag(opt.lr_min_ratio);
        else if (arg == "--warmup")           ok = int_flag(opt.warmup_steps);
        else if (arg == "--weight-decay")     ok = float_flag(opt.weight_decay);
        else if (arg == "--grad-clip")        ok = float_flag(opt.grad_clip);
        else if (arg == "--eval-every")       ok = int_flag(opt.eval_every);
        else if (arg == "--checkpoint-every") ok = int_flag(opt.checkpoint_every);
        else if (arg == "--threads")          ok = int_flag(opt.threads);
        else if (arg == "--gpu-layers")       ok = int_flag(opt.gpu_layers);
        else if (arg == "--backward-weights") ok = str_flag(opt.backward_weights);
        else if (arg == "--backward-cache")  ok = str_flag(opt.backward_cache);
        else if (arg == "--resume")           opt.resume = true;
        else if (arg == "--watch-stdin")      opt.watch_stdin = true;
        else if (arg == "--seed") {
            int32_t seed = 0;
            ok = int_flag(seed);
            opt.seed = (uint32_t) seed;
        } else if (arg == "--targets") {
            std::string list;
            ok = str_flag(list);
            opt.targets = split_list(list);
        } else if (arg == "--layers") {
            std::string range;
            ok = str_flag(range);
            const auto dash = range.find('-');
            if (ok && (dash == std::string::npos || !to_int(range.substr(0, dash).c_str(), opt.layer_first) ||
                       !to_int(range.substr(dash + 1).c_str(), opt.layer_last))) {
                error = "--layers expects FIRST-LAST, got '" + range + "'";
                ok = false;
            }
        } else if (arg == "--meta") {
            std::string kv;
            ok = str_flag(kv);
            const auto eq = kv.find('=');
            if (ok && (eq == std::string::npos || eq == 0)) {
                error = "--meta expects KEY=VALUE, got '" + kv + "'";
                ok = false;
            } else if (ok) {
                opt.metadata.emplace_back(kv.substr(0, eq), kv.substr(eq + 1));
            }
        } else {
            error = "unknown option " + arg;
            ok = false;
        }
        if (!ok) {
            return false;
        }
    }

    if (opt.mode != "train" && opt.mode != "check-gradients" && opt.mode != "compare-loss") {
        error = "--mode must be train, check-gradients or compare-loss";
        return false;
    }
    if (opt.model_path.empty() || opt.data_path.empty() || opt.out_dir.empty()) {
        error = "--model, --data and --out are required";
        return false;
    }
    ggml_type backward_type;
    if (!parse_backward_type(opt.backward_weights, backward_type)) {
        error = "--backward-weights must be out-prod, q8_0, q6_k, q5_k, q4_k or f16";
        return false;
    }
    if (opt.rank < 1 || opt.rank > 256) {
        error = "--rank must be between 1 and 256";
        return false;
    }
    if (opt.targets.empty()) {
        error = "--targets names no tensor kind";
        return false;
    }
    if (opt.epochs < 1 || opt.grad_accum < 1 || opt.max_steps < 0) {
        error = "--epochs and --grad-accum must be at least 1, --max-steps at least 0";
        return false;
    }
    if (!(opt.lr > 0.0f) || opt.weight_decay < 0.0f || opt.weight_decay > 1.0f) {
        error = "--lr must be positive and --weight-decay between 0 and 1";
        return false;
    }
    return true;
}
