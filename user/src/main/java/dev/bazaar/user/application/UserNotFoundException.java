package dev.bazaar.user.application;

/** No user with the id a request names (or the id in its token). */
public class UserNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UserNotFoundException(Object id) {
        super("No user with id " + id);
    }
}
