package dev.streamflow.adapter.red5;

import org.red5.server.api.listeners.IScopeListener;
import org.red5.server.api.scope.IBasicScope;
import org.red5.server.api.scope.IBroadcastScope;
import org.red5.server.api.scope.IScope;
import org.red5.server.api.stream.IBroadcastStream;
import org.red5.server.api.stream.IClientBroadcastStream;
import org.red5.server.messaging.PipeConnectionEvent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hooks the broadcasts of every application on the server without touching any application. Red5 adds a
 * broadcast scope to an application's scope for each published stream name and tells the server's scope
 * listeners, a few milliseconds later on a scheduler thread (so the first packets may have passed;
 * {@link StreamIngestListener} recovers their codec configuration). The scope is a pipe whose provider is the
 * publisher: its connect and disconnect events start and end the stream, also when Red5 1.3 keeps the scope for
 * a later publish of the same name, and when it never removes the scope at all.
 */
final class BroadcastScopeListener implements IScopeListener {
    private final Red5Ingest ingest;
    private final Map<IBasicScope, IBroadcastStream> publishers = new ConcurrentHashMap<>();

    BroadcastScopeListener(Red5Ingest ingest) {
        this.ingest = ingest;
    }

    @Override
    public void notifyBasicScopeAdded(IBasicScope scope) {
        if (scope instanceof IBroadcastScope broadcast) {
            broadcast.addPipeConnectionListener(event -> onPipeEvent(broadcast, event));
            // Server-side streams (playlists) are providers too, but no client publishes them: left alone.
            broadcast.getProviders().stream().filter(IClientBroadcastStream.class::isInstance).findFirst()
                    .ifPresent(publisher -> started(broadcast, (IClientBroadcastStream) publisher));
        }
    }

    @Override
    public void notifyBasicScopeRemoved(IBasicScope scope) {
        IBroadcastStream publisher = publishers.remove(scope);
        if (publisher != null) {
            ingest.broadcastClosed(publisher);
        }
    }

    @Override
    public void notifyScopeCreated(IScope scope) {
    }

    @Override
    public void notifyScopeRemoved(IScope scope) {
    }

    private void onPipeEvent(IBroadcastScope scope, PipeConnectionEvent event) {
        if (event.getProvider() instanceof IClientBroadcastStream publisher) {
            switch (event.getType()) {
                case PROVIDER_CONNECT_PUSH -> started(scope, publisher);
                case PROVIDER_DISCONNECT -> ended(scope, publisher);
                default -> { }
            }
        }
    }

    private void started(IBasicScope scope, IClientBroadcastStream publisher) {
        if (publishers.put(scope, publisher) != publisher) {
            PublisherDuty.mark(publisher.getConnection());
            ingest.broadcastStarted(publisher);
        }
    }

    private void ended(IBasicScope scope, IBroadcastStream publisher) {
        if (publishers.remove(scope, publisher)) {
            ingest.broadcastClosed(publisher);
        }
    }
}
