package dev.streamflow.core;

import jakarta.inject.Qualifier;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** The thread pool the local engine transcodes on. */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@interface LocalWorkers {
}
