#include "progress.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#if defined(_WIN32)
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <psapi.h>
#else
#include <sys/resource.h>
#endif

static FILE * g_log = nullptr;

static std::string escape(const std::string & s) {
    std::string out;
    for (const char c : s) {
        switch (c) {
            case '"':  out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if ((unsigned char) c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof(buf), "\\u%04x", c);
                    out += buf;
                } else {
                    out += c;
                }
        }
    }
    return out;
}

json_line::json_line(const char * type) : text(std::string("{\"type\":\"") + type + "\"") {}

json_line & json_line::num(const char * key, double value) {
    char buf[64];
    if (std::isfinite(value)) {
        std::snprintf(buf, sizeof(buf), "%.9g", value);
    } else {
        std::snprintf(buf, sizeof(buf), "null");
    }
    text += std::string(",\"") + key + "\":" + buf;
    return *this;
}

json_line & json_line::integer(const char * key, int64_t value) {
    text += std::string(",\"") + key + "\":" + std::to_string(value);
    return *this;
}

json_line & json_line::str(const char * key, const std::string & value) {
    text += std::string(",\"") + key + "\":\"" + escape(value) + "\"";
    return *this;
}

json_line & json_line::boolean(const char * key, bool value) {
    text += std::string(",\"") + key + "\":" + (value ? "true" : "false");
    return *this;
}

void json_line::emit() {
    const std::string line = text + "}\n";
    std::fputs(line.c_str(), stdout);
    std::fflush(stdout);
    if (g_log) {
        std::fputs(line.c_str(), g_log);
        std::fflush(g_log);
    }
}

void set_progress_log(const std::string & path) {
    if (g_log) {
        std::fclose(g_log);
        g_log = nullptr;
    }
    if (!path.empty()) {
        g_log = std::fopen(path.c_str(), "ab");
    }
}

int64_t peak_memory_bytes() {
#if defined(_WIN32)
    PROCESS_MEMORY_COUNTERS pmc;
    if (GetProcessMemoryInfo(GetCurrentProcess(), &pmc, sizeof(pmc))) {
        return (int64_t) pmc.PeakWorkingSetSize;
    }
    return 0;
#else
    struct rusage usage;
    if (getrusage(RUSAGE_SELF, &usage) != 0) {
        return 0;
    }
#if defined(__APPLE__)
    return (int64_t) usage.ru_maxrss;
#else
    return (int64_t) usage.ru_maxrss*1024;
#endif
#endif
}

int64_t anonymous_memory_bytes() {
#if defined(__linux__)
    // RssAnon: resident pages that are not a mapped file's, i.e. what the system cannot evict and re-read
    FILE * f = std::fopen("/proc/self/status", "r");
    if (!f) {
        return -1;
    }
    char line[256];
    int64_t kb = -1;
    while (std::fgets(line, sizeof(line), f)) {
        if (std::strncmp(line, "RssAnon:", 8) == 0) {
            kb = std::atoll(line + 8);
            break;
        }
    }
    std::fclose(f);
    return kb < 0 ? -1 : kb*1024;
#else
    return -1;
#endif
}
