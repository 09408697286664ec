// studio-trainer: Character Studio's LoRA trainer. The studio starts it as a child process (a crash in
// ggml never takes the studio down, and all training memory is returned when it exits), reads its JSON
// lines from stdout and stops it with a signal or a "cancel" line on stdin.
#include "cancel.h"
#include "llama.h"
#include "options.h"
#include "progress.h"
#include "self-checks.h"
#include "train-loop.h"

#include <clocale>
#include <cstdio>
#include <cstring>

static void log_warnings_only(ggml_log_level level, const char * text, void *) {
    if (level == GGML_LOG_LEVEL_WARN || level == GGML_LOG_LEVEL_ERROR) {
        std::fputs(text, stderr);
    }
}

int main(int argc, char ** argv) {
    std::setlocale(LC_NUMERIC, "C");
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
            std::fputs(usage_text(), stdout);
            return 0;
        }
    }

    trainer_options opt;
    std::string error;
    if (!parse_options(argc, argv, opt, error)) {
        json_line("error").str("message", error).emit();
        return 2;
    }

    llama_log_set(log_warnings_only, nullptr);
    llama_backend_init();
    cancel_watch_start(opt.watch_stdin);

    int rc = 0;
    if (opt.mode == "check-gradients") {
        rc = run_gradient_check(opt);
    } else if (opt.mode == "compare-loss") {
        rc = run_loss_comparison(opt);
    } else {
        rc = run_training(opt);
    }
    set_progress_log("");
    llama_backend_free();
    return rc;
}
