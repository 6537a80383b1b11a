package dev.govwatch.extractor.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns page bytes into text the way browsers do for these portals: a BOM first, then the charset
 * of the Content-Type header, then the one a {@code <meta>} declares, then UTF-8 if the bytes are
 * valid UTF-8, else GB18030. Every GB* name is read as GB18030, its superset, because portals
 * declare GB2312 and serve characters outside it.
 */
public final class PageDecoder {

    private static final Pattern HEADER_CHARSET = Pattern.compile("charset\\s*=\\s*[\"']?([\\w.:-]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern META_CHARSET = Pattern.compile(
            "<meta[^>]+charset\\s*=\\s*[\"']?\\s*([\\w.:-]+)", Pattern.CASE_INSENSITIVE);
    private static final int SNIFF_BYTES = 4096;

    private PageDecoder() {
    }

    /** The decoded text and the charset used. */
    public record Decoded(String text, Charset charset) {
    }

    public static Decoded decode(byte[] body, String contentType, String fallbackCharset) {
        if (body.length >= 3 && (body[0] & 0xff) == 0xEF && (body[1] & 0xff) == 0xBB && (body[2] & 0xff) == 0xBF) {
            return new Decoded(new String(body, 3, body.length - 3, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        }
        if (body.length >= 2 && (body[0] & 0xff) == 0xFE && (body[1] & 0xff) == 0xFF) {
            return new Decoded(new String(body, 2, body.length - 2, StandardCharsets.UTF_16BE), StandardCharsets.UTF_16BE);
        }
        if (body.length >= 2 && (body[0] & 0xff) == 0xFF && (body[1] & 0xff) == 0xFE) {
            return new Decoded(new String(body, 2, body.length - 2, StandardCharsets.UTF_16LE), StandardCharsets.UTF_16LE);
        }
        Charset charset = named(contentType == null ? null : find(HEADER_CHARSET, contentType));
        if (charset == null) {
            String head = new String(body, 0, Math.min(body.length, SNIFF_BYTES), StandardCharsets.ISO_8859_1);
            charset = named(find(META_CHARSET, head));
        }
        if (charset == null) {
            charset = named(fallbackCharset);
        }
        if (charset == null) {
            charset = isValidUtf8(body) ? StandardCharsets.UTF_8 : Charset.forName("GB18030");
        }
        return new Decoded(new String(body, charset), charset);
    }

    static Charset named(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.startsWith("gb") || n.equals("x-gbk") || n.equals("cp936") || n.equals("windows-936")) {
            return Charset.forName("GB18030");
        }
        try {
            return Charset.forName(n);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static boolean isValidUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
