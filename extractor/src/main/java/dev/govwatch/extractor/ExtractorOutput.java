package dev.govwatch.extractor;

import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.DeadLetter;

/**
 * What the extract step hands downstream inside the topology (never serialized): exactly one of a
 * report or a dead letter.
 *
 * @param report     the extracted report, or null
 * @param deadLetter why the page could not be extracted, or null
 */
record ExtractorOutput(AnnualReport report, DeadLetter deadLetter) {

    static ExtractorOutput of(AnnualReport report) {
        return new ExtractorOutput(report, null);
    }

    static ExtractorOutput of(DeadLetter deadLetter) {
        return new ExtractorOutput(null, deadLetter);
    }
}
