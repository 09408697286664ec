#pragma once

// A run stops cleanly (checkpoint written) when asked: SIGINT/SIGTERM, or - with watch_stdin - a
// "cancel" line or the end of stdin, which also works on Windows and ends the run when the studio dies.

// Installs the signal handlers and, with watch_stdin, the stdin watcher; call once at start-up.
void cancel_watch_start(bool watch_stdin);

// True once a stop was requested.
bool cancel_requested();

// ggml abort callback: lets a long step stop between graph nodes.
bool cancel_abort_callback(void * data);
