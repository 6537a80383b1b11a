package dev.govwatch.validator;

import java.util.Map;

/**
 * Whether the extractor has read the pages topic past given offsets — so that every report of the
 * pages below them is on the reports topic — asked before an absence on a freshly swept portal is
 * judged (a portal status's {@code pagesThrough}).
 */
@FunctionalInterface
public interface ExtractionProgress {

    /** What is known of the extractor's progress. */
    enum Progress {
        /** Read past every offset given. */
        PASSED,
        /** Not yet past all of them. */
        PENDING,
        /** Its progress cannot be seen (no access to its consumer group, say): judge by time instead. */
        UNKNOWN
    }

    /** @param pagesThrough pages-topic partition (as text) → offset just past the last page that matters */
    Progress of(Map<String, Long> pagesThrough);

    /** For a validator that is not told where the extractor is: an absence is judged by time alone. */
    ExtractionProgress UNSEEN = through -> through.isEmpty() ? Progress.PASSED : Progress.UNKNOWN;
}
