#ifndef GETIHU_HTTP_QR_H
#define GETIHU_HTTP_QR_H
#include "core/sbuf.h"

/* A QR code of text as an SVG document (libqrencode, level M, a quiet zone of 4
 * modules), drawn on the server so that the certificate page needs no script nor
 * another site. 0, or GH_ENOMEM / GH_EINVAL (text too long for a QR code). */
int qrSvg(sbuf *out, const char *text);
#endif
