package dev.govwatch.validator;

import java.util.List;

import dev.govwatch.schemas.Evidence;

/**
 * One thing a rule found wrong in a report.
 *
 * @param detail   what distinguishes this finding from others of the same rule in the same report
 *                 (e.g. the column); part of the alert id, so it must be stable across runs
 * @param message  Chinese, with the numbers, in words a county office understands
 * @param evidence the cells involved
 */
public record Finding(String detail, String message, List<Evidence> evidence) {

    public static Finding of(String detail, String message, Evidence... evidence) {
        return new Finding(detail, message, List.of(evidence));
    }

    public static Evidence at(String where, String expected, String found) {
        return Evidence.newBuilder().setWhere(where).setExpected(expected).setFound(found).build();
    }
}
