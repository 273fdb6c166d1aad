package org.chancery.hotline.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.chancery.events.registry.LinkStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An operator's declaration of a line's status. */
@Schema(name = "StatusDeclaration")
public record StatusDeclaration(
        @Schema(examples = "DOWN") @NotNull LinkStatus status,
        @Schema(examples = "cable cut near Helsinki") @Size(max = 500) String note) {
}
