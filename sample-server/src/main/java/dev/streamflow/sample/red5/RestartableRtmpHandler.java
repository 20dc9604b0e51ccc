package dev.streamflow.sample.red5;

import org.red5.server.net.rtmp.RTMPHandler;

/**
 * Red5 1.3's RTMP handler shuts down the static executor that orders incoming stream packets when it is
 * destroyed, so every later embedded Red5 in the JVM rejects all audio and video. The executor is a cached
 * pool whose idle threads end on their own, so this handler leaves it running.
 */
public class RestartableRtmpHandler extends RTMPHandler {

    @Override
    public void destroy() {
        // keep the JVM-wide packet dispatch executor for the next server
    }
}
