package dev.govwatch.validator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import dev.govwatch.schemas.AgencyLevel;
import dev.govwatch.schemas.Region;

class DeadlinesTest {

    private static final Region SHIJIAZHUANG_TOWN = Region.newBuilder().setCode("130123").setProvince("河北省")
            .setPrefecture("石家庄市").setCounty("正定县").build();
    private static final Region CODE_ONLY = Region.newBuilder().setCode("130123").build();

    @Test
    void theDeepestPlaceNamedWins() {
        Deadlines d = Deadlines.withOverrides("TOWN@河北省=02-20,TOWN@1301=03-10,TOWN=03-15");
        assertThat(d.deadline(AgencyLevel.TOWN, 2025, SHIJIAZHUANG_TOWN)).contains(LocalDate.of(2026, 3, 10));
        // A region known by its code alone still lies in 河北 when the override names the province by code.
        assertThat(Deadlines.withOverrides("TOWN@13=02-20").deadline(AgencyLevel.TOWN, 2025, CODE_ONLY))
                .contains(LocalDate.of(2026, 2, 20));
        assertThat(d.deadline(AgencyLevel.TOWN, 2025, Region.newBuilder().setProvince("山东省").build()))
                .contains(LocalDate.of(2026, 3, 15));
        assertThat(d.deadline(AgencyLevel.DEPARTMENT, 2025, SHIJIAZHUANG_TOWN)).contains(LocalDate.of(2026, 1, 31));
    }

    @Test
    void aProvinceNameWithoutItsSuffixIsTheProvinceAndNoSubstringIs() {
        assertThat(Deadlines.withOverrides("TOWN@河北=02-20").deadline(AgencyLevel.TOWN, 2025, SHIJIAZHUANG_TOWN))
                .contains(LocalDate.of(2026, 2, 20));
        assertThat(Deadlines.withOverrides("TOWN@北省=02-20").deadline(AgencyLevel.TOWN, 2025, SHIJIAZHUANG_TOWN))
                .contains(LocalDate.of(2026, 3, 31));
    }

    @Test
    void aBadOverrideIsNamed() {
        assertThatThrownBy(() -> Deadlines.withOverrides("TOWN@河北省")).hasMessageContaining("TOWN@河北省");
        assertThatThrownBy(() -> Deadlines.withOverrides("VILLAGE=02-20")).isInstanceOf(IllegalArgumentException.class);
    }
}
