package dev.patchbay.host.admin;

/** What a route does with a request. */
@FunctionalInterface
public interface RouteHandler {

    /**
     * Answers one request.
     *
     * @throws AdminException to refuse it with that status; any other exception is answered with 500 and logged
     */
    Response handle(Request request) throws Exception;
}
