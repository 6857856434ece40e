package dev.ferry.tool;

import org.springframework.batch.core.step.StepExecution;

/**
 * A step that ends its own work when told to stop, besides the {@code STOPPING} status its threads pick up from the
 * job repository: {@link ExecutionStopper} tells it, as it tells a running tool's tasklet.
 */
public interface StoppableWork {

	/**
	 * Tells the step's work to end (from the stopping thread, with the step execution registered in the step scope).
	 * @return whether there was work to tell (the stop then waits for the step to end)
	 */
	boolean stopWork(StepExecution stepExecution);

}
