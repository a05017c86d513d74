#ifndef GETIHU_IO_ATOMICFILE_H
#define GETIHU_IO_ATOMICFILE_H
#include <stdio.h>

/* A file written whole or not at all: the bytes go to a temporary file beside the
 * target (same folder, so the rename stays on one filesystem), which is flushed,
 * fsynced and renamed over the target only when everything was written. A failure
 * (a full disk, a killed process) leaves the earlier file at the target untouched
 * and no cut file behind (issue 8 finding 22). A target that exists and is not a
 * regular file (/dev/null, a pipe, a terminal) is written in place: it cannot be
 * replaced by a rename, and must never be (decision 296). */
typedef struct atomicFile {
    FILE *fp;       /* write here; NULL after atomicFileClose */
    char tmp[4096]; /* the temporary file's path (a writer that opens paths itself, e.g. XLSX, writes here) */
    char path[4096];
    int err;        /* errno of the first failure */
    int direct;     /* the target is not a regular file: tmp is path, never renamed or removed */
} atomicFile;

/* Creates the temporary file for path. 0, or -1 with errno (f->err) set. */
int atomicFileOpen(atomicFile *f, const char *path);
/* Closes f->fp if still open (a writer that opens f->tmp itself closes it first). */
int atomicFileClose(atomicFile *f);
/* Flushes, fsyncs and renames the temporary file over the target, then fsyncs the
 * folder. 0, or -1 with errno (f->err) set; on failure the temporary is removed. */
int atomicFileCommit(atomicFile *f);
/* Starts writing fd's bytes from offset from to its end back to disk now, without
 * waiting (Linux sync_file_range; elsewhere, and for a pipe, nothing): a large file
 * written this way as it grows finds most of its pages on disk at the commit's fsync
 * (decision 301). A hint: failures are ignored. */
void atomicFileWriteback(int fd, long long from);
/* Removes the temporary file; the target is left as it was. */
void atomicFileAbort(atomicFile *f);
#endif
