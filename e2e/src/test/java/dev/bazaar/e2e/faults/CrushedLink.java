package dev.bazaar.e2e.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.core.throttle.Throttler;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

/** A TCP proxy in front of a server port that a test can slow down, freeze, or cut. */
public final class CrushedLink implements AutoCloseable {

    private final NioReactor reactor;
    private final TcpCrusher crusher;
    private final AtomicLong delayNanos = new AtomicLong();
    private final int port;

    public CrushedLink(int targetPort) throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        reactor = new NioReactor();
        Throttler delay = buffer -> delayNanos.get() == 0 ? Throttler.NO_DELAY_NS : delayNanos.get();
        crusher = TcpCrusherBuilder.builder().withReactor(reactor)
                .withBindAddress("127.0.0.1", port).withConnectAddress("127.0.0.1", targetPort)
                .withIncomingThrottlerFactory(address -> delay).withOutgoingThrottlerFactory(address -> delay)
                .buildAndOpen();
    }

    public int port() {
        return port;
    }

    void delay(Duration latency) {
        delayNanos.set(latency.toNanos());
    }

    /** Stops moving bytes on every connection (they stay open, as with a hung network path). */
    public void freeze() {
        crusher.freeze();
    }

    public void unfreeze() {
        crusher.unfreeze();
    }

    /** Drops every established connection at once. */
    void cutAll() {
        crusher.closeAllPairs();
    }

    @Override
    public void close() {
        crusher.close();
        reactor.close();
    }
}
