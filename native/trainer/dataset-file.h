#pragma once

#include <cstdint>
#include <string>
#include <vector>

// One packed training window, exactly as the studio tokenised it: the token at each position, its
// position and sequence (they restart for every packed sample) and the token expected next, or -1
// where the position teaches nothing (prompts, the user's lines, padding).
struct train_window {
    std::vector<int32_t> tokens;
    std::vector<int32_t> pos;
    std::vector<int32_t> seq;
    std::vector<int32_t> labels;

    int32_t n_labels() const;
    int32_t n_seqs() const;
};

struct train_dataset {
    uint32_t n_ctx = 0; // the window size every window fits in
    std::vector<train_window> train;
    std::vector<train_window> held_out;
};

// Reads the binary windows file (format in dataset-file.cpp); false with a reason on any defect.
bool read_dataset(const std::string & path, train_dataset & out, std::string & error);
