package dev.govwatch.schemas;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 instantiates only classes it trusts when it reads specific records; the generated
 * contracts of this package must be among them. Installed once, by whatever serde comes first.
 */
final class TrustedAvroClasses {

    private static boolean installed;

    private TrustedAvroClasses() {
    }

    static synchronized void install() {
        if (!installed) {
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(),
                    type -> type.getPackageName().equals(TrustedAvroClasses.class.getPackageName())));
            installed = true;
        }
    }
}
