#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "adamw.h"

// What a run needs to continue exactly where it stopped, besides the adapter itself.
struct checkpoint_state {
    int64_t  step       = 0; // optimiser steps completed
    uint32_t seed       = 0;
    uint32_t n_train    = 0; // training windows (a different dataset cannot resume)
    uint32_t rank       = 0;
    uint32_t grad_accum = 0;
    std::vector<std::string> names; // parameter tensor names, in the order of the optimiser state
    adamw_state adam;
};

// <run>/checkpoint/{adapter.gguf, optimizer.bin}; written to a temporary folder and swapped in whole.
std::string checkpoint_dir(const std::string & out_dir);

// Writes the optimiser file into `dir` (the adapter is written beside it by the caller).
bool write_optimizer_file(const std::string & dir, const checkpoint_state & state, std::string & error);

// Reads <dir>/optimizer.bin.
bool read_optimizer_file(const std::string & dir, checkpoint_state & state, std::string & error);
