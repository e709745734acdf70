package dev.bazaar.user.application;

import dev.bazaar.infra.http.ProblemException;

/** Login failed. One message for an unknown email and a wrong password, so it cannot be used to probe emails. */
public class InvalidCredentialsException extends ProblemException {

    private static final long serialVersionUID = 1L;

    public InvalidCredentialsException() {
        super(401, "Invalid credentials", "invalid email or password");
    }
}
