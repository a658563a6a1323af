#ifndef CULPRIT_CMALLOC_SHIM_H
#define CULPRIT_CMALLOC_SHIM_H
#if defined(__GLIBC__) || __has_include(<malloc.h>)
#include <malloc.h>
#endif

/* Keeps freed memory in the process: buffers up to `mmap_threshold` bytes come
   from the heap rather than fresh mappings, and up to `trim_threshold` bytes of
   free heap stay mapped. A no-op where malloc has no such tuning (not glibc). */
static inline void culprit_keep_freed_memory(int mmap_threshold, int trim_threshold) {
#if defined(M_MMAP_THRESHOLD) && defined(M_TRIM_THRESHOLD)
    mallopt(M_MMAP_THRESHOLD, mmap_threshold);
    mallopt(M_TRIM_THRESHOLD, trim_threshold);
#else
    (void)mmap_threshold;
    (void)trim_threshold;
#endif
}
#endif
