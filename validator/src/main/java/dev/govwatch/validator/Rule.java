package dev.govwatch.validator;

import java.util.List;


/** One check the validator applies to a report; each rule is a class with an id, a category, a severity and a doc line. */
public interface Rule extends RuleDescription {

    List<Finding> check(ReportContext context);
}
