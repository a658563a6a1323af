#ifndef CULPRIT_CZLIB_SHIM_H
#define CULPRIT_CZLIB_SHIM_H
#include <zlib.h>

/* inflateInit2 is a macro; expose it as a function Swift can call. */
static inline int culprit_inflate_init_gzip(z_streamp stream) {
    return inflateInit2(stream, 15 + 32);
}
#endif
