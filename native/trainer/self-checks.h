#pragma once

#include "options.h"

// Mode "check-gradients": backprop gradients of the first training window against central finite
// differences of the inference loss, for the largest-gradient entries of every A and B tensor. Emits one line per entry and
// a summary; exit code 0 when it ran.
int run_gradient_check(const trainer_options & opt);

// Mode "compare-loss": every window's loss through the training graph against the same tokens decoded
// by the ordinary inference path (one sequence at a time, fresh cache), which proves that the training
// forward - K/V read directly, packed sequences isolated - is the model the chat runs.
int run_loss_comparison(const trainer_options & opt);
