package dev.govwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** Every command's {@code --help} renders as written: picocli formats descriptions, so a bare '%' breaks one. */
class HelpTextTest {

    @Test
    void everyCommandsHelpRendersWithoutAFormatWarning() {
        List<CommandLine> commands = new ArrayList<>();
        collect(Govwatch.commandLine(), commands);
        assertTrue(commands.size() > 10, "the root and its subcommands: " + commands.size());
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> usages = new LinkedHashMap<>();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            for (CommandLine command : commands) {
                usages.put(command.getCommandSpec().qualifiedName(), command.getUsageMessage(CommandLine.Help.Ansi.OFF));
            }
        } finally {
            System.setErr(original);
        }
        String warnings = err.toString(StandardCharsets.UTF_8);
        assertEquals("", warnings, "picocli could not format a help text");
        String metrics = usages.get("govwatch metrics");
        assertTrue(metrics.contains("Wilson 95% interval"), metrics);
        usages.forEach((name, usage) -> assertFalse(usage.contains("%n"), name + ": " + usage));
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
    }
}
