package org.misbridge.mis.ctf.internal.dto;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** One {@code SchoolHistory/School} entry: a school the pupil attended (DfE number) and when. */
public record CtfSchoolStay(@Nullable String dfe, @Nullable LocalDate entryDate, @Nullable LocalDate leavingDate) {
}
