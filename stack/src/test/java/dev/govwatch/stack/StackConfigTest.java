package dev.govwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The embedded stack's settings as the broker's command line receives them. */
class StackConfigTest {

    @Test
    void theBrokersFurtherJvmOptionsAreSplitOnSpaces() {
        StackConfig config = new StackConfig(Map.of(StackConfig.KAFKA_JVM_OPTIONS, "  -XX:TieredStopAtLevel=1   -Xss512k "));

        assertThat(config.kafkaJvmOptions()).containsExactly("-XX:TieredStopAtLevel=1", "-Xss512k");
    }

    @Test
    void noFurtherOptionsAddsNothingToTheCommandLine() {
        assertThat(new StackConfig(Map.of(StackConfig.KAFKA_JVM_OPTIONS, " ")).kafkaJvmOptions()).isEmpty();
    }
}
