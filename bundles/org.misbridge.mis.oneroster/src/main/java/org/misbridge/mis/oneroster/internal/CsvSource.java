package org.misbridge.mis.oneroster.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.spi.MisReadException;

/** Where the CSV files of one OneRoster set come from: a folder or a zip read in place. */
abstract class CsvSource implements AutoCloseable {

    /** Opens {@code fileName} (matched case-insensitively) as UTF-8, or returns null when the set has no such file. */
    abstract @Nullable Reader open(String fileName) throws MisReadException, IOException;

    @Override
    public void close() throws IOException {
    }

    static CsvSource of(Path path, Limits limits) throws MisReadException {
        if (!Files.exists(path)) {
            throw new MisReadException("csv.path", path + " does not exist");
        }
        if (Files.isDirectory(path)) {
            return new Folder(path);
        }
        return Zip.open(path, limits);
    }

    /** Strict UTF-8: bytes that are not UTF-8 fail the read instead of becoming replacement characters in names. */
    static Reader utf8(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT));
    }

    /** The files of a folder, found by name regardless of case. */
    static final class Folder extends CsvSource {
        private final Path folder;

        Folder(Path folder) {
            this.folder = folder;
        }

        @Override
        @Nullable Reader open(String fileName) throws IOException {
            Path exact = folder.resolve(fileName);
            if (Files.isRegularFile(exact)) {
                return utf8(Files.newInputStream(exact));
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
                for (Path file : files) {
                    if (file.getFileName().toString().equalsIgnoreCase(fileName) && Files.isRegularFile(file)) {
                        return utf8(Files.newInputStream(file));
                    }
                }
            }
            return null;
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

        static Zip open(Path path, Limits limits) throws MisReadException {
            String zipName = path.getFileName().toString();
            ZipFile zip;
            try {
                zip = new ZipFile(path.toFile(), StandardCharsets.UTF_8);
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
                    throw new MisReadException(zipName, "entry '" + name + "' has an absolute path or '..' and is refused");
                }
                if (entry.isDirectory()) {
                    continue;
                }
                long size = entry.getSize();
                long compressed = entry.getCompressedSize();
                if (size < 0 || compressed < 0) {
                    throw new MisReadException(zipName, "entry '" + name + "' does not declare its size");
                }
                total += size;
                if (total > limits.maxTotalBytes()) {
                    throw new MisReadException(zipName, "uncompressed size exceeds the limit of " + limits.maxTotalBytes() + " bytes");
                }
                if (size > 0 && (compressed == 0 || size / compressed > limits.maxRatio())) {
                    throw new MisReadException(zipName, "entry '" + name + "' has a compression ratio above the limit of " + limits.maxRatio());
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
        @Nullable Reader open(String fileName) throws MisReadException, IOException {
            ZipEntry found = null;
            for (ZipEntry entry : files) {
                String name = entry.getName().replace('\\', '/');
                String base = name.substring(name.lastIndexOf('/') + 1);
                if (base.toLowerCase(Locale.ROOT).equals(fileName.toLowerCase(Locale.ROOT))) {
                    if (found != null) {
                        throw new MisReadException(zipName, "holds more than one " + fileName + " ('" + found.getName() + "', '" + entry.getName() + "')");
                    }
                    found = entry;
                }
            }
            if (found == null) {
                return null;
            }
            return utf8(new Bounded(zip.getInputStream(found), found.getSize(), found.getName()));
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }

    /** Stops an entry that inflates to more than it declared. */
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
                throw new IOException("zip entry '" + name + "' inflates beyond its declared " + limit + " bytes");
            }
        }
    }
}
