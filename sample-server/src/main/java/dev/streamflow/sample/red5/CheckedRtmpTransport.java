package dev.streamflow.sample.red5;

import org.red5.server.net.rtmp.RTMPMinaTransport;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Red5's RTMP transport, with two things the sample server needs: a failed bind (port in use) fails the
 * start instead of only being logged, and the bound port can be read back (for port 0).
 */
public class CheckedRtmpTransport extends RTMPMinaTransport {

    @Override
    public void start() throws Exception {
        super.start();
        if (acceptor.getLocalAddresses().isEmpty()) {
            stop();
            throw new IllegalStateException("RTMP cannot listen on " + String.join(", ", addresses)
                    + " (is the port in use?)");
        }
    }

    /** The port the transport listens on. */
    public int boundPort() {
        for (SocketAddress address : acceptor.getLocalAddresses()) {
            if (address instanceof InetSocketAddress inet) {
                return inet.getPort();
            }
        }
        throw new IllegalStateException("RTMP transport is not bound");
    }
}
