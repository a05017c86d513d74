#define _GNU_SOURCE /* sync_file_range */
#include "io/atomicfile.h"
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int atomicFail(atomicFile *f) {
    if (!f->err) f->err = errno ? errno : EIO;
    errno = f->err;
    return -1;
}

int atomicFileOpen(atomicFile *f, const char *path) {
    memset(f, 0, sizeof *f);
    const int n = snprintf(f->tmp, sizeof f->tmp, "%s.tmp-XXXXXX", path);
    if (n < 0 || (size_t)n >= sizeof f->tmp || strlen(path) >= sizeof f->path) {
        errno = ENAMETOOLONG;
        return atomicFail(f);
    }
    memcpy(f->path, path, strlen(path) + 1);
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) { /* decision 296 */
        memcpy(f->tmp, path, strlen(path) + 1);
        f->direct = 1;
        if (!(f->fp = fopen(path, "wb"))) return atomicFail(f);
        return 0;
    }
    const int fd = mkstemp(f->tmp);
    if (fd < 0) {
        f->tmp[0] = '\0';
        return atomicFail(f);
    }
    if (!(f->fp = fdopen(fd, "wb"))) {
        close(fd);
        atomicFail(f);
        atomicFileAbort(f);
        return -1;
    }
    return 0;
}

int atomicFileClose(atomicFile *f) {
    if (!f->fp) return 0;
    const int rc = fclose(f->fp);
    f->fp = NULL;
    return rc ? atomicFail(f) : 0;
}

/* fsync of a path (the data of a file a writer closed, or a folder's entries). */
static int atomicSync(const char *path, int flags) {
    const int fd = open(path, flags);
    if (fd < 0) return -1;
    const int rc = fsync(fd);
    const int saved = errno;
    close(fd);
    errno = saved;
    return rc;
}

int atomicFileCommit(atomicFile *f) {
    if (f->direct) { /* nothing to sync or rename: a device or a pipe takes the bytes as they come */
        if (f->fp && fflush(f->fp)) atomicFail(f);
        if (atomicFileClose(f) || f->err) return atomicFail(f);
        return 0;
    }
    if (f->fp && (fflush(f->fp) || fsync(fileno(f->fp)))) atomicFail(f);
    if (atomicFileClose(f) || f->err || atomicSync(f->tmp, O_RDONLY) || rename(f->tmp, f->path)) {
        atomicFail(f);
        atomicFileAbort(f);
        return -1;
    }
    f->tmp[0] = '\0';
    char dir[sizeof f->path];
    memcpy(dir, f->path, sizeof dir);
    (void)atomicSync(dirname(dir), O_RDONLY | O_DIRECTORY); /* durability of the rename; the file is whole either way */
    return 0;
}

void atomicFileWriteback(int fd, long long from) {
#if defined(__linux__) && defined(SYNC_FILE_RANGE_WRITE)
    if (fd >= 0 && from >= 0) (void)sync_file_range(fd, (off_t)from, 0, SYNC_FILE_RANGE_WRITE);
#else
    (void)fd, (void)from;
#endif
}

void atomicFileAbort(atomicFile *f) {
    const int saved = errno;
    if (f->fp) fclose(f->fp);
    f->fp = NULL;
    if (f->tmp[0] && !f->direct) unlink(f->tmp);
    f->tmp[0] = '\0';
    errno = saved;
}
