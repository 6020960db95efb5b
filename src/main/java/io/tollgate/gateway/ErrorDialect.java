package io.tollgate.gateway;

/** Step 5 of the guard: how a route words a refusal. */
interface ErrorDialect {

    /** The response for a verdict that does not admit the request. */
    Rejection rejection(Verdict verdict, RoutePolicy policy);
}
