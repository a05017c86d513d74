#ifndef GETIHU_APP_EXPORT_H
#define GETIHU_APP_EXPORT_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "core/arena.h"
#include "core/sbuf.h"
#include "store/store.h"

/* src/app: services shared by the command line and the server (they use the store
 * and the formats; neither knows about the other). */
typedef enum { EXPORT_JSONL, EXPORT_CSV, EXPORT_XLSX } exportFormat;

/* Splits a stored reasons array into "CODE；CODE" (codes) and "text；text" (texts), reusing a for the parse. */
int exportSplitReasons(arena *a, const char *reasons, size_t n, sbuf *codes, sbuf *texts);
int exportFormatParse(exportFormat *f, const char *s);
/* Writes every result of run: JSONL and CSV to out, XLSX to the file path
 * (libxlsxwriter, constant memory). durable: the caller fsyncs out's file afterwards
 * (its writeback is then started as it grows, decision 301). *rows receives the
 * count. 0 or GH_E*. */
int exportRun(store *s, int64_t run, exportFormat format, FILE *out, const char *path, bool durable, int64_t *rows);
#endif
