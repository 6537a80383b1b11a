package dev.govwatch.extractor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class PageDecoderTest {

    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final String TEXT = "沂源县2019年政府信息公开工作年度报告";

    @Test
    void gbkPageWithCharsetOnlyInItsMetaTagIsReadAsGb18030() {
        byte[] body = ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body>"
                + TEXT + "</body></html>").getBytes(GB18030);

        PageDecoder.Decoded decoded = PageDecoder.decode(body, "text/html", null);

        assertThat(decoded.charset()).isEqualTo(GB18030);
        assertThat(decoded.text()).contains(TEXT);
    }

    @Test
    void aCharacterOutsideGb2312InAPageDeclaredGb2312Survives() {
        String rare = "䶮"; // outside GB2312, inside GB18030
        byte[] body = ("<meta charset=\"GB2312\">" + rare).getBytes(GB18030);

        assertThat(PageDecoder.decode(body, null, null).text()).contains(rare);
    }

    @Test
    void theHeaderCharsetWinsOverTheMetaTag() {
        byte[] body = ("<meta charset=\"gbk\">" + TEXT).getBytes(StandardCharsets.UTF_8);

        assertThat(PageDecoder.decode(body, "text/html; charset=UTF-8", null).text()).contains(TEXT);
    }

    @Test
    void aByteOrderMarkWinsOverEverything() {
        byte[] text = ("<meta charset=\"gbk\">" + TEXT).getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[text.length + 3];
        body[0] = (byte) 0xEF;
        body[1] = (byte) 0xBB;
        body[2] = (byte) 0xBF;
        System.arraycopy(text, 0, body, 3, text.length);

        assertThat(PageDecoder.decode(body, "text/html; charset=gbk", null).text()).contains(TEXT);
    }

    @Test
    void undeclaredBytesAreUtf8WhenValidElseGb18030() {
        assertThat(PageDecoder.decode(TEXT.getBytes(StandardCharsets.UTF_8), null, null).charset())
                .isEqualTo(StandardCharsets.UTF_8);
        assertThat(PageDecoder.decode(TEXT.getBytes(GB18030), null, null).text()).isEqualTo(TEXT);
    }
}
