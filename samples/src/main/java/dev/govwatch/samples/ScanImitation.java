package dev.govwatch.samples;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * A text PDF made into what an office's scanner makes of its printout: every page an image only
 * (no text layer), at a scanner's resolution, tilted by a fraction of a degree, with speckle noise,
 * a grey paper tone and JPEG compression. The figures are the text PDF's, so the scan's extraction
 * can be compared with it cell for cell.
 */
public final class ScanImitation {

    private ScanImitation() {
    }

    /**
     * @param tiltDegrees the page's tilt on the scanner glass
     * @param seed        the noise
     */
    public static byte[] scan(byte[] pdf, double tiltDegrees, int dpi, long seed) throws IOException {
        Random random = new Random(seed);
        try (PDDocument source = Loader.loadPDF(pdf); PDDocument out = new PDDocument()) {
            PDFRenderer renderer = new PDFRenderer(source);
            for (int i = 0; i < source.getNumberOfPages(); i++) {
                PDRectangle box = source.getPage(i).getMediaBox();
                BufferedImage page = renderer.renderImageWithDPI(i, dpi, ImageType.GRAY);
                BufferedImage scanned = degrade(page, tiltDegrees * (i % 2 == 0 ? 1 : -0.6), random);
                PDPage target = new PDPage(box);
                out.addPage(target);
                PDImageXObject image = JPEGFactory.createFromImage(out, scanned, 0.8f);
                try (PDPageContentStream content = new PDPageContentStream(out, target)) {
                    content.drawImage(image, 0, 0, box.getWidth(), box.getHeight());
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            out.save(bytes);
            return bytes.toByteArray();
        }
    }

    static BufferedImage degrade(BufferedImage page, double tiltDegrees, Random random) {
        BufferedImage out = new BufferedImage(page.getWidth(), page.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = out.createGraphics();
        g.setColor(new Color(236, 236, 236));
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(page, AffineTransform.getRotateInstance(Math.toRadians(tiltDegrees), page.getWidth() / 2.0,
                page.getHeight() / 2.0), null);
        g.dispose();
        var raster = out.getRaster();
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                int v = raster.getSample(x, y, 0);
                // paper tone and sensor noise everywhere; now and then a dark speck
                v = Math.min(v, 236) + (int) Math.round(random.nextGaussian() * 9);
                if (random.nextInt(4000) == 0) {
                    v = 40 + random.nextInt(60);
                }
                raster.setSample(x, y, 0, Math.max(0, Math.min(255, v)));
            }
        }
        return out;
    }
}
