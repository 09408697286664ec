#pragma once

#include "options.h"

// Trains the adapter (mode "train"): returns the process exit code - 0 finished, 3 cancelled
// (checkpoint written), 1 failed (an "error" line says why).
int run_training(const trainer_options & opt);
