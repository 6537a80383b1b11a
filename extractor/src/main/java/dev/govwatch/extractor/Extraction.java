package dev.govwatch.extractor;

import dev.govwatch.schemas.AnnualReport;

/** What became of one page: a report, not a report at all, or a report that could not be read. */
public sealed interface Extraction {

    /** The page held an annual report. */
    record Report(AnnualReport report) implements Extraction {
    }

    /** The page is something else (a list page, another article): counted and skipped. */
    record NotAReport(String reason) implements Extraction {
    }

    /** The page looks like a report but could not be read: it belongs in the dead-letter topic. */
    record Unreadable(String reason) implements Extraction {
    }
}
