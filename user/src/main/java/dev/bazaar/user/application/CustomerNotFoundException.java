package dev.bazaar.user.application;

/** No customer with the e-mail address a lookup names. */
public class CustomerNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CustomerNotFoundException(String email) {
        super("No customer with e-mail " + email);
    }
}
