package org.misbridge.mis.oneroster.internal;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.SchoolFolder;
import org.misbridge.api.spi.Fingerprint;
import org.misbridge.api.spi.MisReadException;

/**
 * The stamp and the fingerprint of a OneRoster CSV read ({@link org.misbridge.api.spi.FingerprintedReader}),
 * taken over the sets a read would take, in its order. Of a folder set, every CSV file (the only
 * files a read opens), by name; a zip set as its own bytes. Each file goes in as its name, its size
 * and then either its modification time and file key (the stamp) or exactly its bytes (the
 * fingerprint), so no two different sets of files give the same canonical form. Files are looked
 * at under the read's own checks (inside the school's folder, no link followed out of it, under the
 * byte limit); where one would be refused, there is no fingerprint and the read says why.
 */
final class SetFingerprint {

    private SetFingerprint() {
    }

    /**
     * The stamp ({@code content} false) or fingerprint of {@code sets}, with {@code settings} (the
     * reader's own, its version and its day) in front; null when a file cannot be taken as a read
     * would take it, or changed size while it was hashed.
     */
    static @Nullable String of(List<Path> sets, SchoolFolder folder, Limits limits, String settings, boolean content)
            throws MisReadException {
        Fingerprint digest = new Fingerprint().add(settings);
        for (Path set : sets) {
            String setName = set.getFileName().toString();
            digest.add("set").add(setName);
            Path real;
            try {
                real = folder.check(set, setName, true);
            } catch (MisReadException refused) {
                return null;
            }
            List<Path> files = Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS) ? csvFiles(real) : List.of(real);
            if (files == null) {
                return null;
            }
            long total = 0;
            for (Path file : files) {
                String name = file.getFileName().toString();
                Path checked;
                BasicFileAttributes attributes;
                try {
                    checked = folder.check(file, name, false);
                    attributes = Files.readAttributes(checked, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (MisReadException | IOException refused) {
                    return null;
                }
                total += attributes.size();
                if (total > limits.maxTotalBytes()) {
                    return null; // the read refuses the set unread, and says so
                }
                digest.add("file").add(name);
                if (!content) {
                    digest.add(Long.toString(attributes.size())).add(attributes.lastModifiedTime().toInstant().toString())
                            .add(String.valueOf(attributes.fileKey()));
                } else if (!hashed(digest, checked, name, attributes.size(), limits)) {
                    return null;
                }
            }
        }
        return digest.hex();
    }

    /** The CSV files of a folder set by name (as a read finds them, any case), or null when it cannot be listed. */
    private static @Nullable List<Path> csvFiles(Path folder) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (entry.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                    files.add(entry);
                }
            }
        } catch (IOException e) {
            return null;
        }
        files.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return files;
    }

    /** Adds exactly the file's bytes, opened as a read opens it; false when it did not hold the {@code size} it was stamped with. */
    private static boolean hashed(Fingerprint digest, Path file, String name, long size, Limits limits) {
        try {
            return digest.add(Channels.newInputStream(SchoolFolder.open(file, name, limits.maxTotalBytes(), CsvSource.LIMIT_NAME)), size);
        } catch (IOException | MisReadException e) {
            return false;
        }
    }
}
