package org.chancery.protectingpower.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.chancery.messaging.HopConsumer;
import org.chancery.protectingpower.service.ProtectingPower;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The protecting power's work, from {@code chancery.dispatch.protecting-power}. */
@ApplicationScoped
public class DispatchListener {

    @Inject
    HopConsumer consumer;

    @Inject
    ProtectingPower power;

    @Incoming("dispatch")
    @Blocking
    public CompletionStage<Void> onDispatch(Message<String> message) {
        return consumer.consume(message, power::carry);
    }
}
