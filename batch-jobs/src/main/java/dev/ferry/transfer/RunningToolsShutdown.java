package dev.ferry.transfer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import dev.ferry.tool.RunningTools;

/**
 * When Ferry shuts down, no tool keeps running without it: every live tool process tree is terminated, and the
 * steps that ran them end STOPPED (restartable).
 */
@Component
class RunningToolsShutdown implements DisposableBean {

	@Override
	public void destroy() {
		RunningTools.terminateAll();
	}

}
