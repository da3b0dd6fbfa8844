/*
 * langid.h - CLD2 (Compact Language Detector 2, libcld2) from C.
 *
 * CLD2 is C++ only; this is its one entry point for the C code (the
 * language detector of analysis/language.c asks it when libexttextcat finds
 * several languages about as likely). Plain C, nothing thrown across it.
 */
#ifndef DATELINE_LANGID_H
#define DATELINE_LANGID_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define DX_LANGID_API __attribute__((visibility("default")))
#else
#define DX_LANGID_API
#endif

/*
 * The language CLD2 finds in len bytes of UTF-8 plain text, as CLD2's
 * ISO 639-1 code ("en", "es"; a static string, valid for the process), or
 * NULL when it finds none or fails. Thread-safe: CLD2 keeps no state
 * between calls.
 */
DX_LANGID_API const char *dx_langid_cld2(const char *text, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* DATELINE_LANGID_H */
