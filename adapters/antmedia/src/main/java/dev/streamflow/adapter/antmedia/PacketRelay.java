package dev.streamflow.adapter.antmedia;

import dev.streamflow.core.ingest.MediaPacket;
import dev.streamflow.core.ingest.MediaPacket.Kind;
import dev.streamflow.core.ingest.StreamHandle;
import dev.streamflow.core.ingest.StreamKey;
import io.antmedia.plugin.api.IPacketListener;
import io.antmedia.plugin.api.StreamParametersInfo;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The packet listener of one transcoded stream. Ant Media calls it on the stream's muxing thread, under its own
 * lock, with an {@code AVPacket} it reuses afterwards, so each packet is copied before the callback returns and
 * handed to the stream's {@link StreamHandle}. The stream-info callbacks (from the thread that adds the
 * listener) and the end of the stream (writeTrailer, or streamFinished from another thread) are serialised on
 * this object. Nothing is ever thrown back into the host.
 */
final class PacketRelay implements IPacketListener {
    private static final Logger log = LoggerFactory.getLogger(PacketRelay.class);

    private final StreamKey stream;
    private final StreamHandle handle;
    private Optional<Track> video = Optional.empty();
    private Optional<Track> audio = Optional.empty();
    private boolean closed;

    PacketRelay(StreamKey stream, StreamHandle handle) {
        this.stream = stream;
        this.handle = handle;
    }

    @Override
    public synchronized void setVideoStreamInfo(String streamId, StreamParametersInfo info) {
        video = describe(Kind.VIDEO, info);
    }

    @Override
    public synchronized void setAudioStreamInfo(String streamId, StreamParametersInfo info) {
        audio = describe(Kind.AUDIO, info);
    }

    @Override
    public synchronized AVPacket onVideoPacket(String streamId, AVPacket packet) {
        video.ifPresent(track -> relay(track, packet));
        return packet;
    }

    @Override
    public synchronized AVPacket onAudioPacket(String streamId, AVPacket packet) {
        audio.ifPresent(track -> relay(track, packet));
        return packet;
    }

    @Override
    public void writeTrailer(String streamId) {
        close();
    }

    /** Ends the stream's HLS; later packets are ignored. Safe to call more than once. */
    synchronized void close() {
        if (!closed) {
            closed = true;
            handle.close();
        }
    }

    private Optional<Track> describe(Kind kind, StreamParametersInfo info) {
        try {
            Optional<Track> track = Track.of(kind, info);
            track.flatMap(Track::config).ifPresent(this::deliver);
            return track;
        } catch (RuntimeException e) {
            giveUp("its " + kind + " parameters", e);
            return Optional.empty();
        }
    }

    private void relay(Track track, AVPacket packet) {
        try {
            track.copy(packet).ifPresent(this::deliver);
        } catch (RuntimeException e) {
            giveUp("a " + track.kind() + " packet", e);
        }
    }

    private void deliver(MediaPacket packet) {
        if (!closed) {
            handle.packet(packet);
        }
    }

    /** A failure here is ours, not the host's: this stream stops being transcoded and the host goes on. */
    private void giveUp(String what, RuntimeException e) {
        if (!closed) {
            log.error("{}: cannot copy {} from Ant Media; the stream is no longer transcoded (the host's own output is unaffected)",
                    stream, what, e);
            close();
        }
    }
}
