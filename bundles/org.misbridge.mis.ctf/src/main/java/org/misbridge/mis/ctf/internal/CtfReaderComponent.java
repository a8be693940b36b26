package org.misbridge.mis.ctf.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.SchoolClaims;
import org.misbridge.api.SchoolProperties;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.api.spi.FingerprintedReader;
import org.misbridge.api.spi.MisReader;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One school's CTF reader, registered with the {@code school.id} of its configuration (DS
 * publishes the configuration's properties on the service).
 */
// immediate: a configuration that cannot work, or names another school, is refused when it appears,
// not when a sync first asks for the reader
@Component(service = MisReader.class, configurationPid = "org.misbridge.mis.ctf",
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = CtfConfiguration.class, factory = true)
public final class CtfReaderComponent implements FingerprintedReader {

    private static final Logger LOG = LoggerFactory.getLogger(CtfReaderComponent.class);
    static final String PID = "org.misbridge.mis.ctf";

    private final String schoolId;
    private final Path ctfPath;
    private final CtfReader reader;
    private final SchoolClaims.Claim claim;

    @Activate
    public CtfReaderComponent(CtfConfiguration config, Map<String, Object> properties, @Reference SchoolClaims claims) {
        this(config, properties, Clock.systemUTC(), System.getProperty("karaf.home"), claims);
    }

    CtfReaderComponent(CtfConfiguration config, Clock clock, @Nullable String karafHome, SchoolClaims claims) {
        this(config, Map.of(), clock, karafHome, claims);
    }

    CtfReaderComponent(CtfConfiguration config, Map<String, Object> properties, Clock clock, @Nullable String karafHome,
            SchoolClaims claims) {
        this.schoolId = SchoolProperties.requireValidSchoolId(config.school_id());
        this.ctfPath = resolve(schoolId, config.ctf_path(), karafHome);
        CtfLimits limits;
        try {
            limits = CtfLimits.defaults().withMaxBytes(config.ctf_maxBytes());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("school " + schoolId + ": " + e.getMessage(), e);
        }
        String dfe = config.ctf_dfeNumber() == null ? "" : config.ctf_dfeNumber().strip();
        if (!dfe.isEmpty() && !CtfParser.isDfeNumber(dfe)) {
            throw new IllegalArgumentException("school " + schoolId + ": ctf.dfeNumber '" + dfe
                    + "' is not 7 digits (LEA and Estab, e.g. 9991234)");
        }
        this.reader = new CtfReader(schoolId, ctfPath, dfe.isEmpty() ? null : dfe, config.ctf_wholeRoll(), limits,
                Objects.requireNonNull(clock, "clock"));
        this.claim = claims.claim(PID, schoolId, properties);
        LOG.debug("CTF reader for school {} reads {} (DfE number {}, whole roll {})", schoolId, ctfPath,
                dfe.isEmpty() ? "not checked" : dfe, config.ctf_wholeRoll());
    }

    private static Path resolve(String schoolId, @Nullable String ctfPath, @Nullable String karafHome) {
        if (ctfPath == null || ctfPath.isBlank()) {
            throw new IllegalArgumentException("school " + schoolId
                    + ": ctf.path is blank; set it to the CTF .xml file or the folder CTF files are dropped into");
        }
        return SchoolProperties.resolvePath(ctfPath, karafHome);
    }

    @Deactivate
    void deactivate() {
        claim.close();
    }

    /** The file or folder this reader reads, resolved. */
    Path ctfPath() {
        return ctfPath;
    }

    @Override
    public String kind() {
        return reader.kind();
    }

    @Override
    public Snapshot read() throws MisReadException {
        return reader.read();
    }

    @Override
    public @Nullable String stamp() throws MisReadException {
        return reader.stamp();
    }

    @Override
    public @Nullable String fingerprint() throws MisReadException {
        return reader.fingerprint();
    }
}
