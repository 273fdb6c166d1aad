package org.chancery.hotline.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.chancery.hotline.service.Switchboard;
import org.chancery.messaging.HopConsumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The hotline's work, from {@code chancery.dispatch.hotline}. */
@ApplicationScoped
public class DispatchListener {

    @Inject
    HopConsumer consumer;

    @Inject
    Switchboard switchboard;

    @Incoming("dispatch")
    @Blocking
    public CompletionStage<Void> onDispatch(Message<String> message) {
        return consumer.consume(message, switchboard::carry);
    }
}
