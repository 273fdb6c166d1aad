package org.chancery.embassy.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.chancery.embassy.service.Embassy;
import org.chancery.messaging.HopConsumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The embassy's work, from {@code chancery.dispatch.embassy}. */
@ApplicationScoped
public class DispatchListener {

    @Inject
    HopConsumer consumer;

    @Inject
    Embassy embassy;

    @Incoming("dispatch")
    @Blocking
    public CompletionStage<Void> onDispatch(Message<String> message) {
        return consumer.consume(message, embassy::carry);
    }
}
