package org.misbridge.api;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import org.misbridge.api.spi.MisReadException;

/**
 * The folder a school's MIS files are read from, and the one way to read a file in it: only a
 * regular file whose real path is inside the folder, opened without following links, and checked
 * against a byte limit before a byte of it is read. A file dropped or linked into a school's folder
 * can then never make a reader read another school's export, a secret, a device or a pipe.
 *
 * <p>The folder is the configured path when that is a folder, else the configured file's own
 * folder; it is resolved to its real path once, so an operator may configure a link (to the
 * current export, say) while the links inside it may not lead out.
 */
public final class SchoolFolder {

    private final Path root;

    private SchoolFolder(Path root) {
        this.root = root;
    }

    /** The folder confining reads of {@code configured} (which must exist), resolved to its real path. */
    public static SchoolFolder of(Path configured) throws IOException {
        Path folder = Files.isDirectory(configured) ? configured : configured.toAbsolutePath().getParent();
        if (folder == null) {
            throw new NoSuchFileException(configured + " has no folder");
        }
        return new SchoolFolder(folder.toRealPath());
    }

    /** The folder's real path. */
    public Path root() {
        return root;
    }

    /**
     * The real path of {@code file}, refused unless it is inside this folder and a regular file (or,
     * with {@code folderAllowed}, a folder), looked at without reading it.
     *
     * @param name how errors name the file (its name within the set, say)
     */
    public Path check(Path file, String name, boolean folderAllowed) throws MisReadException {
        Path real;
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            throw new MisReadException(name, "is a link to nothing (its target " + (Files.isSymbolicLink(file) ? "is gone" : "does not exist") + ")");
        } catch (IOException e) {
            throw new MisReadException(name, 0, null, "cannot be looked at: " + e.getMessage(), e);
        }
        if (!real.startsWith(root)) {
            throw new MisReadException(name, "is a link that leads outside the school's folder; links are not followed "
                    + "out of it (put the file itself in the folder)");
        }
        BasicFileAttributes attributes = attributes(real, name);
        if (!attributes.isRegularFile() && !(folderAllowed && attributes.isDirectory())) {
            throw new MisReadException(name, "is not a regular file" + (folderAllowed ? " or folder" : "") + "; it is not read");
        }
        return real;
    }

    /** The size of a checked file, without reading it. */
    public static long size(Path real, String name) throws MisReadException {
        return attributes(real, name).size();
    }

    /**
     * Opens a checked file (its real path) without following links, refusing it unread when it holds
     * more than {@code maxBytes}; the size is the open file's own, so a file swapped after the check
     * is measured as it is.
     */
    public static SeekableByteChannel open(Path real, String name, long maxBytes, String limitName) throws MisReadException {
        Objects.requireNonNull(real, "real");
        SeekableByteChannel channel;
        try {
            channel = Files.newByteChannel(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new MisReadException(name, 0, null, "cannot be opened: " + e.getMessage(), e);
        }
        try {
            long size = channel.size();
            if (size > maxBytes) {
                throw tooLarge(name, size, maxBytes, limitName);
            }
            return channel;
        } catch (IOException | MisReadException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            if (e instanceof MisReadException m) {
                throw m;
            }
            throw new MisReadException(name, 0, null, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** The error for a file over a byte limit, worded the same by every reader. */
    public static MisReadException tooLarge(String name, long size, long maxBytes, String limitName) {
        return new MisReadException(name, "is " + size + " bytes, larger than the limit of " + maxBytes + " bytes ("
                + limitName + "); it is refused unread");
    }

    private static BasicFileAttributes attributes(Path real, String name) throws MisReadException {
        try {
            return Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new MisReadException(name, 0, null, "cannot be looked at: " + e.getMessage(), e);
        }
    }
}
