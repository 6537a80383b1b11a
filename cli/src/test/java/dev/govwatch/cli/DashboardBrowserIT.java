package dev.govwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import picocli.CommandLine;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and chromium-driver, installed by
 * {@code scripts/install-browser} when missing), on the data of {@code govwatch demo}: the coverage
 * grid shows each state, the alert list filters by category, alerts are confirmed and dismissed
 * from the list and filtered by their review state, and a report's offending cells are highlighted. A screenshot is kept in {@code target/failsafe-reports/}.
 */
class DashboardBrowserIT {

    private static Path chromium;
    private static Path chromedriver;

    @BeforeAll
    static void browser() throws Exception {
        {
            // Returns at once when everything is there.
            Path script = repositoryRoot().resolve("scripts/install-browser");
            Process install = new ProcessBuilder(script.toString()).redirectErrorStream(true).start();
            String output = new String(install.getInputStream().readAllBytes());
            if (!install.waitFor(10, TimeUnit.MINUTES) || install.exitValue() != 0) {
                fail("the browser test needs chromium and chromedriver; scripts/install-browser could not install them:\n" + output);
            }
        }
        chromium = find("chromium").orElseThrow();
        chromedriver = find("chromedriver").orElseThrow();
    }

    @Test
    void theDashboardShowsCoverageAlertsAndTheOffendingCells(@TempDir Path dir) throws Exception {
        DemoCommand demo = new DemoCommand();
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(demo).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(new StringWriter(), true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute("--speed", "3", "--http-port", "0",
                "--data-dir", dir.resolve("demo").toString()));
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (!out.toString().contains("every category has appeared") && !exit.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertThat(out.toString()).contains("every category has appeared");
            String url = out.toString().replaceAll("(?s).*dashboard: (http://\\S+).*", "$1");

            ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile())
                    .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=zh-CN");
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile()).build();
            WebDriver browser = new ChromeDriver(service, options);
            try {
                browser.get(url);
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
                summary(browser, wait);
                browser.findElement(By.id("tab-coverage")).click();
                wait.until(d -> !d.findElements(By.cssSelector("#coverage td.cell[data-status='BLOCKED']")).isEmpty());
                assertThat(status(browser, "示范县卫生健康委员会")).isEqualTo("MISSING");
                assertThat(status(browser, "云岭县人民政府")).isEqualTo("BLOCKED");
                assertThat(status(browser, "示范县财政局")).isEqualTo("LATE");
                assertThat(status(browser, "关山县人民政府")).isEqualTo("ON_TIME");

                browser.findElement(By.id("tab-alerts")).click();
                new Select(browser.findElement(By.id("category"))).selectByValue("DUPLICATE");
                List<String> shown = fresh(browser, d -> d.findElements(By.cssSelector("#alerts tbody tr")).stream()
                        .map(r -> r.getAttribute("data-category")).toList());
                assertThat(shown).isNotEmpty().allSatisfy(category -> assertThat(category).isEqualTo("DUPLICATE"));
                new Select(browser.findElement(By.id("category"))).selectByValue("");
                List<String> categories = fresh(browser, d -> d.findElements(By.cssSelector("#alerts tbody tr")).stream()
                        .map(r -> r.getAttribute("data-category")).distinct().toList());
                // CHANGED is an event, not a condition: it never stays open.
                assertThat(categories).contains("MISSING", "BLOCKED", "LATE", "INCONSISTENT", "INCOMPLETE", "OUTDATED_FORMAT", "DUPLICATE");

                review(browser, wait);

                browser.findElement(By.id("tab-coverage")).click();
                fresh(browser, d -> {
                    cell(d, "示范县交通运输局", "2025").click();
                    return true;
                });
                wait.until(d -> !d.findElements(By.id("report-title")).isEmpty());
                assertThat(browser.findElement(By.id("report-title")).getText()).contains("示范县交通运输局").contains("2025");
                List<String> offending = browser.findElements(By.cssSelector("td.offending")).stream()
                        .map(td -> td.getAttribute("data-where")).toList();
                // The six 上年结转 cells that disagree with last year's 结转下年度, and the 表二 stock that does not follow.
                assertThat(offending).filteredOn(w -> w.startsWith("T3/apps.carriedIn/")).hasSize(6);
                assertThat(offending).allMatch(w -> w.startsWith("T3/apps.carriedIn/") || w.startsWith("T2/"));
                assertThat(browser.findElements(By.cssSelector("td[data-where^='T3/apps.new/']"))).isNotEmpty()
                        .noneMatch(td -> td.getAttribute("class") != null && td.getAttribute("class").contains("offending"));
                assertThat(browser.findElement(By.id("report-alerts")).getText()).contains("CARRY_OVER").contains("COPIED_TABLES");
                // Column heads in the template's words, the key in the tooltip; the agency's own trend drawn.
                WebElement head = browser.findElement(By.cssSelector("table[data-table='T3'] th[data-column='naturalPerson']"));
                assertThat(head.getText()).isEqualTo("自然人");
                assertThat(head.getAttribute("title")).isEqualTo("naturalPerson");
                assertThat(browser.findElement(By.cssSelector("table[data-table='T2'] th[data-column='issued']")).getText())
                        .isEqualTo("本年制发件数");
                wait.until(d -> !d.findElements(By.cssSelector("#agency-trend-chart canvas")).isEmpty());
                assertThat(Integer.parseInt(browser.findElement(By.id("agency-trend-chart")).getAttribute("data-points"))).isPositive();

                File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
                Path kept = Path.of("target", "failsafe-reports", "dashboard-report-view.png");
                Files.createDirectories(kept.getParent());
                Files.copy(shot.toPath(), kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                assertThat(Files.size(kept)).isGreaterThan(10_000);
            } catch (RuntimeException | AssertionError e) {
                File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
                Path kept = Path.of("target", "failsafe-reports", "dashboard-failure.png");
                Files.createDirectories(kept.getParent());
                Files.copy(shot.toPath(), kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                throw e;
            } finally {
                browser.quit();
            }
        } finally {
            demo.stop.request();
            assertThat(exit.get(3, TimeUnit.MINUTES)).isZero();
        }
    }

    /**
     * The summary opens the dashboard: the year now due, the counts of the place in view, the places
     * under it with their rates, drilled down to the county whose grid then shows; the league and
     * trend charts are drawn (uPlot canvases) from the metrics; the agency search opens a report.
     */
    private static void summary(WebDriver browser, WebDriverWait wait) {
        int due = java.time.LocalDate.now().getYear() - 1;
        assertThat(browser.findElement(By.id("due")).getText()).contains(due + "年度");
        wait.until(d -> Integer.parseInt(d.findElement(By.cssSelector("#summary-stats [data-stat='EXPECTED'] b")).getText()) > 0);
        wait.until(d -> Integer.parseInt(d.findElement(By.cssSelector("#summary-stats [data-stat='MISSING'] b")).getText()) > 0);
        wait.until(d -> !d.findElements(By.cssSelector("#places tbody tr[data-key='示范省']")).isEmpty());
        wait.until(d -> !d.findElements(By.cssSelector("#trend-chart canvas")).isEmpty());
        assertThat(Integer.parseInt(browser.findElement(By.id("trend-chart")).getAttribute("data-points"))).isPositive();
        // Nation → 示范省 → 示范市: the prefecture's counties are the places now, each with its rate and interval.
        click(wait, "#places tbody tr[data-key='示范省']");
        wait.until(d -> d.findElement(By.id("crumbs")).getText().contains("示范省"));
        click(wait, "#places tbody tr[data-key='示范市']");
        // 云岭县's portal cannot be read (BLOCKED): it has no report, so no rates, and is not a row.
        wait.until(d -> d.findElements(By.cssSelector("#places tbody tr")).size() == 2);
        String places = browser.findElement(By.id("places")).getText();
        assertThat(places).contains("示范县").contains("关山县").contains("%").contains("n=");
        // A league chart with the ranked counties, or every county named as too small to rank.
        wait.until(d -> !d.findElements(By.cssSelector("#league-chart canvas")).isEmpty()
                || d.findElement(By.id("small-samples")).getText().contains("样本不足"));
        click(wait, "#places tbody tr[data-key='示范县']");
        wait.until(d -> !d.findElements(By.cssSelector("#summary-coverage td.cell")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#summary-coverage td.cell[data-agency^='关山县']"))).isEmpty();
        click(wait, "#crumbs a[data-key='全国']");
        browser.findElement(By.id("search")).sendKeys("交通运输");
        wait.until(d -> !d.findElements(By.cssSelector("#search-results li[data-agency='示范县交通运输局']")).isEmpty());
        browser.findElement(By.id("search")).clear();
    }

    private static void click(WebDriverWait wait, String css) {
        wait.until(d -> {
            try {
                d.findElement(By.cssSelector(css)).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
                return false;
            }
        });
    }

    /**
     * Confirms one alert and dismisses another from the alert list (a dismissal without a reason is
     * refused and says so), then filters by review state; the decisions show with their trail.
     */
    private static void review(WebDriver browser, WebDriverWait wait) {
        String dismissed = fresh(browser, d -> firstId(d, "LATE"));
        String confirmed = fresh(browser, d -> firstId(d, "MISSING"));
        browser.findElement(By.id("reviewer")).sendKeys("王审核");

        press(browser, dismissed, "button.decide-dismiss");
        wait.until(d -> d.findElement(By.id("review-error")).getText().contains("dismissing needs a reason"));

        browser.findElement(By.id("reason")).sendKeys("部门已说明：系统故障延迟发布");
        press(browser, dismissed, "button.decide-dismiss");
        wait.until(d -> "DISMISSED".equals(reviewOf(d, dismissed)));
        browser.findElement(By.id("reason")).clear();
        press(browser, confirmed, "button.decide-confirm");
        wait.until(d -> "CONFIRMED".equals(reviewOf(d, confirmed)));
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement row = row(d, dismissed);
            String state = row.findElement(By.cssSelector(".review-state")).getText();
            return state.contains("已驳回") && state.contains("王审核") && state.contains("系统故障延迟发布")
                    && !row.findElements(By.cssSelector("details.trail")).isEmpty();
        });

        Select review = new Select(browser.findElement(By.id("review-filter")));
        review.selectByValue("UNDECIDED");
        List<String> undecided = ids(browser);
        assertThat(undecided).isNotEmpty().doesNotContain(dismissed, confirmed);
        review.selectByValue("DISMISSED");
        assertThat(ids(browser)).containsExactly(dismissed);
        review.selectByValue("");
        assertThat(ids(browser)).contains(dismissed, confirmed);
    }

    /** Clicks a button of an alert's row, looked up again if a redraw left it stale ({@link #fresh}). */
    private static void press(WebDriver browser, String id, String button) {
        fresh(browser, d -> {
            row(d, id).findElement(By.cssSelector(button)).click();
            return true;
        });
    }

    /** The id of the first alert row of {@code category}, or null while there is none (waited for by {@link #fresh}). */
    private static String firstId(WebDriver browser, String category) {
        return browser.findElements(By.cssSelector("#alerts tbody tr[data-category='" + category + "']")).stream()
                .findFirst().map(r -> r.getAttribute("data-id")).orElse(null);
    }

    private static WebElement row(WebDriver browser, String id) {
        return browser.findElements(By.cssSelector("#alerts tbody tr")).stream().filter(r -> id.equals(r.getAttribute("data-id")))
                .findFirst().orElseThrow(() -> new AssertionError("no alert row " + id));
    }

    private static String reviewOf(WebDriver browser, String id) {
        try {
            return row(browser, id).findElement(By.cssSelector("td.review")).getAttribute("data-review");
        } catch (StaleElementReferenceException e) {
            return null;
        }
    }

    private static List<String> ids(WebDriver browser) {
        for (int attempt = 0; ; attempt++) {
            try {
                return browser.findElements(By.cssSelector("#alerts tbody tr")).stream().map(r -> r.getAttribute("data-id")).toList();
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static String status(WebDriver browser, String agency) {
        return fresh(browser, d -> cell(d, agency, "2025").getAttribute("data-status"));
    }

    /**
     * What {@code read} gives once it runs on elements that stay put: the dashboard redraws its
     * coverage and alerts tables every 5 s, and an element found just before a redraw is stale by the
     * time it is clicked or read (fresh-clone-check on 37988d8 failed on that click), so it is found again.
     */
    private static <T> T fresh(WebDriver browser, java.util.function.Function<WebDriver, T> read) {
        return new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class).until(read::apply);
    }

    private static WebElement cell(WebDriver browser, String agency, String year) {
        return browser.findElement(By.cssSelector("#coverage td.cell[data-agency='" + agency + "'][data-year='" + year + "']"));
    }

    private static Optional<Path> find(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.of(path.split(File.pathSeparator)).map(p -> Path.of(p, program)).filter(Files::isExecutable).findFirst();
    }

    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("scripts/install-browser"))) {
                return p;
            }
        }
        throw new IllegalStateException("scripts/install-browser not found above " + Path.of("").toAbsolutePath());
    }
}
