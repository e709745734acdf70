package dev.bazaar.infra.outbox;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Wraps every {@code @WithTransaction} method (outside Panache's own interceptor, priority 200) in
 * {@link PublishAfterCommit}, so an HTTP command's outbox rows are published as soon as its transaction committed.
 */
@WithTransaction
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
class PublishAfterCommitInterceptor {

    private final PublishAfterCommit publishAfterCommit;

    PublishAfterCommitInterceptor(PublishAfterCommit publishAfterCommit) {
        this.publishAfterCommit = publishAfterCommit;
    }

    @AroundInvoke
    Object intercept(InvocationContext context) throws Exception {
        if (!Uni.class.isAssignableFrom(context.getMethod().getReturnType())) {
            return context.proceed();
        }
        return publishAfterCommit.run(() -> proceed(context));
    }

    @SuppressWarnings("unchecked")
    private static Uni<Object> proceed(InvocationContext context) {
        try {
            return (Uni<Object>) context.proceed();
        } catch (Exception e) {
            return Uni.createFrom().failure(e);
        }
    }
}
