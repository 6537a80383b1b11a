package dev.govwatch.samples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Report2021PageTest {

    @Test
    void anAgencyNameWithAYearInItIsNotReDated() {
        // Found by the 100,000-page kill test: 第2024局 became 第2025局 and collided with the next agency.
        String html = new Report2021Page(3).as("断电县第2024局", 2025, "2026-01-15");
        assertThat(html).contains("断电县第2024局").doesNotContain("断电县第2025局")
                .contains("2025年").contains("2026-01-15");
    }
}
