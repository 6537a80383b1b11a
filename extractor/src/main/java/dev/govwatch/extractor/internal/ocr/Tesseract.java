package dev.govwatch.extractor.internal.ocr;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

/**
 * Tesseract 5 run as a process, one call per image, its words read from the TSV it prints.
 *
 * <p>Why a process and not a Java binding (Tess4J): the engine is native code; in-process, a crash
 * or a runaway page takes the stream thread and the JVM with it, and a JNI call cannot be timed
 * out. A process is killed after {@link #timeout}, its memory is its own, and a user installs only
 * Debian's {@code tesseract-ocr} and {@code tesseract-ocr-chi-sim} ({@code scripts/install-ocr}).
 * One engine thread per call ({@code OMP_THREAD_LIMIT=1}): the stream threads are the parallelism.
 */
public final class Tesseract {

    /** Environment variable naming the tesseract executable; "tesseract" on the PATH by default. */
    public static final String COMMAND_ENV = "GOVWATCH_TESSERACT";
    /** The Simplified Chinese model (Debian's tesseract-ocr-chi-sim). */
    public static final String CHINESE = "chi_sim";
    /** The English model, which Debian installs with the engine: the best reader of figures alone. */
    public static final String DIGITS = "eng";
    /** Images larger than this are refused before they reach the engine (memory bound). */
    public static final long MAX_PIXELS = 40_000_000L;

    /** System property naming the executable; overrides {@link #COMMAND_ENV}. */
    public static final String COMMAND_PROPERTY = "govwatch.tesseract";

    private static final java.util.concurrent.ConcurrentMap<String, Tesseract> FOUND = new java.util.concurrent.ConcurrentHashMap<>();

    private final String command;
    private final Duration timeout;

    Tesseract(String command, Duration timeout) {
        this.command = command;
        this.timeout = timeout;
    }

    private static String command() {
        return Optional.ofNullable(System.getProperty(COMMAND_PROPERTY)).or(() -> Optional.ofNullable(System.getenv(COMMAND_ENV)))
                .orElse("tesseract");
    }

    /**
     * The installed engine with its Chinese model, or empty with the reason in {@link #missing()}.
     * An engine found is remembered; a missing one is looked for again next time (it may have been
     * installed since).
     */
    public static Optional<Tesseract> find() {
        String command = command();
        Tesseract known = FOUND.get(command);
        if (known != null) {
            return Optional.of(known);
        }
        if (!languages(command).contains(CHINESE)) {
            return Optional.empty();
        }
        return Optional.of(FOUND.computeIfAbsent(command, c -> new Tesseract(c, Duration.ofSeconds(90))));
    }

    /** Why {@link #find()} is empty, for dead letters and CLI errors. */
    public static String missing() {
        String command = command();
        List<String> langs = languages(command);
        return langs.isEmpty()
                ? "OCR is not installed (no '" + command + "' on this machine; scripts/install-ocr installs Debian's tesseract-ocr and tesseract-ocr-chi-sim)"
                : "OCR has no Simplified Chinese model (tesseract lists " + langs + "; install tesseract-ocr-chi-sim)";
    }

    private static List<String> languages(String command) {
        try {
            Process p = new ProcessBuilder(command, "--list-langs").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return List.of();
            }
            List<String> langs = new ArrayList<>();
            for (String line : out.split("\\R")) {
                if (line.matches("[a-z_]+")) {
                    langs.add(line);
                }
            }
            return langs;
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /**
     * The words of an image.
     *
     * @param language  the model: {@link #CHINESE}, or {@link #DIGITS} for figures alone
     * @param psm       Tesseract's page segmentation mode (11: sparse text, every word wherever it is)
     * @param whitelist characters the engine may answer, or null for any
     */
    public List<OcrWord> words(BufferedImage image, String language, int psm, String whitelist) throws IOException {
        return wordsEach(List.of(image), language, psm, whitelist).get(0);
    }

    /**
     * The words of each of several images, read by one engine process (Tesseract takes a file that
     * lists images and reads each as a page): small images such as table cells cost a start each otherwise.
     */
    public List<List<OcrWord>> wordsEach(List<BufferedImage> images, String language, int psm, String whitelist)
            throws IOException {
        for (BufferedImage image : images) {
            if ((long) image.getWidth() * image.getHeight() > MAX_PIXELS) {
                throw new IOException("image of " + image.getWidth() + "×" + image.getHeight()
                        + " pixels is over the OCR bound of " + MAX_PIXELS + " pixels");
            }
        }
        Path dir = Files.createTempDirectory("govwatch-ocr");
        try {
            StringBuilder list = new StringBuilder();
            for (int i = 0; i < images.size(); i++) {
                Path file = dir.resolve(i + ".png");
                ImageIO.write(images.get(i), "png", file.toFile());
                list.append(file).append('\n');
            }
            Path input = images.size() == 1 ? dir.resolve("0.png") : Files.writeString(dir.resolve("list.txt"), list);
            List<String> args = new ArrayList<>(List.of(command, input.toString(), "stdout", "-l", language,
                    "--psm", Integer.toString(psm)));
            if (whitelist != null) {
                args.addAll(List.of("-c", "tessedit_char_whitelist=" + whitelist));
            }
            args.add("tsv");
            ProcessBuilder builder = new ProcessBuilder(args).redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("OMP_THREAD_LIMIT", "1");
            Process process = builder.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> copy(process.getInputStream(), out), "ocr-reader");
            reader.setDaemon(true);
            reader.start();
            long limit = timeout.toMillis() + 500L * (images.size() - 1);
            try {
                if (!process.waitFor(limit, TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IOException("OCR took over " + limit / 1000 + " s for " + images.size() + " image(s); stopped");
                }
                reader.join(5_000);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("OCR interrupted", e);
            }
            if (process.exitValue() != 0) {
                throw new IOException("tesseract exited with " + process.exitValue());
            }
            return parse(out.toString(StandardCharsets.UTF_8), images.size());
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            // the process was killed; the caller reports the timeout
        }
    }

    /** Words (TSV level 5) from Tesseract's TSV output, per page (image) of the input. */
    static List<List<OcrWord>> parse(String tsv, int pages) {
        List<List<OcrWord>> words = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            words.add(new ArrayList<>());
        }
        for (String line : tsv.split("\\R")) {
            String[] f = line.split("\t", -1);
            if (f.length < 12 || !"5".equals(f[0]) || f[11].isBlank()) {
                continue;
            }
            int page = Integer.parseInt(f[1]) - 1;
            if (page >= 0 && page < pages) {
                words.get(page).add(new OcrWord(f[11].strip(), Integer.parseInt(f[6]), Integer.parseInt(f[7]),
                        Integer.parseInt(f[8]), Integer.parseInt(f[9]), Float.parseFloat(f[10])));
            }
        }
        return words;
    }
}
