#pragma once

#include <cstdint>
#include <string>

// One JSON object per line on stdout: the studio parses these as the run's progress stream. With a log
// file set, every line is also appended there, so a resumed run can rebuild the whole loss curve.
class json_line {
public:
    explicit json_line(const char * type);

    json_line & num(const char * key, double value);
    json_line & integer(const char * key, int64_t value);
    json_line & str(const char * key, const std::string & value);
    json_line & boolean(const char * key, bool value);

    // Prints the line (and logs it when a log file is set).
    void emit();

private:
    std::string text;
};

// Sets (or clears, with an empty path) the file that emitted lines are appended to.
void set_progress_log(const std::string & path);

// Peak resident memory of this process in bytes (0 where the platform does not say).
int64_t peak_memory_bytes();

// Resident memory not backed by a file (Linux; -1 elsewhere): the part of the footprint that memory-mapped
// weights (the model's, and the backward pass's cached copies) do not count in.
int64_t anonymous_memory_bytes();
