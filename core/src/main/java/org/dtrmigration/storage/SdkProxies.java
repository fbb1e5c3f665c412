package org.dtrmigration.storage;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import okhttp3.Authenticator;
import okhttp3.Credentials;
import software.amazon.awssdk.http.apache.ProxyConfiguration;

/**
 * Routes OkHttp the way the SDK's Apache client routes with the same {@link ProxyConfiguration}: through its proxy,
 * except for hosts matching its non-proxy entries (regular expressions: the SDK turns {@code *.corp.example} from
 * {@code http.nonProxyHosts} or {@code NO_PROXY} into {@code .*?.corp.example}, and its route planner matches the
 * host against them),
 * answering a 407 with its user and password. So a store's signed requests and its SDK requests never leave by
 * different ways (an agent behind a proxy would otherwise list through it and PUT around it).
 */
final class SdkProxies extends ProxySelector {

    private final Proxy proxy;
    private final List<Pattern> direct;

    SdkProxies(ProxyConfiguration configuration) {
        this.proxy = configuration.host() == null || configuration.host().isEmpty() ? Proxy.NO_PROXY
                : new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(configuration.host(), configuration.port()));
        this.direct = configuration.nonProxyHosts().stream().map(SdkProxies::pattern).filter(java.util.Objects::nonNull).toList();
    }

    private static Pattern pattern(String entry) {
        try {
            return Pattern.compile(entry.trim());
        } catch (PatternSyntaxException e) {
            return null; // the SDK's planner could not match it either
        }
    }

    @Override
    public List<Proxy> select(URI uri) {
        String host = uri.getHost();
        if (proxy == Proxy.NO_PROXY || (host != null && direct.stream().anyMatch(p -> p.matcher(host.toLowerCase(Locale.ROOT)).matches()))) {
            return List.of(Proxy.NO_PROXY);
        }
        return List.of(proxy);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException e) {
        // OkHttp reports the failure itself; there is no other proxy to fall back to.
    }

    static Authenticator authenticator(ProxyConfiguration configuration) {
        if (configuration.username() == null || configuration.username().isEmpty()) {
            return Authenticator.NONE;
        }
        String credential = Credentials.basic(configuration.username(), configuration.password() == null ? "" : configuration.password());
        return (route, response) -> response.request().header("Proxy-Authorization") != null
                ? null // already tried: give up rather than loop
                : response.request().newBuilder().header("Proxy-Authorization", credential).build();
    }
}
