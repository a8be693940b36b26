package org.misbridge.mis.ctf.internal.dto;

import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/**
 * The header of a CTF or ATF file.
 *
 * @param atf       true for an Admissions Transfer File (root {@code ATfile}), false for a CTF
 * @param full      whether {@code DocumentQualifier} is {@code full}
 * @param written   the header's {@code DateTime}, when given
 * @param sourceDfe the sending school's DfE number ({@code LEA} + {@code Estab}), when both are given
 * @param destDfe   the receiving school's DfE number, when both parts are given
 */
public record CtfHeader(boolean atf, boolean full, @Nullable LocalDateTime written,
        @Nullable String sourceDfe, @Nullable String destDfe) {
}
