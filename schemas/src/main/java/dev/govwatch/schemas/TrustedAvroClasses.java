package dev.govwatch.schemas;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 instantiates only classes it trusts when it reads specific records; the generated
 * contracts of this package must be among them (deep copies through the generated builders check
 * too). Installed once, by whichever serde, extractor, validator or crawler comes first; the launcher
 * and the test JVMs also pass {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.govwatch.schemas}, which
 * Avro reads when it starts, so that records built before any of those are trusted too.
 */
public final class TrustedAvroClasses {

    private static boolean installed;

    private TrustedAvroClasses() {
    }

    /** Idempotent; every entry point that copies or reads govwatch records calls it. */
    public static synchronized void install() {
        if (!installed) {
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(),
                    type -> type.getPackageName().equals(TrustedAvroClasses.class.getPackageName())));
            installed = true;
        }
    }
}
