#ifndef TRACEWISE_CPROCESSSTATS_SHIM_H
#define TRACEWISE_CPROCESSSTATS_SHIM_H
#include <stddef.h>
#include <sys/resource.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

/// Bytes currently allocated by malloc (glibc), or 0 where unknown.
static inline size_t tracewise_heap_in_use(void) {
#if defined(__GLIBC__)
    return mallinfo2().uordblks;
#else
    return 0;
#endif
}

/// The process's peak resident set size in bytes.
static inline size_t tracewise_peak_rss_bytes(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
#if defined(__APPLE__)
    return (size_t)usage.ru_maxrss;
#else
    return (size_t)usage.ru_maxrss * 1024;
#endif
}
#endif
