package org.misbridge.mis.ctf.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Locale;
import org.misbridge.api.SchoolFolder;
import org.misbridge.api.spi.MisReadException;

/**
 * Which file a reader reads: {@code ctf.path} itself, or when it is a folder the newest
 * {@code *.xml} in it (by last-modified time; on a tie the name that sorts last, as DfE file
 * names end in a sequence number). Subfolders and other files are ignored. The file chosen is
 * read only from inside the school's folder, never through a link out of it.
 */
final class CtfFiles {

    private CtfFiles() {
    }

    static Path choose(Path path) throws MisReadException {
        if (!Files.exists(path)) {
            throw new MisReadException("ctf.path", path + " does not exist");
        }
        if (!Files.isDirectory(path)) {
            return path;
        }
        Path newest = null;
        FileTime newestTime = null;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(path)) {
            for (Path file : files) {
                if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml") || !Files.isRegularFile(file)) {
                    continue;
                }
                FileTime time = Files.getLastModifiedTime(file);
                int order = newest == null ? 1 : time.compareTo(newestTime);
                if (order > 0 || (order == 0 && file.getFileName().toString().compareTo(newest.getFileName().toString()) > 0)) {
                    newest = file;
                    newestTime = time;
                }
            }
        } catch (IOException e) {
            throw new MisReadException(path.toString(), 0, null, "cannot be listed: " + e.getMessage(), e);
        }
        if (newest == null) {
            throw new MisReadException("ctf.path", path + " holds no .xml file");
        }
        return newest;
    }

    /**
     * The real path of the file to read, refused before a byte of it is read when it is a link out
     * of the school's folder ({@code ctf.path} itself, or the folder of a configured file), not a
     * regular file, or over the byte limit.
     */
    static Path check(Path configured, Path file, CtfLimits limits) throws MisReadException {
        String name = file.getFileName().toString();
        SchoolFolder folder;
        try {
            folder = SchoolFolder.of(configured);
        } catch (IOException e) {
            throw new MisReadException("ctf.path", configured + " cannot be resolved: " + e.getMessage());
        }
        Path real = folder.check(file, name, false);
        long size = SchoolFolder.size(real, name);
        if (size > limits.maxBytes()) {
            throw SchoolFolder.tooLarge(name, size, limits.maxBytes(), LIMIT_NAME);
        }
        return real;
    }

    /** How errors name the byte limit. */
    static final String LIMIT_NAME = "ctf.maxBytes";
}
