package org.misbridge.mis.ctf.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.CodeVersion;
import org.misbridge.api.SchoolFolder;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.api.spi.Fingerprint;
import org.misbridge.api.spi.FingerprintedReader;
import org.misbridge.mis.ctf.internal.dto.CtfDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one school's pupils and contacts from a DfE Common Transfer File (or an Admissions
 * Transfer File) into a {@link Snapshot}: the file at {@code ctf.path}, or the newest {@code *.xml}
 * in that folder. The whole file is parsed and checked before the snapshot is built, so a file
 * that fails anywhere gives an error and never a partial snapshot.
 */
public final class CtfReader implements FingerprintedReader {

    private static final Logger LOG = LoggerFactory.getLogger(CtfReader.class);

    private final String schoolId;
    private final Path ctfPath;
    private final @Nullable String dfeNumber;
    private final boolean wholeRoll;
    private final CtfLimits limits;
    private final Clock clock;

    /**
     * @param dfeNumber when set, the school's DfE number (LEA + Estab): a file for another school is refused
     * @param wholeRoll whether a {@code full} CTF of this school is its whole roll (absent pupils may become leavers)
     */
    public CtfReader(String schoolId, Path ctfPath, @Nullable String dfeNumber, boolean wholeRoll, CtfLimits limits, Clock clock) {
        this.schoolId = Objects.requireNonNull(schoolId, "schoolId");
        this.ctfPath = Objects.requireNonNull(ctfPath, "ctfPath");
        this.dfeNumber = dfeNumber == null || dfeNumber.isBlank() ? null : dfeNumber.strip();
        this.wholeRoll = wholeRoll;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String kind() {
        return CtfSnapshots.SOURCE;
    }

    /** Reads the file; never returns a partial snapshot. */
    @Override
    public Snapshot read() throws MisReadException {
        Path file = CtfFiles.choose(ctfPath);
        Path real = CtfFiles.check(ctfPath, file, limits);
        String name = file.getFileName().toString();
        LOG.debug("school {} reads CTF file {}", schoolId, file);
        InputStream in = Channels.newInputStream(SchoolFolder.open(real, name, limits.maxBytes(), CtfFiles.LIMIT_NAME));
        return read(in, name);
    }

    @Override
    public @Nullable String stamp() throws MisReadException {
        return fingerprint(false);
    }

    @Override
    public @Nullable String fingerprint() throws MisReadException {
        return fingerprint(true);
    }

    /**
     * Over the file a read would take (its name, size and bytes, or for the stamp its time), with
     * this reader's build, settings and UTC day; null when the file cannot be hashed as it stood.
     */
    private @Nullable String fingerprint(boolean content) throws MisReadException {
        Path file = CtfFiles.choose(ctfPath);
        Path real = CtfFiles.check(ctfPath, file, limits);
        String name = file.getFileName().toString();
        Fingerprint digest = new Fingerprint().add(CtfSnapshots.SOURCE).add(CodeVersion.of(CtfReader.class)).add(schoolId)
                .add(String.valueOf(dfeNumber)).add(String.valueOf(wholeRoll)).add(limits.toString())
                .add(LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString()).add(name);
        try {
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!content) {
                return digest.add(Long.toString(attributes.size())).add(attributes.lastModifiedTime().toInstant().toString())
                        .add(String.valueOf(attributes.fileKey())).hex();
            }
            InputStream in = Channels.newInputStream(SchoolFolder.open(real, name, limits.maxBytes(), CtfFiles.LIMIT_NAME));
            return digest.add(in, attributes.size()) ? digest.hex() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Reads a CTF from {@code in}, which it closes, as if it were the file {@code fileName}. */
    Snapshot read(InputStream in, String fileName) throws MisReadException {
        CtfDocument document;
        try (GuardedXml xml = GuardedXml.open(in, fileName, limits, CtfParser.INDEXED)) {
            document = new CtfParser(xml, fileName, dfeNumber).parse();
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        Snapshot snapshot = CtfSnapshots.build(document, schoolId, today, clock.instant(), wholeRoll);
        LOG.debug("school {}: {} holds {} pupils, {} contacts ({})", schoolId, fileName, snapshot.students().size(),
                snapshot.contacts().size(), snapshot.coverage());
        return snapshot;
    }
}
