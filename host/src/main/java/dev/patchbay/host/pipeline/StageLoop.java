package dev.patchbay.host.pipeline;

/**
 * What one stage thread does, in order: {@link #create} its plugin instances, {@link #run} until its input
 * ends or the run stops, then {@link #close} what it created. {@link PipelineRun} drives the three steps and
 * turns what they throw into the attempt's outcome.
 */
interface StageLoop {

    /** Creates the stage's instances through their seams. */
    void create();

    /** Moves records until the input ends or the run leaves RUNNING and DRAINING. */
    void run() throws InterruptedException;

    /** Closes what {@link #create} made, even after a failure; each close goes through its seam. */
    void close();
}
