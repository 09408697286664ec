#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ggml-backend.h"
#include "llama.h"
#include "llama-mmap.h"

// Transposed copies of the frozen base weights that the training gradient flows through, so the backward
// pass computes dX = dY·W as an ordinary quantised MUL_MAT against Wᵀ (the kernels every backend already
// optimises for the forward) instead of an F32 OUT_PROD over dequantised rows (DESIGN.md §9). Each copy
// sits on its weight's own device; they are registered with ggml for the graphs built afterwards.
class backward_weights {
public:
    ~backward_weights();

    // Reads every quantised or F16 matrix of the blocks from `first_layer` up, and output.weight, from the
    // model file, and stores it transposed in `type` (F16 where its rows do not fill the type's blocks).
    // GGML_TYPE_COUNT makes none: the backward pass then uses OUT_PROD over the weights.
    // With a cache file, the copies are written there once (and reused while its header matches) and read
    // from a memory map: on the CPU their pages are then file-backed like the model's own, so the system
    // can evict and re-read them instead of the run needing their size in RAM.
    bool build(const llama_model * model, const std::string & model_path, ggml_type type, int32_t first_layer,
            int32_t threads, const std::string & cache_path, std::string & error);

    // True when build() would give every weight the gradient flows through a copy, so no backward op reads
    // the weights themselves and the CPU may keep them repacked for its fastest forward kernels.
    static bool covers_all(const std::string & model_path, ggml_type type, int32_t first_layer);

    // Makes ggml use these copies for the graphs built until use(false) (the registration is process-wide,
    // and a process may hold two sessions: the gradient check's reference).
    void use(bool on) const;

    ggml_type type() const { return wt_type; }
    size_t    bytes() const;
    int32_t   count() const { return (int32_t) wt.size(); }
    int32_t   skipped() const { return n_skipped; }
    // bytes held in memory (device or host) rather than mapped from the cache file
    size_t    resident_bytes() const;
    bool      from_cache() const { return cache_hit; }
    // why the cache file could not be written or mapped (the copies are then in memory); empty when it was
    const std::string & cache_error() const { return cache_problem; }
    double    seconds() const { return build_seconds; }

private:
    ggml_type                   wt_type = GGML_TYPE_COUNT;
    std::vector<ggml_tensor *>  w;
    std::vector<ggml_tensor *>  wt;
    std::map<ggml_backend_buffer_type_t, ggml_context *> ctxs;
    std::vector<ggml_backend_buffer_t> bufs;
    ggml_backend_buffer_t       mapped_buf = nullptr; // CPU tensors placed over the map
    std::unique_ptr<llama_file> cache_file;
    std::unique_ptr<llama_mmap> cache_map;
    bool cache_hit = false;
    std::string cache_problem;
    int32_t n_skipped     = 0;
    double  build_seconds = 0.0;
};

// Parses --backward-weights: out-prod (GGML_TYPE_COUNT: no copies), q8_0, q6_k, q5_k, q4_k, f16.
bool parse_backward_type(const std::string & name, ggml_type & out);
std::string backward_type_name(ggml_type type);
