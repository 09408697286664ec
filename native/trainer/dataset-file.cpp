#include "dataset-file.h"

#include <algorithm>
#include <cstdio>
#include <set>

// Format (little-endian), written by electron/services/training/windows-file.ts:
//   u32 magic "CSTW", u32 version 1, u32 n_ctx, u32 n_train, u32 n_held_out,
//   then per window: u32 n_tokens, i32 tokens[n], i32 pos[n], i32 seq[n], i32 labels[n].
static const uint32_t MAGIC   = 0x57545343; // "CSTW"
static const uint32_t VERSION = 1;

int32_t train_window::n_labels() const {
    return (int32_t) std::count_if(labels.begin(), labels.end(), [](int32_t l) { return l >= 0; });
}

int32_t train_window::n_seqs() const {
    return (int32_t) std::set<int32_t>(seq.begin(), seq.end()).size();
}

namespace {
struct file_reader {
    FILE * f;
    bool u32(uint32_t & v) { return std::fread(&v, sizeof(v), 1, f) == 1; }
    bool i32s(std::vector<int32_t> & v, size_t n) {
        v.resize(n);
        return n == 0 || std::fread(v.data(), sizeof(int32_t), n, f) == n;
    }
};
}

bool read_dataset(const std::string & path, train_dataset & out, std::string & error) {
    FILE * f = std::fopen(path.c_str(), "rb");
    if (!f) {
        error = "cannot open the windows file " + path;
        return false;
    }
    file_reader r{f};
    uint32_t magic = 0, version = 0, n_train = 0, n_held_out = 0;
    bool ok = r.u32(magic) && r.u32(version) && r.u32(out.n_ctx) && r.u32(n_train) && r.u32(n_held_out);
    if (!ok || magic != MAGIC) {
        error = path + " is not a studio windows file";
    } else if (version != VERSION) {
        error = path + " has windows format " + std::to_string(version) + "; this trainer reads " + std::to_string(VERSION);
        ok = false;
    } else if (out.n_ctx == 0 || n_train == 0) {
        error = path + " holds no training windows";
        ok = false;
    }
    for (uint32_t i = 0; ok && i < n_train + n_held_out; ++i) {
        train_window w;
        uint32_t n = 0;
        ok = r.u32(n) && n > 0 && n <= out.n_ctx && r.i32s(w.tokens, n) && r.i32s(w.pos, n) && r.i32s(w.seq, n) && r.i32s(w.labels, n);
        if (!ok) {
            error = path + ": window " + std::to_string(i + 1) + " is truncated or longer than the window size";
            break;
        }
        (i < n_train ? out.train : out.held_out).push_back(std::move(w));
    }
    std::fclose(f);
    return ok;
}
