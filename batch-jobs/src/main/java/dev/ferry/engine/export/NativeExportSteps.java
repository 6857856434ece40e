package dev.ferry.engine.export;

/** The names the export job uses to run the native chain's step. */
public final class NativeExportSteps {

	/** The seed's node name, which the native manager step keeps. */
	public static final String STEP_NAME = "exportDataFromCluster";

	/** The bean of the native manager step. */
	public static final String MANAGER_BEAN = "nativeExportDataFromCluster";

	private NativeExportSteps() {
	}

	/** Whether a step execution is one of a native export's partitions (not a node of the workflow). */
	public static boolean isPartition(String stepName) {
		return Partitions.isPartition(stepName);
	}

}
