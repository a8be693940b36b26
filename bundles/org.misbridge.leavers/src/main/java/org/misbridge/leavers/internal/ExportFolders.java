package org.misbridge.leavers.internal;

import org.jspecify.annotations.Nullable;
import org.misbridge.api.files.ExportFolder;

/** The export folder a writing command needs, or the reason there is none. */
final class ExportFolders {

    private ExportFolders() {
    }

    static ExportFolder require(@Nullable ExportFolder exports) {
        if (exports == null) {
            throw new IllegalStateException("no export folder: the configuration " + ExportFolder.PID
                    + " was refused (log:display | grep -i 'export folder' says why); files are written only there");
        }
        return exports;
    }
}
