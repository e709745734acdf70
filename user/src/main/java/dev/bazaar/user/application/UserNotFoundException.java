package dev.bazaar.user.application;

import dev.bazaar.infra.http.ProblemException;

/** No user with the id a request names (or the id in its token). */
public class UserNotFoundException extends ProblemException {

    private static final long serialVersionUID = 1L;

    public UserNotFoundException(Object id) {
        super(404, "User not found", "No user with id " + id);
    }
}
