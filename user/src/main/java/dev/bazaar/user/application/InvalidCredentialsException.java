package dev.bazaar.user.application;

/** Login failed. One message for an unknown email and a wrong password, so it cannot be used to probe emails. */
public class InvalidCredentialsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidCredentialsException() {
        super("invalid email or password");
    }
}
