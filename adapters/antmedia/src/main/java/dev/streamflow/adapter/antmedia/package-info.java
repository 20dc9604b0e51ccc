/**
 * Ant Media Server adapter: host glue from stream and packet listeners to the plugin IngestHook. Filled by the drop-in JAR work; the host entry class will live in io.antmedia.plugin.
 */
package dev.streamflow.adapter.antmedia;
