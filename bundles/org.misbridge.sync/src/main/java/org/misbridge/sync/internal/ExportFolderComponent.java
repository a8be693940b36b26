package org.misbridge.sync.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.SchoolProperties;
import org.misbridge.api.files.ExportFolder;
import org.misbridge.api.files.FileNames;
import org.misbridge.api.files.SafeFiles;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The export folder of {@link ExportsConfiguration}, checked when configured (a folder in or under
 * etc/ or deploy/, links resolved, is refused and no folder is offered) and again before each write.
 */
@Component(service = ExportFolder.class, configurationPid = ExportFolder.PID)
@Designate(ocd = ExportsConfiguration.class)
public final class ExportFolderComponent implements ExportFolder {

    private static final Logger LOG = LoggerFactory.getLogger(ExportFolderComponent.class);
    private static final String WHAT = "the export folder (" + ExportFolder.PID + " folder)";

    private final Path folder;
    private final List<@Nullable Path> forbidden;

    @Activate
    public ExportFolderComponent(ExportsConfiguration config) {
        this(config.folder(), System.getProperty("karaf.home"), System.getProperty("karaf.data"),
                SafeFiles.karafConfigurationFolders());
    }

    /** With Karaf's folders given, for tests. */
    public ExportFolderComponent(@Nullable String configured, @Nullable String karafHome, @Nullable String karafData,
            List<@Nullable Path> forbidden) {
        this.forbidden = forbidden;
        Path chosen;
        if (configured != null && !configured.isBlank()) {
            chosen = SchoolProperties.resolvePath(configured, karafHome);
        } else if (karafData != null && !karafData.isBlank()) {
            chosen = Path.of(karafData, "misbridge", "exports");
        } else {
            chosen = SchoolProperties.resolvePath("data/misbridge/exports", karafHome);
        }
        try {
            this.folder = SafeFiles.checkedFolder(chosen.toAbsolutePath().normalize(), WHAT, forbidden);
        } catch (IOException e) {
            throw new UncheckedIOException(WHAT + " " + chosen + " cannot be created: " + e.getMessage(), e);
        }
        LOG.info("Files that commands write go to {}", folder);
    }

    @Override
    public Path folder() {
        return folder;
    }

    @Override
    public Path writeNew(String name, String extension, SafeFiles.Content content) throws IOException {
        String file = FileNames.requirePlain(name, extension);
        // again now: the folder may have been swapped for a link since it was configured
        Path checked = SafeFiles.checkedFolder(folder, WHAT, forbidden);
        return SafeFiles.writeNew(checked, file, content);
    }
}
