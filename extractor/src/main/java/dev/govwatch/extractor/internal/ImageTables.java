package dev.govwatch.extractor.internal;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import dev.govwatch.extractor.internal.ocr.OcrPageReader;
import dev.govwatch.extractor.internal.ocr.Tesseract;
import dev.govwatch.schemas.PageImage;
import dev.govwatch.schemas.ReadMethod;

/**
 * A report page whose tables are pictures: the article's images (fetched by the crawler with the
 * page) read by OCR and their lines put where the images stand, so that the text path reads them
 * as it reads any table. Used only where the page's text left the statistics tables unread: OCR
 * runs only where there is no text.
 */
public final class ImageTables {

    /** Web images are usually 72–96 dpi; the engine reads figures best at 20–40 pixels high. */
    private static final int TARGET_WIDTH = 2400;
    private static final int MIN_WIDTH_TO_SCALE = 1600;

    private ImageTables() {
    }

    /** The outcome: the document with the images' lines in place, or why it could not be made. */
    public record Read(ReportDocument document, List<String> problems) {
    }

    /**
     * The document with each of its images that the page carries read by OCR and put in place.
     * Null document when no image could be read (the problems say why).
     */
    public static Read read(ReportDocument doc, List<PageImage> images) {
        List<String> problems = new ArrayList<>();
        var engine = Tesseract.find();
        if (engine.isEmpty()) {
            problems.add("the page's tables are images and " + Tesseract.missing());
            return new Read(null, problems);
        }
        Map<String, PageImage> byUrl = new HashMap<>();
        images.forEach(i -> byUrl.put(i.getUrl(), i));
        OcrPageReader reader = new OcrPageReader(engine.get());
        Map<Integer, List<String>> inserted = new HashMap<>();
        int read = 0;
        for (ReportDocument.ImageAt at : doc.images()) {
            PageImage image = byUrl.get(at.url());
            if (image == null) {
                continue;
            }
            try {
                BufferedImage picture = decode(image);
                if (picture == null) {
                    problems.add("image " + at.url() + " (" + image.getContentType() + ") is in a format that cannot be read");
                    continue;
                }
                List<String> lines = GlyphLines.layout(reader.read(scaled(picture), read + 1));
                inserted.computeIfAbsent(at.line(), k -> new ArrayList<>()).addAll(lines);
                read++;
            } catch (IOException | RuntimeException e) {
                problems.add("image " + at.url() + " could not be read by OCR: " + e.getMessage());
            }
        }
        if (read == 0) {
            return new Read(null, problems);
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i <= doc.lines().size(); i++) {
            lines.addAll(inserted.getOrDefault(i, List.of()));
            if (i < doc.lines().size()) {
                lines.add(doc.lines().get(i));
            }
        }
        // the grid cells of HTML rows are not kept: the merged document is read as lines throughout
        return new Read(new ReportDocument(lines, java.util.Collections.nCopies(lines.size(), null), doc.headerText(),
                doc.meta(), ReadMethod.OCR), problems);
    }

    private static BufferedImage decode(PageImage image) throws IOException {
        ByteBuffer body = image.getBody().duplicate();
        byte[] bytes = new byte[body.remaining()];
        body.get(bytes);
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    private static BufferedImage scaled(BufferedImage picture) {
        if (picture.getWidth() >= MIN_WIDTH_TO_SCALE) {
            return picture;
        }
        double scale = Math.min(3.0, TARGET_WIDTH / (double) picture.getWidth());
        BufferedImage out = new BufferedImage((int) (picture.getWidth() * scale), (int) (picture.getHeight() * scale),
                BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(picture, 0, 0, out.getWidth(), out.getHeight(), null);
        g.dispose();
        return out;
    }
}
