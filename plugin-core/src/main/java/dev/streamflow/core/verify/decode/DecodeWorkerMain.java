package dev.streamflow.core.verify.decode;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_version;
import static org.bytedeco.ffmpeg.global.avformat.avformat_version;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.swscale.swscale_version;

/**
 * The worker process: loads FFmpeg, says so with the handshake word, then answers requests from standard input
 * on standard output, one at a time, until standard input closes (the parent is gone or done). Diagnostics go to
 * standard error, which the parent keeps the tail of.
 */
public final class DecodeWorkerMain {

    private DecodeWorkerMain() {
    }

    public static void main(String[] args) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 20));
        System.setOut(System.err); // nothing but replies may reach the parent's pipe
        DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
        av_log_set_level(AV_LOG_ERROR);
        // Load every library a check needs now, so that one which cannot load fails the start, not a check.
        avformat_version();
        avcodec_version();
        swscale_version();
        out.writeInt(Wire.MAGIC);
        out.flush();
        while (true) {
            DecodeRequest request;
            try {
                request = DecodeRequest.read(in);
            } catch (EOFException e) {
                return;
            }
            answer(request, out);
        }
    }

    private static void answer(DecodeRequest request, DataOutputStream out) throws IOException {
        DecodeReply reply;
        try {
            reply = RequestDecoder.decode(request, () -> markSourceDecoded(out));
        } catch (RuntimeException e) {
            reply = DecodeReply.failed(DecodeReply.Outcome.ERROR, "the decode worker failed: " + e);
        }
        reply.write(out);
        out.flush();
    }

    private static void markSourceDecoded(DataOutputStream out) {
        try {
            out.writeByte(DecodeReply.SOURCE_DECODED);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
