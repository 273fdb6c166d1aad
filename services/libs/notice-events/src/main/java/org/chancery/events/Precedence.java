package org.chancery.events;

/** Handling precedence, most urgent first; kept separate from classification. */
public enum Precedence {
    FLASH, IMMEDIATE, PRIORITY, ROUTINE
}
