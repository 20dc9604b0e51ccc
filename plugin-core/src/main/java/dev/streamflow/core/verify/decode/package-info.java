/**
 * The decode worker: a separate, long-lived JVM that decodes the deep check's sample frames and audio levels, so
 * that a crafted rendition which crashes or bloats FFmpeg takes down only the worker, never the host media server
 * (implementation notes §10). It stays up between checks, so a check pays for decoding and nothing else: no
 * process start, library loading or stream probing.
 *
 * <p>Everything in this package runs inside the worker and depends on the JDK and bytedeco FFmpeg only; the
 * parent side lives in {@code dev.streamflow.core.verify} ({@code DecodeWorkers}). The two talk over the worker's
 * standard input and output in the format of {@link dev.streamflow.core.verify.decode.DecodeRequest} and
 * {@link dev.streamflow.core.verify.decode.DecodeReply}.
 */
package dev.streamflow.core.verify.decode;
