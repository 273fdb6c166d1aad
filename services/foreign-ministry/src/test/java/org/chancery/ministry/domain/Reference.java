package org.chancery.ministry.domain;

/** The states and regimes Chancery ships, for tests outside the domain package that need no container. */
public final class Reference {

    private Reference() {
    }

    public static States states() {
        return new States();
    }

    public static Regimes regimes() {
        return new Regimes();
    }
}
