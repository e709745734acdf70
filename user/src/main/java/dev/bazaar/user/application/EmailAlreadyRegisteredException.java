package dev.bazaar.user.application;

/** Sign-up with an email that already has an account (compared case-insensitively). */
public class EmailAlreadyRegisteredException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EmailAlreadyRegisteredException(String email) {
        super("An account with email " + email + " already exists");
    }
}
