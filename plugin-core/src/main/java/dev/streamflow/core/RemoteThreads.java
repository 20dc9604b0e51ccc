package dev.streamflow.core;

import jakarta.inject.Qualifier;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** The threads remote exchanges block on: GetOrchestrator calls and segment attempts, one per call in flight. */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@interface RemoteThreads {
}
