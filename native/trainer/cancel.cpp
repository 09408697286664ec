#include "cancel.h"

#include <atomic>
#include <csignal>
#include <iostream>
#include <string>
#include <thread>

static std::atomic<bool> g_cancel{false};

static void on_signal(int) {
    g_cancel.store(true);
}

void cancel_watch_start(bool watch_stdin) {
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    if (!watch_stdin) {
        return;
    }
    // Detached: it blocks on stdin for the life of the process.
    std::thread([] {
        std::string line;
        while (std::getline(std::cin, line)) {
            if (line == "cancel") {
                break;
            }
        }
        g_cancel.store(true);
    }).detach();
}

bool cancel_requested() {
    return g_cancel.load();
}

bool cancel_abort_callback(void *) {
    return g_cancel.load();
}
