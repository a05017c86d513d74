#ifndef GETIHU_HTTP_DOWNLOAD_H
#define GETIHU_HTTP_DOWNLOAD_H
#include "http/server.h"
#include <stdbool.h>

/* Downloads written to a temporary file first (memory stays flat whatever the size), then audited, then sent:
 * the exports, the measures worklist, the 名特优新 lists, the reconciliation report and the compare list. */
#define HTTP_TEMP_PATH 512

/* A new empty file under TMPDIR (or /tmp) named getihu-TAG-XXXXXX: its path in path and the open descriptor (the
 * caller closes it), or -1. */
int httpTempFile(char path[HTTP_TEMP_PATH], const char *tag);
/* The finished file at path opened for reading, its name removed (the descriptor keeps the data until sent);
 * -1 when written is false or it cannot be opened. The name is removed in every case. */
int httpTempTake(const char *path, bool written);
/* Sends fd (read from its start; owned here and closed on every path) as the attachment filename of type, after
 * recording action on object in the audit trail: a download that cannot be audited is not sent (issue 8,
 * finding 6). fd < 0 (the file could not be written) answers 500. Bytes of filename outside ASCII become '_'. */
void httpSendDownload(httpCtx *c, int fd, const char *type, const char *filename, const char *action,
                      const char *object);
#endif
