package dev.bazaar.user.application;

import dev.bazaar.infra.http.ProblemException;

/** Sign-up with an email that already has an account (compared case-insensitively). */
public class EmailAlreadyRegisteredException extends ProblemException {

    private static final long serialVersionUID = 1L;

    public EmailAlreadyRegisteredException(String email) {
        super(409, "Email already registered", "An account with email " + email + " already exists");
    }
}
