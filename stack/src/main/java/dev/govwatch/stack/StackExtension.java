package dev.govwatch.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands integration tests a running {@link Stack}: {@code @ExtendWith(StackExtension.class)} and a
 * {@code Stack} parameter. One stack serves every test class of a test JVM and stops when the JVM's
 * tests are done. The system property {@code govwatch.test.stack} chooses it: {@code embedded}
 * (default: child JVMs, no Docker needed) or {@code containers} (Testcontainers, needs Docker;
 * Maven profile {@code -Pcontainers}).
 */
public final class StackExtension implements ParameterResolver {

    public static final String MODE_PROPERTY = "govwatch.test.stack";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StackExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Stack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        try {
            return context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent("stack", key -> new SharedStack(startStack()), SharedStack.class).stack;
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("cannot start the test stack: " + e.getMessage(), e);
        }
    }

    private static Stack startStack() {
        String mode = System.getProperty(MODE_PROPERTY, "embedded");
        switch (mode) {
            case "embedded":
                try {
                    Path dir = Files.createTempDirectory("govwatch-test-stack");
                    return new TemporaryStack(EmbeddedStack.start(dir), dir);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            case "containers":
                // Loaded by name: the Testcontainers classes are only on the classpath with -Pcontainers.
                try {
                    return (Stack) Class.forName("dev.govwatch.stack.ContainerStack").getMethod("start").invoke(null);
                } catch (ReflectiveOperationException e) {
                    throw new StackException("cannot start the container stack (is -Pcontainers active and Docker running?): "
                            + e, e);
                }
            default:
                throw new StackException(MODE_PROPERTY + " must be 'embedded' or 'containers', not '" + mode + "'");
        }
    }

    /** Closed by JUnit when the root context closes, i.e. after the last test of the JVM. */
    private record SharedStack(Stack stack) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            stack.close();
        }
    }

    /** An embedded stack whose data directory is deleted when it stops. */
    private record TemporaryStack(EmbeddedStack stack, Path dir) implements Stack {
        @Override
        public String bootstrapServers() {
            return stack.bootstrapServers();
        }

        @Override
        public String registryUrl() {
            return stack.registryUrl();
        }

        @Override
        public void close() {
            stack.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A leftover temp directory is harmless.
            }
        }
    }
}
