/**
 * Wowza Streaming Engine adapter. {@link dev.streamflow.adapter.wowza.WowzaPackets} (no Wowza types) is built and
 * tested in every build; the module classes that use Wowza's API live in {@code src/wowza/java} and are compiled
 * only with {@code -Dwowza.lib.dir=<WSE>/lib}, against the admin's own Wowza JARs.
 */
package dev.streamflow.adapter.wowza;
