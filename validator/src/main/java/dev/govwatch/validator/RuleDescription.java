package dev.govwatch.validator;

import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.Severity;

/** What {@code govwatch rules} shows of a check: its id, category, severity and one line of doc. */
public interface RuleDescription {

    String id();

    AlertCategory category();

    Severity severity();

    /** One line. */
    String doc();

    static RuleDescription of(String id, AlertCategory category, Severity severity, String doc) {
        return new RuleDescription() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public AlertCategory category() {
                return category;
            }

            @Override
            public Severity severity() {
                return severity;
            }

            @Override
            public String doc() {
                return doc;
            }
        };
    }
}
