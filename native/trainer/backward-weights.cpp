#include "backward-weights.h"

#include "ggml-cpu.h"
#include "gguf.h"
#include "llama-model.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

namespace {

// Which base weights get a transposed copy: the blocks' matrices from the first trained layer up (no
// gradient reaches the input of a layer below it) and the output head; token_embd only when the head is
// tied to it (it is otherwise read with GET_ROWS, which needs no input gradient).
bool wants_copy(const std::string & name, int n_dims, ggml_type src_type, int32_t first_layer, bool tied_head) {
    if (n_dims != 2 || src_type == GGML_TYPE_F32) {
        return false; // vectors, and F32 weights (whose OUT_PROD is already exact and fast enough)
    }
    if (name == "output.weight" || (tied_head && name == "token_embd.weight")) {
        return true;
    }
    int layer = -1;
    if (std::sscanf(name.c_str(), "blk.%d.", &layer) != 1 || layer < first_layer) {
        return false;
    }
    return name.size() > 7 && name.compare(name.size() - 7, 7, ".weight") == 0;
}

// The copy's rows hold the weight's n_out values: where they do not fill whole blocks of the chosen type
// (a small vocabulary's output head), F16 keeps the copy exact enough and takes any length.
ggml_type copy_type(ggml_type type, int64_t n_out) {
    return n_out % ggml_blck_size(type) == 0 ? type : GGML_TYPE_F16;
}

// Converts in-columns [j0, j1) of the source (rows of n_in values in the source type) into rows j0..j1 of
// the transposed copy (rows of n_out values in the target type). Columns are taken in whole source blocks.
void transpose_columns(const ggml_tensor * w, const uint8_t * src, ggml_type dst_type, uint8_t * dst,
        int64_t j0, int64_t j1, std::vector<float> & cols, std::vector<float> & rows) {
    const int64_t n_in  = w->ne[0];
    const int64_t n_out = w->ne[1];
    const int64_t c     = j1 - j0;
    const auto *  tt    = ggml_get_type_traits(w->type);
    const size_t  src_row  = ggml_row_size(w->type, n_in);
    const size_t  src_skip = ggml_row_size(w->type, j0);
    cols.resize((size_t) (n_out*c));
    rows.resize((size_t) (n_out*c));
    for (int64_t o = 0; o < n_out; ++o) {
        tt->to_float(src + o*src_row + src_skip, cols.data() + o*c, c);
    }
    for (int64_t o = 0; o < n_out; ++o) {
        const float * from = cols.data() + o*c;
        for (int64_t j = 0; j < c; ++j) {
            rows[(size_t) (j*n_out + o)] = from[j];
        }
    }
    ggml_quantize_chunk(dst_type, rows.data(), dst + ggml_row_size(dst_type, n_out)*j0, 0, c, n_out, nullptr);
}

} // namespace

bool backward_weights::covers_all(const std::string & model_path, ggml_type type, int32_t first_layer) {
    if (type == GGML_TYPE_COUNT) {
        return false;
    }
    gguf_init_params gp = { /*.no_alloc =*/ true, /*.ctx =*/ nullptr };
    gguf_context * gguf = gguf_init_from_file(model_path.c_str(), gp);
    if (!gguf) {
        return false;
    }
    const bool tied_head = gguf_find_tensor(gguf, "output.weight") < 0;
    bool all = true;
    for (int64_t i = 0; i < gguf_get_n_tensors(gguf) && all; ++i) {
        const int64_t * ne = gguf_get_tensor_ne(gguf, i);
        const int n_dims = ne[3] > 1 ? 4 : ne[2] > 1 ? 3 : ne[1] > 1 ? 2 : 1;
        const ggml_type t = gguf_get_tensor_type(gguf, i);
        if (wants_copy(gguf_get_tensor_name(gguf, i), n_dims, t, first_layer, tied_head)) {
            all = ggml_get_type_traits(t)->to_float != nullptr;
        }
    }
    gguf_free(gguf);
    return all;
}

bool parse_backward_type(const std::string & name, ggml_type & out) {
    static const std::pair<const char *, ggml_type> names[] = {
        {"out-prod", GGML_TYPE_COUNT}, {"q8_0", GGML_TYPE_Q8_0}, {"q6_k", GGML_TYPE_Q6_K},
        {"q5_k", GGML_TYPE_Q5_K}, {"q4_k", GGML_TYPE_Q4_K}, {"f16", GGML_TYPE_F16},
    };
    for (const auto & it : names) {
        if (name == it.first) {
            out = it.second;
            return true;
        }
    }
    return false;
}

std::string backward_type_name(ggml_type type) {
    return type == GGML_TYPE_COUNT ? "out-prod" : ggml_type_name(type);
}

void backward_weights::use(bool on) const {
    ggml_set_backward_transposed(on ? (int) w.size() : 0, w.data(), wt.data());
}

backward_weights::~backward_weights() {
    for (auto * buf : bufs) {
        ggml_backend_buffer_free(buf);
    }
    if (mapped_buf) {
        ggml_backend_buffer_free(mapped_buf);
    }
    for (auto & it : ctxs) {
        ggml_free(it.second);
    }
}

size_t backward_weights::bytes() const {
    size_t n = 0;
    for (auto * t : wt) {
        n += ggml_nbytes(t);
    }
    return n;
}

size_t backward_weights::resident_bytes() const {
    size_t n = 0;
    for (auto * buf : bufs) {
        n += ggml_backend_buffer_get_size(buf);
    }
    return n;
}

namespace {

// The cache file (this module is its only reader and writer): a header naming every copy (type, shape,
// offset, size) and the source file's size, then the copies, each at a 64-byte aligned offset. A file
// whose header differs in any byte, or whose size is not the expected one, is rebuilt.
constexpr char   CACHE_MAGIC[8] = {'S', 'T', 'B', 'W', 'T', '0', '2', '0'};
constexpr size_t CACHE_ALIGN    = 64;

struct copy_job {
    ggml_tensor * w;
    ggml_tensor * wt;
    size_t        src_offset;
    size_t        cache_offset = 0;
};

template <typename T> void put(std::string & out, T v) {
    out.append((const char *) &v, sizeof(v));
}

// the header, with each job's offset in the file filled in; returns the whole file's size
size_t cache_header(std::vector<copy_job> & jobs, ggml_type type, uint64_t source_size, std::string & out) {
    size_t header = sizeof(CACHE_MAGIC) + 2*sizeof(uint32_t) + sizeof(uint64_t);
    for (const auto & j : jobs) {
        header += 2*sizeof(uint32_t) + std::strlen(j.w->name) + 2*sizeof(int64_t) + 2*sizeof(uint64_t);
    }
    size_t at = GGML_PAD(header, CACHE_ALIGN);
    for (auto & j : jobs) {
        j.cache_offset = at;
        at = GGML_PAD(at + ggml_nbytes(j.wt), CACHE_ALIGN);
    }
    out.assign(CACHE_MAGIC, sizeof(CACHE_MAGIC));
    put<uint32_t>(out, (uint32_t) type);
    put<uint32_t>(out, (uint32_t) jobs.size());
    put<uint64_t>(out, source_size);
    for (const auto & j : jobs) {
        put<uint32_t>(out, (uint32_t) std::strlen(j.w->name));
        out.append(j.w->name);
        put<uint32_t>(out, (uint32_t) j.wt->type);
        put<int64_t>(out, j.wt->ne[0]);
        put<int64_t>(out, j.wt->ne[1]);
        put<uint64_t>(out, j.cache_offset);
        put<uint64_t>(out, ggml_nbytes(j.wt));
    }
    out.resize(GGML_PAD(header, CACHE_ALIGN), '\0');
    return at;
}

bool cache_matches(const std::string & path, const std::string & header, size_t size) {
    std::error_code ec;
    if (std::filesystem::file_size(path, ec) != size || ec) {
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    std::string head(header.size(), '\0');
    return in.read(&head[0], (std::streamsize) head.size()) && head == header;
}

} // namespace

bool backward_weights::build(const llama_model * model, const std::string & model_path, ggml_type type, int32_t first_layer,
        int32_t threads, const std::string & cache_path, std::string & error) {
    wt_type = type;
    if (type == GGML_TYPE_COUNT) {
        return true;
    }
    const auto t0 = std::chrono::steady_clock::now();

    gguf_init_params gp = { /*.no_alloc =*/ true, /*.ctx =*/ nullptr };
    gguf_context * gguf = gguf_init_from_file(model_path.c_str(), gp);
    if (!gguf) {
        error = model_path + " is not a readable GGUF model";
        return false;
    }
    const bool tied_head = gguf_find_tensor(gguf, "output.weight") < 0;

    // the copies: same device as each weight (host memory for weights in mapped or host buffers)
    std::vector<copy_job> jobs;
    for (const auto & it : model->tensors_by_name) {
        ggml_tensor * t = it.second;
        if (!wants_copy(it.first, ggml_n_dims(t), t->type, first_layer, tied_head)) {
            continue;
        }
        const int64_t idx = gguf_find_tensor(gguf, it.first.c_str());
        if (idx < 0 || !ggml_get_type_traits(t->type)->to_float) {
            n_skipped++; // stays on the OUT_PROD path
            continue;
        }
        // a copy of a weight in any CPU buffer (mapped, host, repacked) goes to plain host memory
        ggml_backend_buffer_type_t buft = ggml_backend_cpu_buffer_type();
        if (t->buffer && ggml_backend_buft_get_device(ggml_backend_buffer_get_type(t->buffer)) &&
            ggml_backend_dev_type(ggml_backend_buft_get_device(ggml_backend_buffer_get_type(t->buffer))) != GGML_BACKEND_DEVICE_TYPE_CPU) {
            buft = ggml_backend_buffer_get_type(t->buffer);
        }
        if (!ctxs.count(buft)) {
            ggml_init_params ip = { /*.mem_size =*/ model->tensors_by_name.size()*ggml_tensor_overhead(), /*.mem_buffer =*/ nullptr, /*.no_alloc =*/ true };
            ctxs[buft] = ggml_init(ip);
        }
        ggml_tensor * copy = ggml_new_tensor_2d(ctxs[buft], copy_type(type, t->ne[1]), t->ne[1], t->ne[0]);
        ggml_format_name(copy, "%s (transposed)", t->name);
        jobs.push_back({t, copy, gguf_get_data_offset(gguf) + gguf_get_tensor_offset(gguf, idx)});
    }
    gguf_free(gguf);

    std::ifstream file(model_path, std::ios::binary);
    std::vector<uint8_t> src;
    const int32_t n_threads = std::max(1, threads);
    // one weight, read from the model file and converted into dst (ggml_nbytes(j.wt) bytes)
    const auto convert = [&](const copy_job & j, uint8_t * dst) -> bool {
        src.resize(ggml_nbytes(j.w));
        file.seekg((std::streamoff) j.src_offset);
        if (!file.read((char *) src.data(), (std::streamsize) src.size())) {
            error = "cannot read " + std::string(j.w->name) + " from " + model_path;
            return false;
        }
        // columns go in whole source blocks of at least 64, spread over the threads
        const int64_t bs   = ggml_blck_size(j.w->type);
        const int64_t step = bs*((64 + bs - 1)/bs);
        const int64_t n_in = j.w->ne[0];
        std::vector<std::thread> pool;
        for (int32_t ti = 0; ti < n_threads; ++ti) {
            pool.emplace_back([&, ti]() {
                std::vector<float> cols, rows;
                for (int64_t j0 = (int64_t) ti*step; j0 < n_in; j0 += (int64_t) n_threads*step) {
                    transpose_columns(j.w, src.data(), j.wt->type, dst, j0, std::min(n_in, j0 + step), cols, rows);
                }
            });
        }
        for (auto & t : pool) {
            t.join();
        }
        return true;
    };

    const uint8_t * mapped = nullptr;
    if (!cache_path.empty()) {
        std::error_code ec;
        std::string header;
        const size_t size = cache_header(jobs, type, (uint64_t) std::filesystem::file_size(model_path, ec), header);
        cache_hit = cache_matches(cache_path, header, size);
        if (!cache_hit) {
            // written beside its final name and renamed into place, so a cut-off build is never taken for a cache
            const std::string partial = cache_path + ".partial";
            std::filesystem::create_directories(std::filesystem::path(cache_path).parent_path(), ec);
            std::ofstream out(partial, std::ios::binary | std::ios::trunc);
            out.write(header.data(), (std::streamsize) header.size());
            std::vector<uint8_t> data;
            for (const auto & j : jobs) {
                data.assign(j.cache_offset - (size_t) out.tellp() + ggml_nbytes(j.wt), 0);
                if (!convert(j, data.data() + (data.size() - ggml_nbytes(j.wt)))) {
                    out.close();
                    std::filesystem::remove(partial, ec);
                    return false;
                }
                out.write((const char *) data.data(), (std::streamsize) data.size());
            }
            data.assign(size - (size_t) out.tellp(), 0);
            out.write((const char *) data.data(), (std::streamsize) data.size());
            out.close();
            if (!out) {
                cache_problem = "cannot write " + partial + " (disk full?)";
            } else {
                std::filesystem::rename(partial, cache_path, ec);
                if (ec) {
                    cache_problem = "cannot move " + partial + " into place: " + ec.message();
                }
            }
            std::filesystem::remove(partial, ec);
        }
        if (cache_problem.empty()) {
            try {
                cache_file = std::make_unique<llama_file>(cache_path.c_str(), "rb");
                cache_map  = std::make_unique<llama_mmap>(cache_file.get(), 0);
                mapped = (const uint8_t *) cache_map->addr();
            } catch (const std::exception & err) {
                cache_problem = "cannot map " + cache_path + ": " + err.what();
            }
        }
        if (!cache_problem.empty()) {
            // the run still trains, with the copies in memory; the start line says why
            cache_hit = false;
            fprintf(stderr, "%s: %s; keeping the copies in memory\n", __func__, cache_problem.c_str());
        }
    }

    for (auto & it : ctxs) {
        if (mapped && it.first == ggml_backend_cpu_buffer_type()) {
            continue; // placed over the map below
        }
        ggml_backend_buffer_t buf = ggml_backend_alloc_ctx_tensors_from_buft(it.second, it.first);
        if (!buf) {
            error = "not enough memory on " + std::string(ggml_backend_buft_name(it.first)) +
                    " for the transposed weights of the backward pass; choose --backward-weights out-prod or a smaller type";
            return false;
        }
        bufs.push_back(buf);
    }
    if (mapped) {
        mapped_buf = ggml_backend_cpu_buffer_from_ptr((void *) mapped, cache_map->size());
    }

    std::vector<uint8_t> staging;
    for (const auto & j : jobs) {
        if (mapped && !j.wt->buffer) {
            ggml_backend_tensor_alloc(mapped_buf, j.wt, (void *) (mapped + j.cache_offset));
        } else if (mapped) {
            ggml_backend_tensor_set(j.wt, mapped + j.cache_offset, 0, ggml_nbytes(j.wt));
        } else if (ggml_backend_buffer_is_host(j.wt->buffer)) {
            if (!convert(j, (uint8_t *) j.wt->data)) {
                return false;
            }
        } else {
            staging.resize(ggml_nbytes(j.wt));
            if (!convert(j, staging.data())) {
                return false;
            }
            ggml_backend_tensor_set(j.wt, staging.data(), 0, staging.size());
        }
        w.push_back(j.w);
        wt.push_back(j.wt);
    }
    build_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return true;
}
