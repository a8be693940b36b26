package org.misbridge.sync.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** etc/org.misbridge.exports.cfg (optional): the host's one folder for files that commands write. */
@ObjectClassDefinition(name = "MIS Bridge export folder",
        description = "Where school:report and school:delete-leavers --export write their files. Commands take a file name,"
                + " never a path; the folder may not be Karaf's etc/ or deploy/ or inside them.")
public @interface ExportsConfiguration {

    @AttributeDefinition(name = "Folder",
            description = "The folder; a relative path is taken from the Karaf home. Empty: misbridge/exports in Karaf's data"
                    + " folder (data/misbridge/exports). Created when missing.")
    String folder() default "";
}
