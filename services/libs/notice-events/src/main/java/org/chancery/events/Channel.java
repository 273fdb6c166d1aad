package org.chancery.events;

/** The ways one state can give notice to another; each is carried by its own service. */
public enum Channel {
    /** The sending state's embassy (resident, or accredited from abroad), or its permanent mission to the UN. */
    EMBASSY(Service.EMBASSY),
    /** A dedicated link between capitals or militaries. */
    HOTLINE(Service.HOTLINE),
    /** A third state relays where relations are broken. */
    PROTECTING_POWER(Service.PROTECTING_POWER),
    /**
     * A third state offering its good offices passes the message on, informally (Oman between the
     * United States and Iran); only when the sender allows it. Carried by the protecting-power
     * service, the service of third states that relay.
     */
    MEDIATOR(Service.PROTECTING_POWER);

    private final Service service;

    Channel(Service service) {
        this.service = service;
    }

    /** The name of the service that carries this channel, e.g. {@code protecting-power}. */
    public String service() {
        return service.id();
    }
}
