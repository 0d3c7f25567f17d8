package io.soundmark.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads plug-ins with {@link ServiceLoader} so that one broken provider (a missing class, a
 * constructor that throws) is skipped with a warning instead of hiding every provider after it.
 */
public final class ServiceProviders {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceProviders.class);
    /** A loader that keeps failing on the same entry would loop: give up after this many failures. */
    private static final int MAX_FAILURES = 100;

    private ServiceProviders() {
    }

    /** Every provider of {@code service} that could be instantiated, in class-path order. */
    public static <T> List<T> load(Class<T> service, ClassLoader loader) {
        List<T> providers = new ArrayList<>();
        Iterator<T> it = ServiceLoader.load(service, loader).iterator();
        for (int failures = 0; failures < MAX_FAILURES; ) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                providers.add(it.next());
            } catch (ServiceConfigurationError e) {
                failures++;
                LOG.warn("skipping a {} that could not be loaded: {}", service.getSimpleName(), e.getMessage());
            }
        }
        return providers;
    }
}
