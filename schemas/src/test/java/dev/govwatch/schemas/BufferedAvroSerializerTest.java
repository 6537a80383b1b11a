package dev.govwatch.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.apicurio.registry.resolver.ParsedSchema;
import io.apicurio.registry.resolver.ParsedSchemaImpl;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** The buffered serializer writes exactly the bytes Apicurio's own does, whatever the record's size. */
class BufferedAvroSerializerTest {

    /** Apicurio's serializer with its encoding step callable from here. */
    private static final class Plain<U> extends AvroKafkaSerializer<U> {
        void encode(ParsedSchema<Schema> schema, U data, ByteArrayOutputStream out) throws java.io.IOException {
            serializeData(schema, data, out);
        }
    }

    /** Many small fields: the encoder's one-byte writes cross the buffer's end, not only its bulk copies. */
    private static List<PageImage> images(int n) {
        List<PageImage> images = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            images.add(PageImage.newBuilder().setUrl("/i/" + i + ".png").setContentType("image/png")
                    .setBody(ByteBuffer.wrap(new byte[] {(byte) i})).setSha256(Integer.toHexString(i)).build());
        }
        return images;
    }

    @Test
    void writesApicuriosBytesForSmallAndLargeRecordsAlike() throws Exception {
        // Nothing listens there: encoding never asks the registry.
        var config = AvroSerdes.valueConfig(RegistryConnection.of("http://127.0.0.1:9/apis/registry/v2"));
        Plain<SpecificRecord> plain = new Plain<>();
        plain.configure(config, false);
        BufferedAvroSerializer<SpecificRecord> buffered = new BufferedAvroSerializer<>();
        buffered.configure(config, false);
        Random random = new Random(7);
        // Sizes from a few bytes to past the buffer a thread keeps (the largest is dropped after use, then used again).
        for (int size : new int[] {0, 10, 8 * 1024, 100_000, BufferedAvroSerializer.LARGEST_KEPT + 5, 3}) {
            byte[] body = new byte[size];
            random.nextBytes(body);
            List<CharSequence> noise = new ArrayList<>();
            for (int i = 0; i < size / 1000; i++) {
                noise.add("网页" + random.nextInt());
            }
            FetchedPage page = FetchedPage.newBuilder().setUrl("http://a.gov.cn/" + size + ".html").setPortalId("p" + noise.size())
                    .setFetchedAt(Instant.ofEpochMilli(1_700_000_000_000L + size)).setHttpStatus(200).setContentType("text/html")
                    .setCharset(size % 2 == 0 ? "UTF-8" : null).setBody(ByteBuffer.wrap(body)).setSha256(Integer.toString(size)).setImages(images(size / 500)).build();
            ParsedSchema<Schema> schema = new ParsedSchemaImpl<Schema>().setParsedSchema(FetchedPage.getClassSchema())
                    .setRawSchema(FetchedPage.getClassSchema().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            plain.encode(schema, page, expected);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            got.write(0x42); // what Apicurio writes before the data (magic byte, id) stays in front of it
            buffered.serializeData(schema, page, got);

            byte[] bytes = got.toByteArray();
            assertThat(bytes[0]).isEqualTo((byte) 0x42);
            assertThat(java.util.Arrays.copyOfRange(bytes, 1, bytes.length)).as("size %d", size).isEqualTo(expected.toByteArray());
        }
        plain.close();
        buffered.close();
    }
}
