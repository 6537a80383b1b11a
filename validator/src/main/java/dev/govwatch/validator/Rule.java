package dev.govwatch.validator;

import java.util.List;

import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.Severity;

/** One check the validator applies; each rule is a class with an id, a category, a severity and a doc line. */
public interface Rule {

    String id();

    AlertCategory category();

    Severity severity();

    /** One line, for {@code govwatch rules}. */
    String doc();

    List<Finding> check(ReportContext context);
}
