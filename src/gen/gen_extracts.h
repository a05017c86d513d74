#ifndef GETIHU_GEN_EXTRACTS_H
#define GETIHU_GEN_EXTRACTS_H
#include <iconv.h>
#include <stdio.h>
#include "core/sbuf.h"
#include "io/extract.h"
#include "rules/dossier.h"

/* Writes dossiers out as the department extracts a district would receive
 * (docs/import-formats.md): one CSV per kind with Chinese headers and office
 * formats (是/否, 2024/5/20, 注销 …). Tax and social insurance come as GBK, the
 * way Excel in a Chinese office saves them; the others as UTF-8 with a BOM. */
typedef struct genExtracts {
    FILE *f[EXTRACT__COUNT];
    bool gbk[EXTRACT__COUNT];
    iconv_t to_gbk;
    sbuf row;
    char path[EXTRACT__COUNT][4096];
} genExtracts;

/* Creates dir/<kind>.csv for every CSV kind. 0, or -1 with errno set. */
int genExtractsOpen(genExtracts *g, const char *dir);
/* Appends every row of d to its files. 0, or -1 on a write error. */
int genExtractsWrite(genExtracts *g, const dossier *d);
/* Closes the files; -1 when a write or close failed. */
int genExtractsClose(genExtracts *g);
#endif
