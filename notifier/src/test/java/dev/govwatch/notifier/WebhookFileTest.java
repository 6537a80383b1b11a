package dev.govwatch.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WebhookFileTest {

    @Test
    void readsWebhooksWithSecretsFromTheEnvironment() {
        WebhookFile.Result result = WebhookFile.parse(new StringReader("""
                webhooks:
                  - name: evaluators
                    url: https://hooks.example.org/govwatch
                    secretEnv: HOOK_SECRET
                    categories: [MISSING, LATE]
                    regions: [河北省]
                """), Map.of("HOOK_SECRET", "xyz"));

        assertThat(result.errors()).isEmpty();
        assertThat(result.webhooks()).singleElement().satisfies(w -> {
            assertThat(w.secret()).isEqualTo("xyz");
            assertThat(w.categories()).containsExactly("MISSING", "LATE");
            assertThat(w.regions()).containsExactly("河北省");
        });
    }

    @Test
    void reportsEveryErrorWithItsLine() {
        WebhookFile.Result result = WebhookFile.parse(new StringReader("""
                webhooks:
                  - name: a
                    url: ftp://nope
                    secretEnv: UNSET
                    categories: [MISING]
                    colour: red
                """), Map.of());

        assertThat(result.ok()).isFalse();
        assertThat(result.errors()).anyMatch(e -> e.startsWith("line 3:") && e.contains("'url'"))
                .anyMatch(e -> e.startsWith("line 4:") && e.contains("UNSET is not set"))
                .anyMatch(e -> e.startsWith("line 5:") && e.contains("unknown category 'MISING'"))
                .anyMatch(e -> e.startsWith("line 6:") && e.contains("unknown key 'colour'"));
    }

    @Test
    void theSignatureIsTheHexHmacSha256OfTheBody() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?"
        assertThat(Signature.of("Jefe", "what do ya want for nothing?".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
