package dev.govwatch.schemas;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

import io.apicurio.registry.resolver.ParsedSchema;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import org.apache.avro.Schema;

/**
 * Apicurio's Avro serializer, its bytes unchanged, with the encoding done into a buffer of the
 * thread's own. Apicurio encodes with Avro's unbuffered {@code DirectBinaryEncoder} straight into a
 * fresh {@code ByteArrayOutputStream}: every varint and enum index of a report is one call to that
 * stream's synchronized {@code write(int)}, and the array grows from 32 bytes by doubling. Profiled
 * under replay, that was 29 % of the validator's stream thread (a report is written to the
 * repartition topic and to a store) and 10 % of the extractor's. Here the bytes go into a reused,
 * unsynchronized array and reach Apicurio's stream in one write.
 *
 * @param <U> the record type
 */
public final class BufferedAvroSerializer<U> extends AvroKafkaSerializer<U> {

    /** A buffer that grew past this for one large record is dropped after it, not kept by the thread. */
    static final int LARGEST_KEPT = 1 << 20;

    private static final ThreadLocal<EncodeBuffer> BUFFERS = ThreadLocal.withInitial(EncodeBuffer::new);

    @Override
    protected void serializeData(ParsedSchema<Schema> schema, U data, OutputStream out) throws IOException {
        EncodeBuffer buffer = BUFFERS.get();
        if (buffer.inUse) {
            // Serializing from within a serialization on this thread (never seen; kept correct all the same).
            super.serializeData(schema, data, out);
            return;
        }
        buffer.inUse = true;
        try {
            super.serializeData(schema, data, buffer);
            out.write(buffer.bytes, 0, buffer.count);
        } finally {
            buffer.clear();
        }
    }

    /** A growing byte array without locks, for one thread. */
    static final class EncodeBuffer extends OutputStream {
        private byte[] bytes = new byte[8 * 1024];
        private int count;
        private boolean inUse;

        @Override
        public void write(int b) {
            if (count == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (count + len > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + len));
            }
            System.arraycopy(b, off, bytes, count, len);
            count += len;
        }

        void clear() {
            count = 0;
            inUse = false;
            if (bytes.length > LARGEST_KEPT) {
                bytes = new byte[8 * 1024];
            }
        }
    }
}
