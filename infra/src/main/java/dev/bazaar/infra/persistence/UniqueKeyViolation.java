package dev.bazaar.infra.persistence;

import org.hibernate.exception.ConstraintViolationException;

import io.vertx.pgclient.PgException;

/** Recognises a failed write that broke a named unique constraint, however Hibernate Reactive wrapped it. */
public final class UniqueKeyViolation {

    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueKeyViolation() {
    }

    public static boolean of(Throwable failure, String constraintName) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation
                    && constraintName.equalsIgnoreCase(violation.getConstraintName())) {
                return true;
            }
            if (cause instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                    && constraintName.equalsIgnoreCase(pg.getConstraint())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
