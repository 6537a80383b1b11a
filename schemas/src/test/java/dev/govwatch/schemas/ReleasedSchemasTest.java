package dev.govwatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.JsonProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReleasedSchemasTest {

    private static final ReleasedSchemas RELEASED = new ReleasedSchemas(Path.of("released"));

    static List<Topic<?>> topics() {
        return Topics.ALL;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void everyTopicValueHasAReleasedVersion(Topic<?> topic) {
        assertThat(RELEASED.versions(topic.valueSchema().getName()))
                .as("released versions of %s; snapshot with ReleasedSchemas.main", topic.valueSchema().getName())
                .isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void currentSchemaReadsEveryReleasedVersion(Topic<?> topic) {
        for (Schema released : RELEASED.versions(topic.valueSchema().getName())) {
            assertThat(ReleasedSchemas.backwardIncompatibilities(topic.valueSchema(), released))
                    .as("%s must stay BACKWARD compatible with every released version", topic.valueSchema().getName())
                    .isEmpty();
        }
    }

    @Test
    void addingARequiredFieldIsReportedAsIncompatible() {
        Schema released = Portal.getClassSchema();
        Schema withRequiredField = withExtraField(released, false);

        assertThat(ReleasedSchemas.backwardIncompatibilities(withRequiredField, released))
                .singleElement().asString().contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("contact");
    }

    @Test
    void addingAnOptionalFieldIsCompatible() {
        Schema released = Portal.getClassSchema();

        assertThat(ReleasedSchemas.backwardIncompatibilities(withExtraField(released, true), released)).isEmpty();
    }

    @Test
    void releaseWritesANewVersionOnlyWhenTheSchemaChanged(@TempDir Path dir) {
        ReleasedSchemas released = new ReleasedSchemas(dir);
        Schema v1 = Portal.getClassSchema();
        Schema v2 = withExtraField(v1, true);

        assertThat(released.release(v1)).hasFileName("1.avsc");
        assertThat(released.release(v1)).hasFileName("1.avsc");
        assertThat(released.release(v2)).hasFileName("2.avsc");
        assertThat(released.versions("Portal")).containsExactly(v1, v2);
    }

    /** Copies a record schema and appends a string field named contact. */
    private static Schema withExtraField(Schema record, boolean optional) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : record.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        fields.add(optional
                ? new Schema.Field("contact", Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                        null, JsonProperties.NULL_VALUE)
                : new Schema.Field("contact", Schema.create(Schema.Type.STRING), null));
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }
}
