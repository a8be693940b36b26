package org.misbridge.api.files;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes a file whole or not at all, without following a link someone planted: the content goes
 * to a temp file in the target folder whose name ends in 64 random bits, created new
 * ({@code CREATE_NEW}, {@code NOFOLLOW_LINKS}, so an existing file or link of that name fails the
 * write instead of being opened), forced to disk, and only then published under its name. A
 * report or export is published with a hard link, which fails when anything (a file, a link)
 * already has the name; a meal-manager drop is renamed over its name, and a rename replaces a link
 * itself, never the file it points to.
 */
public final class SafeFiles {

    /** What writes the content; the stream is the temp file's, and closing it is allowed. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private SafeFiles() {
    }

    /**
     * Writes {@code folder/name} as a new file; refuses when anything has that name already.
     *
     * @throws FileAlreadyExistsException naming the file
     */
    public static Path writeNew(Path folder, String name, Content content) throws IOException {
        Path target = target(folder, name);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw exists(target);
        }
        Path tmp = writeTemp(folder, name, content);
        try {
            try {
                Files.createLink(target, tmp);
            } catch (FileAlreadyExistsException e) {
                throw exists(target);
            } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
                // a file system without hard links: a check, then an atomic rename (a narrow race, not a link followed)
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw exists(target);
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    /** Writes {@code folder/name}, replacing a file (or a link, never its target) of that name. */
    public static Path replace(Path folder, String name, Content content) throws IOException {
        Path target = target(folder, name);
        Path tmp = writeTemp(folder, name, content);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    /**
     * The folder's real path (created if missing), refused when it is, or is inside, one of the
     * {@code forbidden} folders (Karaf's {@code etc/}, where a file becomes configuration, and
     * {@code deploy/}, where it is installed): links are resolved first, so a link into them is refused too.
     *
     * @param what names the folder in the message, e.g. "the export folder (org.misbridge.exports folder)"
     */
    public static Path checkedFolder(Path folder, String what, List<@Nullable Path> forbidden) throws IOException {
        Path absolute = folder.toAbsolutePath().normalize();
        refuseInside(folder, absolute, what, forbidden);
        refuseInside(folder, realOfExisting(absolute), what, forbidden); // before anything is created there
        Path real = Files.createDirectories(absolute).toRealPath();
        if (!Files.isDirectory(real)) {
            throw new IOException(what + " " + folder + " is not a folder");
        }
        refuseInside(folder, real, what, forbidden);
        return real;
    }

    /** The path with its deepest existing ancestor's links resolved (the rest does not exist yet). */
    private static Path realOfExisting(Path absolute) throws IOException {
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing == null ? absolute : existing.toRealPath().resolve(existing.relativize(absolute));
    }

    /**
     * Refuses a folder that is, or is inside, one of the {@code forbidden} folders, as written (links
     * in it are resolved by {@link #checkedFolder} when a file is written).
     */
    public static void requireOutside(Path folder, String what, List<@Nullable Path> forbidden) throws IOException {
        refuseInside(folder, folder.toAbsolutePath().normalize(), what, forbidden);
    }

    private static void refuseInside(Path shown, Path folder, String what, List<@Nullable Path> forbidden) throws IOException {
        for (Path no : forbidden) {
            if (no == null) {
                continue;
            }
            Path noAbsolute = no.toAbsolutePath().normalize();
            Path noReal = Files.exists(noAbsolute) ? noAbsolute.toRealPath() : noAbsolute;
            if (folder.startsWith(noAbsolute) || folder.startsWith(noReal)) {
                throw new IllegalArgumentException(what + " " + shown + " is inside " + no
                        + ": a file written there would be read as configuration or installed; choose another folder");
            }
        }
    }

    /** Karaf's own folders that written files must stay out of: {@code etc/} and {@code deploy/}. */
    public static List<@Nullable Path> karafConfigurationFolders() {
        String etc = System.getProperty("karaf.etc");
        String base = System.getProperty("karaf.base", System.getProperty("karaf.home"));
        return Arrays.asList(
                etc != null ? Path.of(etc) : base != null ? Path.of(base, "etc") : null,
                base != null ? Path.of(base, "deploy") : null);
    }

    private static Path target(Path folder, String name) {
        FileNames.requirePlain(name);
        Path target = folder.resolve(name);
        if (!Objects.equals(target.getParent(), folder)) {
            throw new IllegalArgumentException("'" + FileNames.printable(name) + "' does not stay in " + folder);
        }
        return target;
    }

    private static FileAlreadyExistsException exists(Path target) {
        return new FileAlreadyExistsException(target.toString(), null, "exists already; choose a new file name");
    }

    private static Path writeTemp(Path folder, String name, Content content) throws IOException {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        Path tmp = folder.resolve("." + name + "." + HexFormat.of().formatHex(random) + ".tmp");
        // fails on anything already there, a link included: never opened through
        FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        try (channel) {
            try (OutputStream out = new FilterOutputStream(Channels.newOutputStream(channel)) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush(); // the channel stays open to be forced below
                }
            }) {
                content.writeTo(out);
            }
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp); // ours: CREATE_NEW made it
            throw e;
        }
        return tmp;
    }
}
