#include "adapter-file.h"

#include "ggml.h"
#include "gguf.h"

#include <cstdio>
#include <filesystem>
#include <system_error>

#if defined(_WIN32)
#include <io.h>
#else
#include <unistd.h>
#endif

bool flush_to_disk(FILE * f) {
    if (std::fflush(f) != 0) {
        return false;
    }
#if defined(_WIN32)
    return _commit(_fileno(f)) == 0;
#else
    return fsync(fileno(f)) == 0;
#endif
}

bool replace_path(const std::string & from, const std::string & to, std::string & error) {
    std::error_code ec;
    if (std::filesystem::is_directory(to)) {
        // a folder cannot be renamed over a non-empty one: move the old one aside first
        const std::string old = to + ".old";
        std::filesystem::remove_all(old, ec);
        std::filesystem::rename(to, old, ec);
        if (!ec) {
            std::filesystem::rename(from, to, ec);
        }
        if (!ec) {
            std::filesystem::remove_all(old, ec);
            ec.clear();
        }
    } else {
        std::filesystem::rename(from, to, ec);
    }
    if (ec) {
        error = "cannot move " + from + " to " + to + ": " + ec.message();
        return false;
    }
    return true;
}

bool write_adapter_file(
        const std::string & path,
        const std::string & architecture,
        float alpha,
        const std::vector<lora_pair_data> & pairs,
        const std::vector<std::pair<std::string, std::string>> & metadata,
        std::string & error) {
    ggml_init_params params = {
        /*.mem_size   =*/ (2*pairs.size() + 1)*ggml_tensor_overhead(),
        /*.mem_buffer =*/ nullptr,
        /*.no_alloc   =*/ true,
    };
    ggml_context * ctx = ggml_init(params);
    gguf_context * gguf = gguf_init_empty();

    gguf_set_val_str(gguf, "general.type", "adapter");
    gguf_set_val_str(gguf, "general.architecture", architecture.c_str());
    gguf_set_val_str(gguf, "adapter.type", "lora");
    gguf_set_val_f32(gguf, "adapter.lora.alpha", alpha);
    for (const auto & kv : metadata) {
        gguf_set_val_str(gguf, kv.first.c_str(), kv.second.c_str());
    }

    for (const auto & p : pairs) {
        ggml_tensor * a = ggml_new_tensor_2d(ctx, GGML_TYPE_F32, p.n_in, p.rank);
        ggml_tensor * b = ggml_new_tensor_2d(ctx, GGML_TYPE_F32, p.rank, p.n_out);
        ggml_set_name(a, (p.base + ".lora_a").c_str());
        ggml_set_name(b, (p.base + ".lora_b").c_str());
        gguf_add_tensor(gguf, a);
        gguf_add_tensor(gguf, b);
        gguf_set_tensor_data(gguf, a->name, p.a.data());
        gguf_set_tensor_data(gguf, b->name, p.b.data());
    }

    const std::string tmp = path + ".partial";
    FILE * f = std::fopen(tmp.c_str(), "wb");
    bool ok = f && gguf_write_to_file_ptr(gguf, f, false) && flush_to_disk(f);
    if (f) {
        ok = std::fclose(f) == 0 && ok;
    }
    gguf_free(gguf);
    ggml_free(ctx);
    if (!ok) {
        std::error_code ec;
        std::filesystem::remove(tmp, ec);
        error = "cannot write the adapter " + path;
        return false;
    }
    return replace_path(tmp, path, error);
}
