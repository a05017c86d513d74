#ifndef GETIHU_IO_XLSX_H
#define GETIHU_IO_XLSX_H
#include "io/rows.h"

/* Office Open XML workbooks (.xlsx) through libzip and expat: the workbook's sheet
 * list, shared strings and number formats are read when opening; the chosen sheet
 * is then parsed in chunks as rows are asked for, so memory does not grow with
 * the sheet (only with its shared strings). Used through io/rows.h. */

/* Opens path as a workbook and chooses sheet (NULL: the first). 0, or GH_EINVAL
 * (corrupt, not a workbook, unknown sheet, over a limit) / GH_ENOMEM with r->err. */
int xlsxOpen(rowReader *r, const char *path, const char *sheet, const rowsLimits *limits);
/* The next row with a non-empty cell into r->rec, r->row: 1, 0 at the end, <0 with r->err. */
int xlsxNext(rowReader *r);
void xlsxClose(rowReader *r);
#endif
