package org.chancery.problem;

/** A refusal to answer with a problem body. */
public class ProblemException extends RuntimeException {

    private final Problem problem;

    public ProblemException(int status, String title, String detail) {
        super(detail);
        this.problem = Problem.of(status, title, detail);
    }

    public Problem problem() {
        return problem;
    }
}
