package dev.govwatch.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import dev.govwatch.validator.RuleDescription;
import dev.govwatch.validator.Rules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code govwatch rules}: lists the validator's rules. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "List the validator's rules: id, category, severity, what it checks.")
final class RulesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-18s %-16s %-8s %s%n", "RULE", "CATEGORY", "SEVERITY", "CHECKS");
        for (RuleDescription rule : Rules.described()) {
            out.printf("%-18s %-16s %-8s %s%n", rule.id(), rule.category(), rule.severity(), rule.doc());
        }
        out.flush();
        return 0;
    }
}
