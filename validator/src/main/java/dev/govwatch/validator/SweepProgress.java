package dev.govwatch.validator;

import java.util.Map;

/**
 * Whether every report of a sweep's pages has reached the validator's agency state — through the
 * extractor, onto the reports topic, across the validator's repartition by agency — asked before an
 * absence on a freshly swept portal is judged (a portal status's {@code pagesThrough}).
 */
@FunctionalInterface
public interface SweepProgress {

    /** What is known of the sweep's way through the pipeline. */
    enum Progress {
        /** Every report of the pages below the offsets given has reached the agencies' state. */
        PASSED,
        /** Not yet. */
        PENDING,
        /** The progress cannot be seen (no access to the consumer groups, say): judge by time instead. */
        UNKNOWN
    }

    /** @param pagesThrough pages-topic partition (as text) → offset just past the last page that matters */
    Progress of(Map<String, Long> pagesThrough);

    /** For a validator that is not told where the pipeline is: an absence is judged by time alone. */
    SweepProgress UNSEEN = through -> through.isEmpty() ? Progress.PASSED : Progress.UNKNOWN;
}
