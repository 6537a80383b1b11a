package dev.govwatch.validator.rules;

import dev.govwatch.schemas.AlertCategory;
import dev.govwatch.schemas.Severity;
import dev.govwatch.validator.Rule;

/** A rule's fixed identity, so that each rule class states only its check. */
abstract class AbstractRule implements Rule {

    private final String id;
    private final AlertCategory category;
    private final Severity severity;
    private final String doc;

    AbstractRule(String id, AlertCategory category, Severity severity, String doc) {
        this.id = id;
        this.category = category;
        this.severity = severity;
        this.doc = doc;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final AlertCategory category() {
        return category;
    }

    @Override
    public final Severity severity() {
        return severity;
    }

    @Override
    public final String doc() {
        return doc;
    }
}
