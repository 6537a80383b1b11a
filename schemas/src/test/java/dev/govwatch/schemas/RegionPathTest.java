package dev.govwatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RegionPathTest {

    private static Region region(String code, String province, String prefecture, String county) {
        return Region.newBuilder().setCode(code).setProvince(province).setPrefecture(prefecture).setCounty(county).build();
    }

    @Test
    void aCountyCodeGivesItsProvinceAndPrefectureKeys() {
        RegionPath path = RegionPath.of(region("370323", "山东省", "淄博市", "沂源县"));
        assertThat(path.places()).extracting(RegionPath.Place::key).containsExactly("370000", "370300", "370323");
        assertThat(path.places()).extracting(RegionPath.Place::name).containsExactly("山东省", "淄博市", "沂源县");
    }

    @Test
    void placesAreMatchedByCodeOrNameNeverBySubstring() {
        RegionPath path = RegionPath.of(region("370323", "山东省", "淄博市", "沂源县"));
        assertThat(List.of("37", "3703", "370323", "370000", "370300", "山东省", "山东", "淄博市", "淄博", "沂源县", "沂源"))
                .allMatch(path::within);
        // Substrings of codes and names are other places (or none).
        assertThat(List.of("3", "370", "70323", "东省", "山", "沂", "淄博市沂源县", "370324", "371300", "河北省"))
                .noneMatch(path::within);
        assertThat(RegionPath.of(region("130000", null, null, "山东路")).within("山东")).isFalse();
    }

    @Test
    void namesAloneStillMakeAPathAndNothingIsNotAnywhere() {
        RegionPath path = RegionPath.of(region(null, "河北省", null, "示范县"));
        assertThat(path.places()).extracting(RegionPath.Place::key).containsExactly("河北省", "示范县");
        assertThat(path.within("河北")).isTrue();
        assertThat(path.within("13")).isFalse();
        assertThat(RegionPath.of(null).within("河北省")).isFalse();
        assertThat(RegionPath.of(null).within(" ")).isTrue();
        assertThat(RegionPath.of(null).withinAny(Set.of())).isTrue();
    }

    @Test
    void aNameWithItsSuffixIsThatPlaceOnlyAndAStemMeansTheShallowest() {
        RegionPath demo = RegionPath.of(region(null, "示范省", "示范市", "示范县"));
        assertThat(demo.placeNamed("示范市")).map(RegionPath.Place::level).contains(RegionPath.Level.PREFECTURE);
        assertThat(demo.placeNamed("示范县")).map(RegionPath.Place::level).contains(RegionPath.Level.COUNTY);
        assertThat(demo.placeNamed("示范")).map(RegionPath.Place::level).contains(RegionPath.Level.PROVINCE);
        RegionPath jilin = RegionPath.of(region("220200", "吉林省", "吉林市", null));
        assertThat(jilin.placeNamed("吉林")).map(RegionPath.Place::key).contains("220000");
        assertThat(jilin.placeNamed("吉林市")).map(RegionPath.Place::key).contains("220200");
        assertThat(RegionPath.of(region(null, "山东省", null, "示范县")).within("示范市")).isFalse();
    }

    @Test
    void aProvinceLevelCodeNamesNoPrefectureOrCounty() {
        RegionPath path = RegionPath.of(region("110000", "北京市", null, null));
        assertThat(path.places()).extracting(RegionPath.Place::key).containsExactly("110000");
        assertThat(path.placeNamed("11")).map(RegionPath.Place::level).contains(RegionPath.Level.PROVINCE);
        assertThat(RegionPath.of(region("370300", null, "淄博市", null)).places()).extracting(RegionPath.Place::key)
                .containsExactly("370000", "370300");
    }
}
