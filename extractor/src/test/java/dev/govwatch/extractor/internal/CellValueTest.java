package dev.govwatch.extractor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.govwatch.schemas.CellKind;

class CellValueTest {

    @ParameterizedTest(name = "''{0}'' is {1} {2}")
    @CsvSource(delimiter = ';', nullValues = "null", value = {
        "34;NUMBER;34",
        "0;NUMBER;0",
        "'';BLANK;null",
        "'  ';BLANK;null",
        "/;NOT_APPLICABLE;null",
        "—;NOT_APPLICABLE;null",
        "——;NOT_APPLICABLE;null",
        "不适用;NOT_APPLICABLE;null",
        "+3;NUMBER;3",
        "-83;NUMBER;-83",
        "--253;NUMBER;-253",
        "+89;NUMBER;89",
        "１２３;NUMBER;123",
        "1,203;NUMBER;1203",
        "62361.42万元;NUMBER;62361.42",
        "103.3879万元;NUMBER;103.3879",
        "251000元;NUMBER;25.1",
        "6187.4万元;NUMBER;6187.4",
        "约30;TEXT;null",
        "本年新收政府信息公开申请数量;TEXT;null"})
    void readsCellsAsPrinted(String printed, CellKind kind, Double value) {
        CellValue cell = CellValue.parse(printed);

        assertThat(cell.kind()).isEqualTo(kind);
        assertThat(cell.value()).isEqualTo(value);
        assertThat(cell.raw()).isEqualTo(printed.strip());
    }
}
