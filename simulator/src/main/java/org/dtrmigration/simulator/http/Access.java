package org.dtrmigration.simulator.http;

/** Who may call a route. */
public enum Access {
    /** No credentials needed ({@code /_ping}, {@code docs.json}). */
    ANYONE,
    /** Any user with valid credentials. */
    USER,
    /** An admin (settings, cluster status, jobs, crons). */
    ADMIN
}
