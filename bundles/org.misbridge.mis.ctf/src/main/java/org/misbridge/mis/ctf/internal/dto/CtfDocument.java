package org.misbridge.mis.ctf.internal.dto;

import java.util.List;
import java.util.Objects;

/** A whole CTF or ATF file, parsed and checked: nothing in it failed. */
public record CtfDocument(String fileName, CtfHeader header, List<CtfPupil> pupils) {

    public CtfDocument {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(header, "header");
        pupils = List.copyOf(pupils);
    }
}
