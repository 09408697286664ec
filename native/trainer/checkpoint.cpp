#include "checkpoint.h"

#include "adapter-file.h"

#include <cstdio>

// optimizer.bin (little-endian): u32 magic "CSTO", u32 version 1, i64 step, i64 adam_t, u32 seed,
// u32 n_train, u32 rank, u32 grad_accum, u32 n_tensors, then per tensor: u32 name length, name bytes,
// u64 n, f32 m[n], f32 v[n].
static const uint32_t MAGIC   = 0x4f545343; // "CSTO"
static const uint32_t VERSION = 1;

std::string checkpoint_dir(const std::string & out_dir) {
    return out_dir + "/checkpoint";
}

bool write_optimizer_file(const std::string & dir, const checkpoint_state & s, std::string & error) {
    const std::string path = dir + "/optimizer.bin";
    FILE * f = std::fopen(path.c_str(), "wb");
    if (!f) {
        error = "cannot write " + path;
        return false;
    }
    bool ok = true;
    const auto put = [&](const void * data, size_t size) { ok = ok && std::fwrite(data, 1, size, f) == size; };
    const uint32_t n_tensors = (uint32_t) s.names.size();
    put(&MAGIC, 4); put(&VERSION, 4); put(&s.step, 8); put(&s.adam.t, 8); put(&s.seed, 4);
    put(&s.n_train, 4); put(&s.rank, 4); put(&s.grad_accum, 4); put(&n_tensors, 4);
    for (size_t i = 0; i < s.names.size(); ++i) {
        const uint32_t len = (uint32_t) s.names[i].size();
        const uint64_t n = s.adam.m[i].size();
        put(&len, 4); put(s.names[i].data(), len); put(&n, 8);
        put(s.adam.m[i].data(), n*sizeof(float));
        put(s.adam.v[i].data(), n*sizeof(float));
    }
    ok = ok && flush_to_disk(f);
    ok = std::fclose(f) == 0 && ok;
    if (!ok) {
        error = "cannot write " + path;
    }
    return ok;
}

bool read_optimizer_file(const std::string & dir, checkpoint_state & s, std::string & error) {
    const std::string path = dir + "/optimizer.bin";
    FILE * f = std::fopen(path.c_str(), "rb");
    if (!f) {
        error = "no checkpoint at " + dir;
        return false;
    }
    bool ok = true;
    const auto get = [&](void * data, size_t size) { ok = ok && std::fread(data, 1, size, f) == size; };
    uint32_t magic = 0, version = 0, n_tensors = 0;
    get(&magic, 4); get(&version, 4);
    ok = ok && magic == MAGIC && version == VERSION;
    get(&s.step, 8); get(&s.adam.t, 8); get(&s.seed, 4); get(&s.n_train, 4); get(&s.rank, 4); get(&s.grad_accum, 4); get(&n_tensors, 4);
    ok = ok && n_tensors < (1u << 20);
    s.names.clear();
    s.adam.m.clear();
    s.adam.v.clear();
    for (uint32_t i = 0; ok && i < n_tensors; ++i) {
        uint32_t len = 0;
        uint64_t n = 0;
        get(&len, 4);
        ok = ok && len < 4096;
        std::string name(ok ? len : 0, '\0');
        get(name.data(), name.size());
        get(&n, 8);
        ok = ok && n < (1ull << 34);
        if (!ok) {
            break;
        }
        std::vector<float> m(n), v(n);
        get(m.data(), n*sizeof(float));
        get(v.data(), n*sizeof(float));
        s.names.push_back(std::move(name));
        s.adam.m.push_back(std::move(m));
        s.adam.v.push_back(std::move(v));
    }
    std::fclose(f);
    if (!ok) {
        error = path + " is damaged or from another trainer version";
    }
    return ok;
}
