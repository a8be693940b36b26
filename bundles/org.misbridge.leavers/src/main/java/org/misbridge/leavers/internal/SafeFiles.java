package org.misbridge.leavers.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes an export or report whole or not at all: a temp file beside it, then a rename; never over an existing file. */
final class SafeFiles {

    /** What writes the content into the temp file. */
    @FunctionalInterface
    interface Content {
        void writeTo(Path file) throws IOException;
    }

    private SafeFiles() {
    }

    static void writeNew(Path file, Content content) throws IOException {
        if (Files.exists(file)) {
            throw new IOException(file + " exists already; choose a new file name");
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            content.writeTo(tmp);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
