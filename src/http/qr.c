#include "http/qr.h"
#include "core/error.h"
#include <qrencode.h>

int qrSvg(sbuf *out, const char *text) {
    QRcode *q = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
    if (!q) return GH_EINVAL;
    const int w = q->width, size = w + 8;
    sbufPrintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" shape-rendering=\"crispEdges\">"
                    "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"", size, size, size, size);
    for (int y = 0; y < w; y++)
        for (int x = 0; x < w;) { /* one rectangle per run of dark modules: a third of the size */
            if (!(q->data[y * w + x] & 1)) {
                x++;
                continue;
            }
            int run = 1;
            while (x + run < w && (q->data[y * w + x + run] & 1)) run++;
            sbufPrintf(out, "M%d %dh%dv1h-%dz", x + 4, y + 4, run, run);
            x += run;
        }
    sbufPuts(out, "\"/></svg>");
    QRcode_free(q);
    return out->failed ? GH_ENOMEM : 0;
}
