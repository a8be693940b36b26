package org.misbridge.mis.ctf.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The configuration of one school's CTF reader ({@code org.misbridge.mis.ctf-<name>.cfg}). */
@ObjectClassDefinition(
        name = "MIS Bridge CTF reader",
        description = "Reads one school's pupils and contacts from a DfE Common Transfer File (CTF) or Admissions "
                + "Transfer File (ATF), each time the school syncs.")
public @interface CtfConfiguration {

    @AttributeDefinition(name = "School id", description = "The school this reader serves (school.id); "
            + "1-64 of a-z, 0-9, '.', '-', '_'.")
    String school_id();

    @AttributeDefinition(name = "CTF path", description = "A CTF/ATF .xml file, or a folder whose newest .xml file "
            + "is read (by modification time; on a tie the name sorting last). A relative path is resolved against "
            + "karaf.home. It need not exist yet; a read fails until it does.")
    String ctf_path();

    @AttributeDefinition(name = "Most bytes", description = "A larger file is refused unread (default 256 MiB).")
    long ctf_maxBytes() default CtfLimits.DEFAULT_MAX_BYTES;

    @AttributeDefinition(name = "DfE number", required = false, description = "The school's LEA and Estab numbers "
            + "(7 digits, e.g. 9991234). When set, a CTF whose source school, or an ATF whose destination school, "
            + "is another school is refused. Empty checks nothing.")
    String ctf_dfeNumber() default "";

    @AttributeDefinition(name = "Whole roll", description = "Whether this school's CTF files are its whole roll "
            + "(a full export of every pupil). Only then, and only for a file whose DocumentQualifier is 'full', "
            + "do pupils missing from the file become leavers. Off: a CTF only adds and updates, as it normally "
            + "carries just the pupils being transferred.")
    boolean ctf_wholeRoll() default false;

    @AttributeDefinition(name = "Name hint", description = "How instances are named in the web console.")
    String webconsole_configurationFactory_nameHint() default "CTF {school.id}";
}
