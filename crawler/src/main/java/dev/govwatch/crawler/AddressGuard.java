package dev.govwatch.crawler;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * The SSRF guard: a link or redirect to a loopback, private, link-local or otherwise internal
 * address is refused unless the portal explicitly allows it (tests, intranet portals).
 */
final class AddressGuard {

    private AddressGuard() {
    }

    /** Why the URL may not be fetched, or null if it may. */
    static String refusal(String url, boolean allowPrivate) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return "not a URL: " + url;
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            return "only http and https are fetched: " + url;
        }
        if (allowPrivate) {
            return null;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress() || address.isMulticastAddress()
                        || (address.getAddress().length == 16 && (address.getAddress()[0] & 0xfe) == 0xfc)) {
                    return "refused: " + uri.getHost() + " resolves to the internal address " + address.getHostAddress();
                }
            }
        } catch (UnknownHostException e) {
            return "unknown host " + uri.getHost();
        }
        return null;
    }
}
