#ifndef CULPRIT_CPCRE2_SHIM_H
#define CULPRIT_CPCRE2_SHIM_H
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* Macros that Swift cannot import (casts, expressions) re-exposed as functions. */
static inline PCRE2_SIZE culprit_pcre2_unset(void) { return PCRE2_UNSET; }
static inline uint32_t culprit_pcre2_utf(void) { return PCRE2_UTF; }
static inline uint32_t culprit_pcre2_no_utf_check(void) { return PCRE2_NO_UTF_CHECK; }
static inline uint32_t culprit_pcre2_match_invalid_utf(void) { return PCRE2_MATCH_INVALID_UTF; }
static inline uint32_t culprit_pcre2_jit_complete(void) { return PCRE2_JIT_COMPLETE; }
static inline uint32_t culprit_pcre2_info_namecount(void) { return PCRE2_INFO_NAMECOUNT; }
static inline uint32_t culprit_pcre2_info_nameentrysize(void) { return PCRE2_INFO_NAMEENTRYSIZE; }
static inline uint32_t culprit_pcre2_info_nametable(void) { return PCRE2_INFO_NAMETABLE; }
static inline uint32_t culprit_pcre2_info_capturecount(void) { return PCRE2_INFO_CAPTURECOUNT; }
static inline int culprit_pcre2_error_matchlimit(void) { return PCRE2_ERROR_MATCHLIMIT; }
static inline int culprit_pcre2_error_depthlimit(void) { return PCRE2_ERROR_DEPTHLIMIT; }
#endif
