/**
 * Ant Media Server glue: the per-application {@link dev.streamflow.adapter.antmedia.AppIngest} that the host's
 * entry classes ({@code io.antmedia.plugin.StreamflowPlugin}, {@code io.antmedia.rest.StreamflowRestService})
 * delegate to, the packet relay that copies the host's {@code AVPacket}s into {@code MediaPacket}s, and the one
 * JVM-wide runtime shared by every application.
 */
package dev.streamflow.adapter.antmedia;
