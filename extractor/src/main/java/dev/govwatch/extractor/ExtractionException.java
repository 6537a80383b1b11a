package dev.govwatch.extractor;

/** A page that looks like an annual report could not be read; the message says why. */
public final class ExtractionException extends RuntimeException {

    public ExtractionException(String message) {
        super(message);
    }
}
