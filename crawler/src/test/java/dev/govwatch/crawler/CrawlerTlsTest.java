package dev.govwatch.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.Message;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.impl.bootstrap.HttpAsyncServer;
import org.apache.hc.core5.http.nio.AsyncRequestConsumer;
import org.apache.hc.core5.http.nio.AsyncServerRequestHandler;
import org.apache.hc.core5.http.nio.entity.DiscardingEntityConsumer;
import org.apache.hc.core5.http.nio.support.AsyncResponseBuilder;
import org.apache.hc.core5.http.nio.support.BasicRequestConsumer;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.http2.impl.nio.bootstrap.H2ServerBootstrap;
import org.apache.hc.core5.http2.ssl.H2ServerTlsStrategy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.ListenerEndpoint;
import org.apache.hc.core5.ssl.SSLContexts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.Portal;
import dev.govwatch.schemas.PortalState;
import dev.govwatch.schemas.Region;

/**
 * A portal behind a self-signed certificate that only speaks HTTP/2 (as an nginx with
 * {@code http2 on} and a lapsed certificate would): refused and reported by default, crawled over
 * HTTP/2 once the portal opts in to broken TLS.
 */
class CrawlerTlsTest {

    private static HttpAsyncServer server;
    private static String base;
    private static final List<String> protocols = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("portal.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "portal", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=portal.example.gov.cn", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(out).isZero();
        SSLContext tls = SSLContexts.custom().loadKeyMaterial(keystore, "changeit".toCharArray(), "changeit".toCharArray()).build();

        server = H2ServerBootstrap.bootstrap()
                .setCanonicalHostName("127.0.0.1")
                .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_2)
                .setTlsStrategy(new H2ServerTlsStrategy(tls))
                .register("*", new Pages())
                .create();
        server.start();
        ListenerEndpoint endpoint = server.listen(new InetSocketAddress("127.0.0.1", 0), URIScheme.HTTPS).get();
        base = "https://127.0.0.1:" + ((InetSocketAddress) endpoint.getAddress()).getPort();
    }

    @AfterAll
    static void stop() {
        server.close(CloseMode.IMMEDIATE);
    }

    @Test
    void aBrokenCertificateIsReportedForThePortalUnlessItOptsIn() throws Exception {
        MemorySink sink = new MemorySink();
        try (Crawler crawler = new Crawler(CrawlerSettings.defaults().withDefaultDelay(Duration.ofMillis(20)), sink, Clock.systemUTC())) {
            Crawler.Sweep strict = crawler.sweep(portal("strict", false)).get();
            assertThat(strict.listPages()).isZero();
            assertThat(sink.pages).isEmpty();
            assertThat(sink.statuses).singleElement().satisfies(s -> {
                assertThat(s.getPortalId()).isEqualTo("strict");
                assertThat(s.getState()).isEqualTo(PortalState.UNREACHABLE);
                assertThat(s.getDetail()).startsWith("https://").contains("TLS failure").contains("acceptBrokenTls");
            });

            Crawler.Sweep lenient = crawler.sweep(portal("lenient", true)).get();
            assertThat(lenient.listPages()).as(sink.statuses.toString()).isEqualTo(1);
            assertThat(lenient.published()).isEqualTo(1);
            assertThat(sink.pages).singleElement().satisfies(p -> assertThat(p.getUrl()).isEqualTo(base + "/nb/t1.html"));
            // The server speaks nothing but HTTP/2, so every answered request was negotiated to it.
            assertThat(protocols).isNotEmpty().allSatisfy(v -> assertThat(v).isEqualTo("HTTP/2.0"));
        }
    }

    private static Portal portal(String id, boolean acceptBrokenTls) {
        return Portal.newBuilder().setId(id).setName("测试县").setRegion(Region.newBuilder().build())
                .setListPages(List.of(base + "/nb/index.html")).setHostDelayMillis(20)
                .setAcceptBrokenTls(acceptBrokenTls).setAllowPrivateAddresses(true).build();
    }

    /** robots.txt 404, one list page, one report. */
    private static final class Pages implements AsyncServerRequestHandler<Message<HttpRequest, Void>> {
        @Override
        public AsyncRequestConsumer<Message<HttpRequest, Void>> prepare(HttpRequest request, EntityDetails entity,
                                                                       HttpContext context) {
            return new BasicRequestConsumer<>(entity == null ? null : new DiscardingEntityConsumer<>());
        }

        @Override
        public void handle(Message<HttpRequest, Void> message, ResponseTrigger trigger, HttpContext context)
                throws IOException, org.apache.hc.core5.http.HttpException {
            protocols.add(context.getProtocolVersion().toString());
            String path = message.getHead().getPath();
            String body;
            int status = 200;
            if (path.equals("/nb/index.html")) {
                body = "<html><body><a href=\"t1.html\">测试县2024年政府信息公开工作年度报告</a></body></html>";
            } else if (path.equals("/nb/t1.html")) {
                body = new Report2021Page(3).html;
            } else {
                status = 404;
                body = "not found";
            }
            trigger.submitResponse(AsyncResponseBuilder.create(status)
                    .setEntity(body, ContentType.TEXT_HTML.withCharset(StandardCharsets.UTF_8)).build(), context);
        }
    }
}
