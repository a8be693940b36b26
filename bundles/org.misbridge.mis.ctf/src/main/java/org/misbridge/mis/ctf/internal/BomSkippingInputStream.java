package org.misbridge.mis.ctf.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/** Drops a leading UTF-8 byte order mark, which Windows tools write and XML parsers reading characters trip on. */
final class BomSkippingInputStream extends PushbackInputStream {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private boolean checked;

    BomSkippingInputStream(InputStream in) {
        super(in, BOM.length);
    }

    private void check() throws IOException {
        if (checked) {
            return;
        }
        checked = true;
        byte[] head = new byte[BOM.length];
        int n = 0;
        while (n < head.length) {
            int r = super.read(head, n, head.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        boolean bom = n == BOM.length && head[0] == BOM[0] && head[1] == BOM[1] && head[2] == BOM[2];
        if (!bom && n > 0) {
            unread(head, 0, n);
        }
    }

    @Override
    public int read() throws IOException {
        check();
        return super.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        check();
        return super.read(buffer, offset, length);
    }
}
