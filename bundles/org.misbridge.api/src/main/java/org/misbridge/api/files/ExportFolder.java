package org.misbridge.api.files;

import java.io.IOException;
import java.nio.file.Path;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The host's one folder for files that commands write (a year-end report, the data of leavers about
 * to be deleted): configured by {@code org.misbridge.exports}, never Karaf's {@code etc/} or
 * {@code deploy/}. A command names a file, never a path.
 */
@ProviderType
public interface ExportFolder {

    /** The configuration PID that sets the folder. */
    String PID = "org.misbridge.exports";

    /** The folder, absolute. */
    Path folder();

    /**
     * Writes a new file of that plain name into the folder, whole or not at all, refusing to replace
     * anything; {@code extension} (e.g. ".csv") is added when the name does not end with it.
     *
     * @return the file written
     * @throws IllegalArgumentException when the name is not a plain file name (see {@link FileNames})
     * @throws java.nio.file.FileAlreadyExistsException when the folder already has a file of that name
     */
    Path writeNew(String name, String extension, SafeFiles.Content content) throws IOException;
}
