package org.misbridge.mis.oneroster.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.SchoolFolder;
import org.misbridge.api.spi.MisReadException;

/**
 * Where the CSV files of one OneRoster set come from: a folder or a zip read in place, both inside
 * the school's folder and both under the same byte limit, checked before anything is read.
 */
abstract class CsvSource implements AutoCloseable {

    /** How errors name the byte limit, which caps a folder's files as it caps a zip's. */
    static final String LIMIT_NAME = "oneroster.zip.maxTotalBytes, which caps a set's files in a folder or a zip";

    /** The bytes of {@code fileName} (matched case-insensitively), or null when the set has no such file. */
    abstract @Nullable InputStream open(String fileName) throws MisReadException, IOException;

    @Override
    public void close() throws IOException {
    }

    /** The set at {@code path} (a folder or a zip), which must lie inside {@code folder}. */
    static CsvSource of(Path path, SchoolFolder folder, Limits limits) throws MisReadException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new MisReadException("oneroster.csv.path", path + " does not exist");
        }
        Path real = folder.check(path, path.getFileName().toString(), true);
        if (Files.isDirectory(real)) {
            return Folder.open(real, folder, limits);
        }
        return Zip.open(real, path.getFileName().toString(), limits);
    }

    /** The files of a folder, found by name regardless of case; each a regular file inside the school's folder. */
    static final class Folder extends CsvSource {
        private final SchoolFolder school;
        private final Map<String, List<Path>> files;
        private final long maxBytes;

        private Folder(SchoolFolder school, Map<String, List<Path>> files, long maxBytes) {
            this.school = school;
            this.files = files;
            this.maxBytes = maxBytes;
        }

        /**
         * Lists the folder and refuses it unread when its CSV files come to more bytes than the
         * limit; files that are links out of the school's folder are refused when opened.
         */
        static Folder open(Path folder, SchoolFolder school, Limits limits) throws MisReadException {
            Map<String, List<Path>> files = new LinkedHashMap<>();
            long total = 0;
            String largest = null;
            long largestSize = -1;
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    String key = name.toLowerCase(Locale.ROOT);
                    if (!key.endsWith(".csv")) {
                        continue;
                    }
                    files.computeIfAbsent(key, k -> new ArrayList<>(1)).add(entry);
                    long size = sizeIfInside(entry, school, name);
                    total += size;
                    if (size > largestSize) {
                        largest = name;
                        largestSize = size;
                    }
                }
            } catch (IOException e) {
                throw new MisReadException(folder.getFileName().toString(), 0, null, "cannot be listed: " + e.getMessage(), e);
            }
            if (total > limits.maxTotalBytes()) {
                throw new MisReadException(largest, "is " + largestSize + " bytes, and the set's CSV files come to " + total
                        + " bytes, more than the limit of " + limits.maxTotalBytes() + " bytes (" + LIMIT_NAME
                        + "); the set is refused unread");
            }
            return new Folder(school, files, limits.maxTotalBytes());
        }

        /** The size of a regular file inside the school's folder; 0 for anything else, which is refused if opened. */
        private static long sizeIfInside(Path entry, SchoolFolder school, String name) {
            try {
                return SchoolFolder.size(school.check(entry, name, false), name);
            } catch (MisReadException refusedWhenOpened) {
                return 0;
            }
        }

        @Override
        @Nullable InputStream open(String fileName) throws MisReadException {
            List<Path> found = files.get(fileName.toLowerCase(Locale.ROOT));
            if (found == null) {
                return null;
            }
            if (found.size() > 1) {
                throw new MisReadException(fileName, "is in the folder more than once (" + found.stream()
                        .map(p -> MisReadException.quote(p.getFileName().toString())).sorted().toList() + ")");
            }
            Path file = found.get(0);
            String name = file.getFileName().toString();
            Path real = school.check(file, name, false);
            return new Bounded(Channels.newInputStream(SchoolFolder.open(real, name, maxBytes, LIMIT_NAME)),
                    SchoolFolder.size(real, name), name);
        }
    }

    /**
     * The entries of a zip, read without extracting. The central directory is checked against
     * the limits before anything is read, and each entry is cut off if it inflates beyond what
     * it declared, so a lying header cannot get past the checks.
     */
    static final class Zip extends CsvSource {
        private final ZipFile zip;
        private final String zipName;
        private final List<ZipEntry> files;

        private Zip(ZipFile zip, String zipName, List<ZipEntry> files) {
            this.zip = zip;
            this.zipName = zipName;
            this.files = files;
        }

        /** Opens a zip already checked to be a regular file inside the school's folder ({@code real}). */
        static Zip open(Path real, String zipName, Limits limits) throws MisReadException {
            ZipFile zip;
            try {
                zip = new ZipFile(real.toFile(), StandardCharsets.UTF_8);
            } catch (ZipException e) {
                throw new MisReadException(zipName, 0, null, "is not a readable zip: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new MisReadException(zipName, 0, null, "cannot be opened: " + e.getMessage(), e);
            }
            try {
                return new Zip(zip, zipName, check(zip, zipName, limits));
            } catch (MisReadException | RuntimeException e) {
                try {
                    zip.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
        }

        private static List<ZipEntry> check(ZipFile zip, String zipName, Limits limits) throws MisReadException {
            List<? extends ZipEntry> entries;
            try {
                entries = Collections.list(zip.entries());
            } catch (IllegalArgumentException e) { // ZipFile's way of saying an entry name is not UTF-8
                throw new MisReadException(zipName, 0, null, "has an entry name that is not UTF-8: " + e.getMessage(), e);
            }
            if (entries.size() > limits.maxEntries()) {
                throw new MisReadException(zipName, "holds " + entries.size() + " entries, more than the limit of " + limits.maxEntries());
            }
            List<ZipEntry> files = new ArrayList<>();
            long total = 0;
            for (ZipEntry entry : entries) {
                String name = entry.getName();
                if (unsafe(name)) {
                    throw new MisReadException(zipName, "entry " + MisReadException.quote(name) + " has an absolute path or '..' and is refused");
                }
                if (entry.isDirectory()) {
                    continue;
                }
                long size = entry.getSize();
                long compressed = entry.getCompressedSize();
                if (size < 0 || compressed < 0) {
                    throw new MisReadException(zipName, "entry " + MisReadException.quote(name) + " does not declare its size");
                }
                total += size;
                if (total > limits.maxTotalBytes()) {
                    throw new MisReadException(zipName, "uncompressed size exceeds the limit of " + limits.maxTotalBytes()
                            + " bytes (" + LIMIT_NAME + "); it is refused unread");
                }
                if (size > 0 && (compressed == 0 || size / compressed > limits.maxRatio())) {
                    throw new MisReadException(zipName, "entry " + MisReadException.quote(name)
                            + " has a compression ratio above the limit of " + limits.maxRatio());
                }
                files.add(entry);
            }
            return files;
        }

        private static boolean unsafe(String name) {
            String n = name.replace('\\', '/');
            if (n.startsWith("/") || (n.length() > 1 && n.charAt(1) == ':')) {
                return true;
            }
            for (String segment : n.split("/")) {
                if (segment.equals("..")) {
                    return true;
                }
            }
            return false;
        }

        @Override
        @Nullable InputStream open(String fileName) throws MisReadException, IOException {
            ZipEntry found = null;
            for (ZipEntry entry : files) {
                String name = entry.getName().replace('\\', '/');
                String base = name.substring(name.lastIndexOf('/') + 1);
                if (base.toLowerCase(Locale.ROOT).equals(fileName.toLowerCase(Locale.ROOT))) {
                    if (found != null) {
                        throw new MisReadException(zipName, "holds more than one " + fileName + " ("
                                + MisReadException.quote(found.getName()) + ", " + MisReadException.quote(entry.getName()) + ")");
                    }
                    found = entry;
                }
            }
            if (found == null) {
                return null;
            }
            return new Bounded(zip.getInputStream(found), found.getSize(), found.getName());
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }

    /** The size the source gave for the file {@code in} reads (a file's size, a zip entry's declared one); -1 when not known. */
    static long declaredSize(InputStream in) {
        return in instanceof Bounded b ? b.limit : -1;
    }

    /** Stops a stream that yields more than it declared (an entry that inflates further, a file that grew). */
    private static final class Bounded extends FilterInputStream {
        private final long limit;
        private final String name;
        private long count;

        Bounded(InputStream in, long limit, String name) {
            super(in);
            this.limit = limit;
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            count += n;
            if (count > limit) {
                throw new IOException(MisReadException.quote(name) + " yields more than its declared " + limit + " bytes");
            }
        }
    }
}
