package dev.govwatch.validator.query;

import dev.govwatch.schemas.Decision;

/** Where the query API records decisions: {@link dev.govwatch.schemas.Topics#DECISIONS}, in service. */
@FunctionalInterface
public interface DecisionLog {

    /** Records the decision durably before returning. */
    void append(Decision decision) throws Exception;
}
