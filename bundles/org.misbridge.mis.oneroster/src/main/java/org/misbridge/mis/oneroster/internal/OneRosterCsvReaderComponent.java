package org.misbridge.mis.oneroster.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.SchoolProperties;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.spi.MisReadException;
import org.misbridge.api.spi.MisReader;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One school's OneRoster CSV reader, registered with the {@code school.id} of its configuration
 * (DS publishes the configuration's properties on the service).
 */
@Component(service = MisReader.class, configurationPid = "org.misbridge.mis.oneroster",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = OneRosterConfiguration.class, factory = true)
public final class OneRosterCsvReaderComponent implements MisReader {

    private static final Logger LOG = LoggerFactory.getLogger(OneRosterCsvReaderComponent.class);

    private final String schoolId;
    private final Path csvPath;
    private final @Nullable String orgSourcedId;
    private final Limits limits;
    private final Clock clock;

    @Activate
    public OneRosterCsvReaderComponent(OneRosterConfiguration config) {
        this(config, Clock.systemUTC(), System.getProperty("karaf.home"));
    }

    OneRosterCsvReaderComponent(OneRosterConfiguration config, Clock clock, @Nullable String karafHome) {
        this.schoolId = SchoolProperties.requireValidSchoolId(config.school_id());
        this.csvPath = resolve(schoolId, config.csv_path(), karafHome);
        String org = config.org_sourcedId();
        this.orgSourcedId = org == null || org.isBlank() ? null : org.strip();
        try {
            this.limits = new Limits(config.zip_maxEntries(), config.zip_maxTotalBytes(), config.zip_maxRatio());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("school " + schoolId + ": " + e.getMessage(), e);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        LOG.debug("OneRoster reader for school {} reads {} (org {})", schoolId, csvPath,
                orgSourcedId == null ? "all" : orgSourcedId);
    }

    private static Path resolve(String schoolId, @Nullable String csvPath, @Nullable String karafHome) {
        if (csvPath == null || csvPath.isBlank()) {
            throw new IllegalArgumentException("school " + schoolId
                    + ": csv.path is blank; set it to the folder or .zip holding the OneRoster CSV files");
        }
        Path path = Path.of(csvPath.strip());
        if (!path.isAbsolute() && karafHome != null && !karafHome.isBlank()) {
            path = Path.of(karafHome).resolve(path);
        }
        return path.normalize();
    }

    /** The folder or zip this reader reads, resolved. */
    Path csvPath() {
        return csvPath;
    }

    @Override
    public String kind() {
        return OneRosterCsvReader.SOURCE;
    }

    @Override
    public Snapshot read() throws MisReadException {
        return new OneRosterCsvReader(schoolId, csvPath, orgSourcedId, clock, limits).read();
    }
}
