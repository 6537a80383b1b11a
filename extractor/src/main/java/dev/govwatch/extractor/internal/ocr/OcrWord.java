package dev.govwatch.extractor.internal.ocr;

/**
 * One word as Tesseract read it: its text, its box in image pixels and its confidence (0–100).
 */
public record OcrWord(String text, int left, int top, int width, int height, float confidence) {

    public int right() {
        return left + width;
    }

    public int bottom() {
        return top + height;
    }

    public float centerY() {
        return top + height / 2f;
    }
}
