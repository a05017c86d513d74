#ifndef GETIHU_IO_XLS_H
#define GETIHU_IO_XLS_H
#include "io/rows.h"

/* Legacy Excel 97-2003 workbooks (.xls, BIFF8) through libfreexl, which reads the
 * whole file when opening. Used through io/rows.h. */

/* Opens path and chooses sheet (NULL: the first). 0, or GH_EINVAL with r->err. */
int xlsOpen(rowReader *r, const char *path, const char *sheet, const rowsLimits *limits);
/* The next row with a non-empty cell into r->rec, r->row: 1, 0 at the end, <0 with r->err. */
int xlsNext(rowReader *r);
void xlsClose(rowReader *r);
#endif
