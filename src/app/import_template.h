#ifndef GETIHU_APP_IMPORT_TEMPLATE_H
#define GETIHU_APP_IMPORT_TEMPLATE_H
#include "core/sbuf.h"
#include "io/extract.h"

/* The blank file a clerk fills for an import kind (issue 11 §5): the kind's columns
 * under their Chinese titles, nothing else, so that a filled template imports back.
 * No personal data: the examples are made up and leave the personal columns empty. */

/* Appends the CSV template of k to out: a UTF-8 byte order mark (Excel then reads the
 * Chinese) and the header line. 0; GH_EINVAL for a kind that is not a table (dossiers);
 * GH_ENOMEM. */
int appImportTemplateCsv(sbuf *out, extractKind k);

/* Writes the XLSX template of k at path: a first sheet named after the kind with the
 * header row (required columns bold on yellow, with the note 必填; every column
 * formatted as text so that codes and dates keep their digits) and a second sheet
 * 「填写说明」 listing each column's title, whether it is required, its description
 * and an example, then an example row. 0; GH_EINVAL (dossiers); GH_EIO. */
int appImportTemplateXlsx(const char *path, extractKind k);
#endif
