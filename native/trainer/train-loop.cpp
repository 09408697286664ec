#include "train-loop.h"

#include "adamw.h"
#include "cancel.h"
#include "checkpoint.h"
#include "dataset-file.h"
#include "lora-session.h"
#include "lr-schedule.h"
#include "progress.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace {

using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point t0) {
    return std::chrono::duration<double>(clock_type::now() - t0).count();
}

int fail(const std::string & message) {
    json_line("error").str("message", message).emit();
    return 1;
}

// Window order of one epoch: a Fisher-Yates shuffle with our own generator, so a resumed run (or
// another platform) sees exactly the same order as the original.
std::vector<uint32_t> epoch_order(uint32_t n, uint32_t seed, int64_t epoch) {
    std::vector<uint32_t> order(n);
    for (uint32_t i = 0; i < n; ++i) {
        order[i] = i;
    }
    std::mt19937 rng(seed ^ (uint32_t) (0x9e3779b9u*(uint32_t) (epoch + 1)));
    for (uint32_t i = n; i > 1; --i) {
        const uint32_t j = (uint32_t) (rng() % i);
        std::swap(order[i - 1], order[j]);
    }
    return order;
}

// Keeps only progress lines up to `step`, so the log a resumed run appends to tells one story.
void truncate_progress_log(const std::string & path, int64_t step) {
    std::ifstream in(path);
    if (!in) {
        return;
    }
    std::stringstream kept;
    std::string line;
    while (std::getline(in, line)) {
        const auto at = line.find("\"step\":");
        const int64_t s = at == std::string::npos ? 0 : std::atoll(line.c_str() + at + 7);
        if (s <= step) {
            kept << line << "\n";
        }
    }
    in.close();
    std::ofstream out(path, std::ios::trunc);
    out << kept.str();
}

struct eval_result {
    double  loss     = NAN;
    int64_t n_labels = 0;
};

bool evaluate(lora_session & session, const std::vector<train_window> & windows, eval_result & out, std::string & error) {
    double sum = 0.0;
    int64_t n = 0;
    for (const auto & w : windows) {
        double loss = 0.0;
        int32_t labels = 0;
        if (!session.eval(w, false, loss, labels, error)) {
            return false;
        }
        sum += loss;
        n += labels;
    }
    out.loss = n > 0 ? sum/(double) n : NAN;
    out.n_labels = n;
    return true;
}

bool save_checkpoint(const trainer_options & opt, const lora_session & session, const std::string & arch,
        const std::vector<std::vector<float>> & values, const checkpoint_state & state, std::string & error) {
    const std::string dir = checkpoint_dir(opt.out_dir);
    const std::string tmp = dir + ".partial";
    std::error_code ec;
    std::filesystem::remove_all(tmp, ec);
    std::filesystem::create_directories(tmp, ec);
    if (ec) {
        error = "cannot create " + tmp + ": " + ec.message();
        return false;
    }
    return write_adapter_file(tmp + "/adapter.gguf", arch, session.alpha(), session.pairs(values), {}, error) &&
           write_optimizer_file(tmp, state, error) &&
           replace_path(tmp, dir, error);
}

} // namespace

int run_training(const trainer_options & opt) {
    std::string error;
    train_dataset data;
    if (!read_dataset(opt.data_path, data, error)) {
        return fail(error);
    }
    base_model_info info;
    if (!find_lora_targets(opt, info, error)) {
        return fail(error);
    }
    std::error_code ec;
    std::filesystem::create_directories(opt.out_dir, ec);
    if (ec) {
        return fail("cannot create " + opt.out_dir + ": " + ec.message());
    }

    const uint32_t n_train         = (uint32_t) data.train.size();
    const int64_t  steps_per_epoch = (n_train + opt.grad_accum - 1)/opt.grad_accum;
    const int64_t  total_steps     = opt.max_steps > 0 ? opt.max_steps : opt.epochs*steps_per_epoch;
    const int64_t  warmup          = opt.warmup_steps >= 0 ? opt.warmup_steps : std::min<int64_t>(100, total_steps/10);
    const int64_t  eval_every      = opt.eval_every > 0 ? opt.eval_every : steps_per_epoch;
    const int64_t  ckpt_every      = opt.checkpoint_every > 0 ? opt.checkpoint_every : steps_per_epoch;

    uint32_t n_seq_max = 1;
    for (const auto * set : {&data.train, &data.held_out}) {
        for (const auto & w : *set) {
            n_seq_max = std::max<uint32_t>(n_seq_max, (uint32_t) w.n_seqs());
        }
    }

    const std::string progress_path = opt.out_dir + "/progress.jsonl";
    const std::string ckpt_dir      = checkpoint_dir(opt.out_dir);
    checkpoint_state state;
    std::string adapter_path;
    bool resumed = false;
    if (opt.resume && std::filesystem::exists(ckpt_dir + "/optimizer.bin")) {
        if (!read_optimizer_file(ckpt_dir, state, error)) {
            return fail(error);
        }
        if (state.n_train != n_train || state.grad_accum != (uint32_t) opt.grad_accum || state.seed != opt.seed) {
            return fail("the checkpoint in " + ckpt_dir + " was made with another dataset or other settings; start a new run instead");
        }
        adapter_path = ckpt_dir + "/adapter.gguf";
        resumed = true;
        truncate_progress_log(progress_path, state.step);
    } else {
        adapter_path = opt.init_adapter;
        if (adapter_path.empty()) {
            adapter_path = opt.out_dir + "/initial-adapter.gguf";
            if (!write_initial_adapter(adapter_path, opt, info, error)) {
                return fail(error);
            }
        }
        std::ofstream(progress_path, std::ios::trunc).close();
    }
    set_progress_log(progress_path);

    lora_session session;
    if (!session.open(opt, adapter_path, data.n_ctx, n_seq_max, error)) {
        return fail(error);
    }

    std::vector<std::vector<float>> values, grads;
    session.read_params(values);
    if (resumed) {
        if (state.names != session.names()) {
            return fail("the checkpoint's optimiser state does not match its adapter");
        }
    } else {
        state.step       = 0;
        state.seed       = opt.seed;
        state.n_train    = n_train;
        state.rank       = (uint32_t) session.rank();
        state.grad_accum = (uint32_t) opt.grad_accum;
        state.names      = session.names();
        state.adam.init(values);
    }

    json_line("start")
        .integer("step", state.step)
        .integer("totalSteps", total_steps)
        .integer("stepsPerEpoch", steps_per_epoch)
        .integer("trainWindows", n_train)
        .integer("heldOutWindows", (int64_t) data.held_out.size())
        .integer("windowTokens", data.n_ctx)
        .integer("trainableParameters", session.n_trainable())
        .integer("rank", session.rank())
        .num("alpha", session.alpha())
        .str("device", session.device_names())
        .str("gpu", session.gpu_name())
        .str("gpuProblem", session.gpu_problem())
        .str("backwardWeights", backward_type_name(session.backward().type()))
        .integer("backwardWeightsBytes", (int64_t) session.backward().bytes())
        .integer("backwardWeightsTensors", session.backward().count())
        .integer("backwardWeightsSkipped", session.backward().skipped())
        .num("backwardWeightsSeconds", session.backward().seconds())
        .integer("backwardWeightsResidentBytes", (int64_t) session.backward().resident_bytes())
        .boolean("backwardWeightsCached", session.backward().from_cache())
        .str("backwardWeightsCacheProblem", session.backward().cache_error())
        .boolean("resumed", resumed)
        .emit();

    eval_result held_out;
    if (!resumed && !data.held_out.empty()) {
        if (!evaluate(session, data.held_out, held_out, error)) {
            return error == "cancelled" ? 3 : fail(error);
        }
        json_line("eval").integer("step", 0).num("heldOutLoss", held_out.loss).integer("heldOutTokens", held_out.n_labels).emit();
    }

    const auto t_start = clock_type::now();
    double  train_seconds   = 0.0;
    double  eval_seconds    = 0.0;
    int64_t evals_done      = 0;
    int64_t tokens_done     = 0;
    int64_t steps_done      = 0;
    double  last_train_loss = NAN;

    for (int64_t step = state.step; step < total_steps; ++step) {
        const auto t_step = clock_type::now();
        double  loss_sum = 0.0;
        int64_t n_labels = 0;
        int64_t n_tokens = 0;
        for (int32_t j = 0; j < opt.grad_accum; ++j) {
            const int64_t k = step*opt.grad_accum + j; // windows consumed so far
            const auto order = epoch_order(n_train, opt.seed, k/n_train);
            const train_window & w = data.train[order[k % n_train]];
            double loss = 0.0;
            int32_t labels = 0;
            if (!session.eval(w, true, loss, labels, error)) {
                break;
            }
            loss_sum += loss;
            n_labels += labels;
            n_tokens += (int64_t) w.tokens.size();
        }
        if (!error.empty() && error != "cancelled") {
            return fail(error);
        }
        if (cancel_requested()) {
            break; // the interrupted step is dropped; the checkpoint below holds the completed ones
        }

        session.read_grads(grads);
        session.zero_grads();
        double grad_norm = 0.0;
        const float lr = lr_at_step(step, total_steps, warmup, opt.lr, opt.lr_min_ratio);
        if (n_labels > 0) {
            // the graph's loss is a sum over labelled tokens: average it over this step's tokens
            for (auto & g : grads) {
                for (auto & x : g) {
                    x /= (float) n_labels;
                }
            }
            grad_norm = global_norm(grads);
            if (opt.grad_clip > 0.0f && grad_norm > opt.grad_clip) {
                const float s = (float) (opt.grad_clip/grad_norm);
                for (auto & g : grads) {
                    for (auto & x : g) {
                        x *= s;
                    }
                }
            }
            adamw_params ap;
            ap.lr = lr;
            ap.weight_decay = opt.weight_decay;
            adamw_step(state.adam, ap, values, grads);
            session.write_params(values);
            last_train_loss = loss_sum/(double) n_labels;
        }
        state.step = step + 1;

        train_seconds += seconds_since(t_step);
        tokens_done   += n_tokens;
        steps_done    += 1;
        const int64_t steps_left = total_steps - state.step;
        const double  step_avg   = train_seconds/(double) steps_done;
        const double  eval_avg   = evals_done > 0 ? eval_seconds/(double) evals_done : step_avg*0.3*(double) data.held_out.size();
        const double  eta        = steps_left*step_avg + (double) (steps_left/eval_every + 1)*(data.held_out.empty() ? 0.0 : eval_avg);

        json_line("step")
            .integer("step", state.step)
            .integer("totalSteps", total_steps)
            .num("epoch", (double) (state.step*opt.grad_accum)/(double) n_train)
            .num("trainLoss", n_labels > 0 ? last_train_loss : NAN)
            .integer("trainTokens", n_labels)
            .num("learningRate", lr)
            .num("gradNorm", grad_norm)
            .num("tokensPerSecond", (double) tokens_done/train_seconds)
            .num("etaSeconds", eta)
            .num("elapsedSeconds", seconds_since(t_start))
            .integer("peakMemoryBytes", peak_memory_bytes())
            .integer("anonMemoryBytes", anonymous_memory_bytes())
            .emit();

        const bool last = state.step == total_steps;
        if (!data.held_out.empty() && (state.step % eval_every == 0 || last)) {
            const auto t_eval = clock_type::now();
            if (!evaluate(session, data.held_out, held_out, error)) {
                if (error != "cancelled") {
                    return fail(error);
                }
                break;
            }
            eval_seconds += seconds_since(t_eval);
            evals_done   += 1;
            json_line("eval").integer("step", state.step).num("heldOutLoss", held_out.loss).integer("heldOutTokens", held_out.n_labels).emit();
        }
        if (!last && state.step % ckpt_every == 0) {
            if (!save_checkpoint(opt, session, info.architecture, values, state, error)) {
                return fail(error);
            }
            json_line("checkpoint").integer("step", state.step).str("path", ckpt_dir).emit();
        }
    }

    if (cancel_requested() && state.step < total_steps) {
        if (!save_checkpoint(opt, session, info.architecture, values, state, error)) {
            return fail(error);
        }
        json_line("cancelled").integer("step", state.step).integer("totalSteps", total_steps).str("checkpoint", ckpt_dir).emit();
        return 3;
    }

    std::vector<std::pair<std::string, std::string>> meta = opt.metadata;
    meta.emplace_back("training.steps", std::to_string(state.step));
    meta.emplace_back("training.final_train_loss", std::to_string(last_train_loss));
    if (!data.held_out.empty()) {
        meta.emplace_back("training.final_held_out_loss", std::to_string(held_out.loss));
    }
    const std::string adapter_out = opt.out_dir + "/adapter.gguf";
    if (!write_adapter_file(adapter_out, info.architecture, session.alpha(), session.pairs(values), meta, error)) {
        return fail(error);
    }
    json_line("done")
        .integer("step", state.step)
        .integer("totalSteps", total_steps)
        .str("adapterPath", adapter_out)
        .num("finalTrainLoss", last_train_loss)
        .num("finalHeldOutLoss", data.held_out.empty() ? NAN : held_out.loss)
        .num("elapsedSeconds", seconds_since(t_start))
        .integer("peakMemoryBytes", peak_memory_bytes())
        .emit();
    return 0;
}
