#include "self-checks.h"

#include "dataset-file.h"
#include "lora-session.h"
#include "progress.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <numeric>

namespace {

int fail(const std::string & message) {
    json_line("error").str("message", message).emit();
    return 1;
}

uint32_t max_sequences(const train_dataset & data) {
    uint32_t n = 1;
    for (const auto * set : {&data.train, &data.held_out}) {
        for (const auto & w : *set) {
            n = std::max<uint32_t>(n, (uint32_t) w.n_seqs());
        }
    }
    return n;
}

bool open_session(const trainer_options & opt, train_dataset & data, lora_session & session, std::string & error, std::string * adapter_used = nullptr) {
    base_model_info info;
    if (!read_dataset(opt.data_path, data, error) || !find_lora_targets(opt, info, error)) {
        return false;
    }
    std::error_code ec;
    std::filesystem::create_directories(opt.out_dir, ec);
    std::string adapter_path = opt.init_adapter;
    if (adapter_path.empty()) {
        adapter_path = opt.out_dir + "/initial-adapter.gguf";
        if (!write_initial_adapter(adapter_path, opt, info, error)) {
            return false;
        }
    }
    if (adapter_used) {
        *adapter_used = adapter_path;
    }
    return session.open(opt, adapter_path, data.n_ctx, max_sequences(data), error);
}

double cosine(const std::vector<float> & a, const std::vector<float> & b) {
    double ab = 0.0, aa = 0.0, bb = 0.0;
    for (size_t i = 0; i < a.size(); ++i) {
        ab += (double) a[i]*b[i];
        aa += (double) a[i]*a[i];
        bb += (double) b[i]*b[i];
    }
    return ab/std::max(1e-300, std::sqrt(aa*bb));
}

// The gradients of a quantised base cannot be checked by finite differences (its forward quantises the
// activations, a step function); compare them with those of a reference model instead, e.g. the same
// weights dequantised to F32.
int compare_with_reference(const trainer_options & opt, const train_dataset & data, const std::string & adapter_path,
        const lora_session & session, const std::vector<std::vector<float>> & grads) {
    trainer_options ref_opt = opt;
    ref_opt.model_path = opt.reference_model;
    ref_opt.backward_weights = "out-prod"; // the reference takes the exact path: F32 products over the weights themselves
    lora_session reference;
    std::string error;
    double loss = 0.0;
    int32_t n_labels = 0;
    if (!reference.open(ref_opt, adapter_path, data.n_ctx, max_sequences(data), error) ||
        !reference.eval(data.train.front(), true, loss, n_labels, error)) {
        return fail(error);
    }
    std::vector<std::vector<float>> ref_grads;
    reference.read_grads(ref_grads);
    std::vector<float> all, ref_all;
    double min_cos = 1.0;
    for (size_t p = 0; p < grads.size(); ++p) {
        const double c = cosine(grads[p], ref_grads[p]);
        min_cos = std::min(min_cos, c);
        json_line("gradient-tensor").str("tensor", session.names()[p]).num("cosine", c).emit();
        all.insert(all.end(), grads[p].begin(), grads[p].end());
        ref_all.insert(ref_all.end(), ref_grads[p].begin(), ref_grads[p].end());
    }
    json_line("gradient-agreement").num("cosine", cosine(all, ref_all)).num("minTensorCosine", min_cos).num("referenceLoss", loss).emit();
    return 0;
}

// Negative log-likelihood of the window's labels, decoding each packed sequence on its own.
bool inference_loss(lora_session & session, const train_window & w, double & out, std::string & error) {
    llama_context * ctx = session.context();
    const int32_t n_vocab = llama_vocab_n_tokens(llama_model_get_vocab(session.base()));
    std::map<int32_t, std::vector<int32_t>> by_seq;
    for (size_t i = 0; i < w.tokens.size(); ++i) {
        by_seq[w.seq[i]].push_back((int32_t) i);
    }
    out = 0.0;
    for (const auto & it : by_seq) {
        const auto & idx = it.second;
        llama_memory_clear(llama_get_memory(ctx), true);
        llama_batch batch = llama_batch_init((int32_t) idx.size(), 0, 1);
        batch.n_tokens = (int32_t) idx.size();
        for (size_t j = 0; j < idx.size(); ++j) {
            batch.token[j]     = w.tokens[idx[j]];
            batch.pos[j]       = w.pos[idx[j]];
            batch.n_seq_id[j]  = 1;
            batch.seq_id[j][0] = 0;
            batch.logits[j]    = w.labels[idx[j]] >= 0;
        }
        const int32_t rc = llama_decode(ctx, batch);
        if (rc != 0) {
            llama_batch_free(batch);
            error = "llama_decode failed with " + std::to_string(rc);
            return false;
        }
        for (size_t j = 0; j < idx.size(); ++j) {
            const int32_t label = w.labels[idx[j]];
            if (label < 0) {
                continue;
            }
            const float * logits = llama_get_logits_ith(ctx, (int32_t) j);
            const float max = *std::max_element(logits, logits + n_vocab);
            double sum = 0.0;
            for (int32_t v = 0; v < n_vocab; ++v) {
                sum += std::exp((double) logits[v] - max);
            }
            out += std::log(sum) + max - logits[label];
        }
        llama_batch_free(batch);
    }
    llama_memory_clear(llama_get_memory(ctx), true);
    return true;
}

} // namespace

int run_gradient_check(const trainer_options & opt) {
    std::string error;
    train_dataset data;
    lora_session session;
    std::string adapter_path;
    if (!open_session(opt, data, session, error, &adapter_path)) {
        return fail(error);
    }
    const train_window & w = data.train.front();

    std::vector<std::vector<float>> values, grads;
    session.read_params(values);
    double loss = 0.0;
    int32_t n_labels = 0;
    session.zero_grads();
    if (!session.eval(w, true, loss, n_labels, error)) {
        return fail(error);
    }
    session.read_grads(grads);
    if (!opt.reference_model.empty()) {
        return compare_with_reference(opt, data, adapter_path, session, grads);
    }

    const float h = 1e-2f;
    std::vector<double> errors;
    for (size_t p = 0; p < values.size(); ++p) {
        std::vector<size_t> idx(values[p].size());
        std::iota(idx.begin(), idx.end(), 0);
        const size_t k = std::min<size_t>(2, idx.size());
        std::partial_sort(idx.begin(), idx.begin() + k, idx.end(), [&](size_t a, size_t b) { return std::fabs(grads[p][a]) > std::fabs(grads[p][b]); });
        for (size_t e = 0; e < k; ++e) {
            const size_t i = idx[e];
            const float orig = values[p][i];
            // the inference path sums the log-likelihoods in double precision, which the
            // differences of small perturbations need (and it checks the chat's own forward)
            double plus = 0.0, minus = 0.0;
            values[p][i] = orig + h;
            session.write_params(values);
            bool ok = inference_loss(session, w, plus, error);
            values[p][i] = orig - h;
            session.write_params(values);
            ok = ok && inference_loss(session, w, minus, error);
            values[p][i] = orig;
            session.write_params(values);
            if (!ok) {
                return fail(error);
            }
            const double numeric  = (plus - minus)/(2.0*h);
            const double analytic = grads[p][i];
            const double rel = std::fabs(numeric - analytic)/std::max(1e-12, std::max(std::fabs(numeric), std::fabs(analytic)));
            errors.push_back(rel);
            json_line("gradient")
                .str("tensor", session.names()[p])
                .integer("index", (int64_t) i)
                .num("analytic", analytic)
                .num("numeric", numeric)
                .num("relativeError", rel)
                .emit();
        }
    }
    std::sort(errors.begin(), errors.end());
    json_line("gradient-check")
        .num("loss", loss)
        .integer("labels", n_labels)
        .integer("entries", (int64_t) errors.size())
        .num("medianRelativeError", errors.empty() ? NAN : errors[errors.size()/2])
        .num("maxRelativeError", errors.empty() ? NAN : errors.back())
        .emit();
    return 0;
}

int run_loss_comparison(const trainer_options & opt) {
    std::string error;
    train_dataset data;
    lora_session session;
    if (!open_session(opt, data, session, error)) {
        return fail(error);
    }
    double max_rel = 0.0;
    int32_t index = 0;
    for (const auto * set : {&data.train, &data.held_out}) {
        for (const auto & w : *set) {
            double train_loss = 0.0, infer_loss = 0.0;
            int32_t n_labels = 0;
            if (!session.eval(w, false, train_loss, n_labels, error) || !inference_loss(session, w, infer_loss, error)) {
                return fail(error);
            }
            const double rel = std::fabs(train_loss - infer_loss)/std::max(1e-12, std::fabs(infer_loss));
            max_rel = std::max(max_rel, rel);
            json_line("window-loss")
                .integer("window", index++)
                .integer("sequences", w.n_seqs())
                .integer("labels", n_labels)
                .num("trainingGraph", train_loss)
                .num("inference", infer_loss)
                .num("relativeDifference", rel)
                .emit();
        }
    }
    json_line("compare-loss").integer("windows", index).num("maxRelativeDifference", max_rel).emit();
    return 0;
}
