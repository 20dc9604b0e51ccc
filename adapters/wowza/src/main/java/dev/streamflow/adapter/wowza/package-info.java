/**
 * Wowza Streaming Engine module, built only with -Dwowza.lib.dir pointing at the admin's own Wowza lib folder. Filled by the drop-in JAR work.
 */
package dev.streamflow.adapter.wowza;
