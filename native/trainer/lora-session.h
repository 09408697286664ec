#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "adapter-file.h"
#include "backward-weights.h"
#include "dataset-file.h"
#include "ggml-backend.h"
#include "llama.h"
#include "lora-targets.h"
#include "options.h"

// The loaded base model, the adapter being trained (its A/B tensors flagged as the only parameters)
// and one gradient tensor per parameter, on the same device as the parameter.
class lora_session {
public:
    ~lora_session();

    // Loads the model and the adapter file, and prepares a context whose window holds n_ctx tokens
    // of up to n_seq_max packed sequences.
    bool open(const trainer_options & opt, const std::string & adapter_path, uint32_t n_ctx, uint32_t n_seq_max, std::string & error);

    // Evaluates one window: loss summed over its labelled tokens; with backward, adds the gradients.
    bool eval(const train_window & w, bool backward, double & loss_sum, int32_t & n_labels, std::string & error);

    void zero_grads();
    void read_params(std::vector<std::vector<float>> & out) const;
    void write_params(const std::vector<std::vector<float>> & values);
    void read_grads(std::vector<std::vector<float>> & out) const;

    // The adapter's pairs with the given parameter values, ready to be written as a GGUF file.
    std::vector<lora_pair_data> pairs(const std::vector<std::vector<float>> & values) const;

    const std::vector<std::string> & names() const { return param_names; }
    int64_t n_trainable() const;
    float alpha() const { return lora_alpha; }
    int32_t rank() const;
    llama_context * context() const { return ctx; }
    const llama_model * base() const { return model; }
    std::string device_names() const;
    // the GPU the layers were offloaded to (its description), or empty with gpu_problem() saying why not
    const std::string & gpu_name() const { return gpu; }
    const std::string & gpu_problem() const { return gpu_missing; }
    const backward_weights & backward() const { return transposed; }

private:
    llama_model *        model   = nullptr;
    llama_context *      ctx     = nullptr;
    llama_adapter_lora * adapter = nullptr;
    float                lora_alpha = 0.0f;

    std::vector<std::string>  bases;       // base weight of each pair, sorted
    std::vector<std::string>  param_names; // <base>.lora_a, <base>.lora_b, ...
    std::vector<ggml_tensor *> params;
    std::vector<ggml_tensor *> grads;
    std::map<ggml_backend_buffer_type_t, ggml_context *> grad_ctxs;
    std::vector<ggml_backend_buffer_t> grad_bufs;
    backward_weights transposed;
    std::string gpu;
    std::string gpu_missing;
};

// Writes a fresh adapter for the chosen targets: A uniform in +-1/sqrt(n_in) (as PEFT's default),
// B zero (or normal with std init_b_std, for the gradient check), so training starts from the base model.
bool write_initial_adapter(const std::string & path, const trainer_options & opt, const base_model_info & info, std::string & error);
